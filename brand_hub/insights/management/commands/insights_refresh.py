"""Rebuild the insights' daily roll-ups: the recent days, or all of them with --full."""

import time

from django.core.management.base import BaseCommand

from brand_hub.insights import rollups


class Command(BaseCommand):
    help = (
        "Recompute the insights' daily roll-ups from the stored data: the days since the last "
        "refresh plus INSIGHTS_REFRESH_OVERLAP_DAYS, or every day with --full. Run it from cron "
        "every few minutes, and with --full nightly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="Recompute every day from scratch")

    def handle(self, *args, full: bool, **options):
        started = time.perf_counter()
        written = rollups.refresh(full=full)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Roll-ups refreshed{' from scratch' if full else ''}: {written} rows in {seconds:.2f} s\n"
        )
