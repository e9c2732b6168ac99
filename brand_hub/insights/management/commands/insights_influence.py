"""Rank prosumers by influence in every scope (everyone, each language, each group) and store it."""

import time

from django.core.management.base import BaseCommand

from brand_hub.insights.influence import compute_influence


class Command(BaseCommand):
    help = (
        "Recompute the influence ranking of prosumers (PageRank over who responds to whom in the last "
        "INSIGHTS_INFLUENCE_WINDOW_DAYS days) for everyone, each language and each group, replacing the "
        "stored scores. Run it nightly from cron."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        ranked = compute_influence(
            progress=lambda scope, people, seconds: self.stdout.write(
                f"{scope}: {people:,} ranked in {seconds:.2f} s"
            )
        )
        self.stdout.write(
            f"Influence computed for {len(ranked):,} scopes, {sum(ranked.values()):,} rankings in "
            f"{time.perf_counter() - started:.2f} s (reading the activity included)"
        )
