"""Score the sentiment of every stored comment and idea again (after a lexicon or rule change)."""

from django.core.management.base import BaseCommand, CommandError

from brand_hub.sentiment.services import rescore_everything


class Command(BaseCommand):
    help = (
        "Recompute the sentiment of all comments and ideas in batches; changed rows go to the search "
        "outbox, so the indices follow."
    )

    def add_arguments(self, parser):
        parser.add_argument("--only-missing", action="store_true", help="only rows without a sentiment yet")
        parser.add_argument("--batch-size", type=int, default=1000, help="rows read and written at a time")

    def handle(self, *args, only_missing: bool, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        for rescored in rescore_everything(only_missing=only_missing, batch_size=batch_size):
            self.stdout.write(f"{rescored.name}: {rescored.read} read, {rescored.changed} changed")
