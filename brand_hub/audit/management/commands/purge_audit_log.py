"""Delete the audit log's entries older than AUDIT_RETENTION_DAYS: daily, from cron, or as a process
of its own with `--every 86400` (the topology's audit-purge-1)."""

from django.conf import settings
from django.core.management.base import CommandError

from brand_hub.audit.services import purge_expired_entries
from brand_hub.core.periodic import PeriodicCommand


class Command(PeriodicCommand):
    help = (
        "Delete the audit log's entries older than AUDIT_RETENTION_DAYS (0: keep them forever). Run it "
        "daily from cron, or as a process with --every 86400."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days instead of AUDIT_RETENTION_DAYS (0: delete nothing).",
        )

    def handle(self, *args, days, **options):
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more.")
        super().handle(*args, days=settings.AUDIT_RETENTION_DAYS if days is None else days, **options)

    def run_once(self, *, days: int, **options):
        if not days:
            self.stdout.write("AUDIT_RETENTION_DAYS is 0: the audit log is kept forever.")
            return
        deleted = purge_expired_entries(days=days)
        self.stdout.write(f"Deleted {deleted} audit log entries older than {days} days.")
