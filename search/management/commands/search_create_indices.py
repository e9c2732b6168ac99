"""Create Brand Hub's Elasticsearch indices that are missing, or all of them anew with --recreate."""

from elasticsearch import ConnectionError as ElasticsearchConnectionError

from django.core.management.base import BaseCommand, CommandError

from search.client import elasticsearch_url
from search.indices.versioned import VersionedIndex
from search.outbox import INDICES


class Command(BaseCommand):
    help = (
        "Create the missing search indices (comments, ideas) behind their aliases, as the sender "
        "does on its first write; --recreate drops and recreates them (emptying them)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--recreate",
            action="store_true",
            help="Delete each index first. Its documents are gone until `search_reindex` fills it again.",
        )

    def handle(self, *args, recreate: bool = False, **options):
        try:
            for search_index in INDICES.values():
                self._create(search_index, recreate=recreate)
        except ElasticsearchConnectionError as error:
            raise CommandError(
                f"Elasticsearch does not answer at {elasticsearch_url()} ({error}); "
                "start it with `bash site/elasticsearch/elasticsearch.sh start`."
            ) from error

    def _create(self, search_index: VersionedIndex, *, recreate: bool) -> None:
        alias = search_index.alias_name()
        if recreate:
            for name in search_index.alias_holders():
                search_index.delete_index(name=name)
                self.stdout.write(f"Deleted {name}")
        holders = search_index.alias_holders()
        if holders:
            self.stdout.write(f"{alias} already exists ({', '.join(holders)})")
            return
        # The same index the sender's ensure() would create on its first write.
        name = search_index.ensure()
        self.stdout.write(self.style.SUCCESS(f"Created {name} behind the alias {alias}"))
