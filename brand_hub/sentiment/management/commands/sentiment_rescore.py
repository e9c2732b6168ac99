"""Score the sentiment of every stored comment and idea again (after a lexicon or rule change)."""

from django.core.management.base import BaseCommand, CommandError

from brand_hub.sentiment.services import RescoreOptions, rescore_everything


class Command(BaseCommand):
    help = (
        "Recompute the sentiment of all comments and ideas in batches; changed rows go to the search "
        "outbox, so the indices follow, and the insights' figures are rebuilt at their next refresh. "
        "A run stopped half-way (or by --max-batches) goes on where it stopped when started again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--only-missing", action="store_true", help="only rows without a sentiment yet")
        parser.add_argument("--batch-size", type=int, default=1000, help="rows read and written at a time")
        parser.add_argument(
            "--max-batches", type=int, help="stop after this many batches of each kind; run again to go on"
        )
        parser.add_argument(
            "--restart", action="store_true", help="start from the first row, not where the last run stopped"
        )

    def handle(self, *args, only_missing: bool, batch_size: int, max_batches, restart: bool, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        if max_batches is not None and max_batches < 1:
            raise CommandError("--max-batches must be at least 1")
        options = RescoreOptions(
            only_missing=only_missing, batch_size=batch_size, restart=restart, max_batches=max_batches
        )
        for rescored in rescore_everything(options):
            line = f"{rescored.name}: {rescored.read} read, {rescored.changed} changed"
            if rescored.resumed_after:
                line += f", going on after id {rescored.resumed_after}"
            if not rescored.finished:
                line += "; not finished, run again to go on"
            self.stdout.write(line)
