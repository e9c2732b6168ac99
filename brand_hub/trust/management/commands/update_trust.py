"""Ends the suspensions that reached their end and stores the levels that time alone has changed.
Run it every few minutes: from cron, like the digests, or as a process with `--every 300` (the
topology's trust-1)."""

from brand_hub.core.periodic import PeriodicCommand
from brand_hub.trust.services import end_overdue_suspensions, refresh_levels


class Command(PeriodicCommand):
    help = (
        "Reinstate the accounts whose suspension reached its end (their hidden comments come back) and "
        "store the trust levels that time since sign-up changed."
    )

    def run_once(self, **options):
        ended = end_overdue_suspensions()
        changed = refresh_levels()
        self.stdout.write(f"{len(ended)} suspensions ended, {changed} trust levels changed.")
