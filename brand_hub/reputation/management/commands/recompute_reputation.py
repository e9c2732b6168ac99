"""Rebuild every stored reputation from the outcomes, e.g. after the rules changed."""

from django.core.management.base import BaseCommand

from brand_hub.reputation.services import people_with_outcomes, recompute


class Command(BaseCommand):
    help = "Recompute every prosumer's reputation and badges from the stored outcomes."

    def handle(self, *args, **options):
        stored = recompute(people_with_outcomes())
        self.stdout.write(f"{stored} reputations stored.")
