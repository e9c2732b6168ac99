"""Rebuild the comments and ideas indices from the database, switching each alias when its copy is whole."""

import sys
import time

from elasticsearch import TransportError

from django.core.management.base import BaseCommand, CommandError

from search.client import elasticsearch_url
from search.models import SearchedIndex
from search.rebuild import rebuild


class Command(BaseCommand):
    help = "Rebuild search indices into new versions and switch their aliases atomically."

    def add_arguments(self, parser):
        parser.add_argument("--index", choices=[*SearchedIndex.values, "all"], default="all")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar (for logs).")

    def handle(self, *args, index: str, batch_size: int, no_progress: bool, **options):
        names = SearchedIndex.values if index == "all" else [index]
        for name in names:
            try:
                report = rebuild(
                    name, batch_size=batch_size, progress=None if no_progress else self._bar(name)
                )
            except TransportError as error:
                raise CommandError(f"Elasticsearch at {elasticsearch_url()} failed: {error}") from error
            if not no_progress:
                self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(
                    f"{name}: {report.documents:,} documents into {report.new_index} "
                    f"in {report.seconds:.1f} s ({report.per_second:,.0f}/s); alias switched"
                    + (f", replaced {', '.join(report.replaced)}" if report.replaced else "")
                )
            )

    def _bar(self, name: str):
        started = time.monotonic()

        def show(done: int, total: int) -> None:
            width = 30
            filled = int(width * done / total) if total else width
            rate = done / max(time.monotonic() - started, 1e-6)
            sys.stdout.write(
                f"\r{name:<9} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} {rate:,.0f}/s"
            )
            sys.stdout.flush()

        return show
