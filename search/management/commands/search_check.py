"""Compare what the database holds with what each index holds, and report the drift and the documents
indexed with an older analysis."""

from elasticsearch import NotFoundError, TransportError

from django.core.management.base import BaseCommand, CommandError

from search.client import elasticsearch_url, get_client
from search.models import PendingIndexUpdate, SearchedIndex
from search.outbox import INDICES
from search.prepared import ANALYSIS_VERSION
from search.sources import count_rows

#: Documents built by older code: their prepared fields (folded words, base forms) are not the ones
#: queries are now prepared to meet. Documents from before the version was recorded have none.
OLDER_ANALYSIS = {"bool": {"must_not": [{"term": {"analysis_version": ANALYSIS_VERSION}}]}}


class Command(BaseCommand):
    help = (
        "Report database and index counts per index, updates still waiting, the drift, and the documents "
        "indexed with an older analysis than this code's."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail-on-drift",
            action="store_true",
            help="Exit with an error when counts differ or documents carry an older analysis.",
        )

    def handle(self, *args, fail_on_drift: bool = False, **options):
        drifted = []
        for name in SearchedIndex.values:
            alias = INDICES[name].alias_name()
            try:
                get_client().indices.refresh(index=alias)
                indexed = get_client().count(index=alias)["count"]
                older = get_client().count(index=alias, query=OLDER_ANALYSIS)["count"]
            except NotFoundError:
                indexed = older = 0
            except TransportError as error:
                raise CommandError(
                    f"Elasticsearch at {elasticsearch_url()} does not answer: {error}"
                ) from error
            stored = count_rows(name)
            waiting = PendingIndexUpdate.objects.filter(index=name).count()
            drift = stored - indexed
            line = f"{name}: database {stored:,}, index {indexed:,}, waiting {waiting:,}, drift {drift:+,}"
            if older:
                line += (
                    f", {older:,} indexed with an older analysis than v{ANALYSIS_VERSION} (search_reindex)"
                )
            if drift or older:
                drifted.append(name)
                self.stdout.write(self.style.WARNING(line + (" (updates waiting)" if waiting else "")))
            else:
                self.stdout.write(self.style.SUCCESS(line))
        if drifted and fail_on_drift:
            raise CommandError(
                f"drift or an older analysis in {', '.join(drifted)}; "
                "run search_worker --once or search_reindex"
            )
