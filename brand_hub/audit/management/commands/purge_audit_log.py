"""Delete the audit log's entries older than AUDIT_RETENTION_DAYS (run it daily, from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from brand_hub.audit.services import purge_expired_entries


class Command(BaseCommand):
    help = "Delete the audit log's entries older than AUDIT_RETENTION_DAYS (0: keep them forever)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days instead of AUDIT_RETENTION_DAYS (0: delete nothing).",
        )

    def handle(self, *args, days, **options):
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more.")
        days = settings.AUDIT_RETENTION_DAYS if days is None else days
        deleted = purge_expired_entries(days=days)
        if not days:
            self.stdout.write("AUDIT_RETENTION_DAYS is 0: the audit log is kept forever.")
        else:
            self.stdout.write(f"Deleted {deleted} audit log entries older than {days} days.")
