"""Score ideas the triage has not scored yet (submitted before it existed, or made by the demo seeder)."""

from django.core.management.base import BaseCommand

from brand_hub.ideas.models import IdeaPage
from brand_hub.triage.models import IdeaTriage, TriageFlag
from brand_hub.triage.services import triage_idea


class Command(BaseCommand):
    help = (
        "Score the ideas without triage scores (--all: every idea again, after a rule or lexicon change) "
        "and print how many were flagged. Nothing about the ideas themselves changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", dest="every", help="score every idea again")

    def handle(self, *args, every: bool, **options):
        ideas = IdeaPage.objects.select_related("locale").order_by("pk")
        if not every:
            ideas = ideas.exclude(pk__in=IdeaTriage.objects.values("idea_id"))
        scored = flagged = 0
        for idea in ideas.iterator(chunk_size=500):
            scored += 1
            flagged += triage_idea(idea=idea).flag != TriageFlag.NONE
        self.stdout.write(f"ideas scored: {scored}, flagged: {flagged}")
