"""Run every few minutes (cron, like the digests): ends the suspensions that reached their end and
stores the levels that time alone has changed."""

from django.core.management.base import BaseCommand

from brand_hub.trust.services import end_overdue_suspensions, refresh_levels


class Command(BaseCommand):
    help = (
        "Reinstate the accounts whose suspension reached its end (their hidden comments come back) and "
        "store the trust levels that time since sign-up changed."
    )

    def handle(self, *args, **options):
        ended = end_overdue_suspensions()
        changed = refresh_levels()
        self.stdout.write(f"{len(ended)} suspensions ended, {changed} trust levels changed.")
