"""Delete the audit log's entries older than AUDIT_RETENTION_DAYS: daily, from cron, or as a process
of its own with `--every 86400` (the topology's audit-purge-1)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from brand_hub.audit.services import purge_expired_entries


class Command(BaseCommand):
    help = (
        "Delete the audit log's entries older than AUDIT_RETENTION_DAYS (0: keep them forever). Run it "
        "daily from cron, or as a process with --every 86400."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days instead of AUDIT_RETENTION_DAYS (0: delete nothing).",
        )
        parser.add_argument(
            "--every", type=float, default=0, help="Purge again every this many seconds, until stopped."
        )

    def handle(self, *args, days, every, **options):
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more.")
        days = settings.AUDIT_RETENTION_DAYS if days is None else days
        while True:
            if not days:
                self.stdout.write("AUDIT_RETENTION_DAYS is 0: the audit log is kept forever.")
            else:
                deleted = purge_expired_entries(days=days)
                self.stdout.write(f"Deleted {deleted} audit log entries older than {days} days.")
            if not every:
                return
            time.sleep(every)
