"""Create Brand Hub's Elasticsearch indices that are missing, or all of them anew with --recreate."""

from elasticsearch import ConnectionError as ElasticsearchConnectionError

from django.core.management.base import BaseCommand, CommandError

from search.client import elasticsearch_url
from search.indices import SEARCH_INDICES


class Command(BaseCommand):
    help = "Create the missing search indices; --recreate drops and recreates them (emptying them)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--recreate",
            action="store_true",
            help="Delete each index first. Its documents are gone until they are indexed again.",
        )

    def handle(self, *args, recreate: bool = False, **options):
        try:
            for search_index in SEARCH_INDICES:
                self._create(search_index, recreate=recreate)
        except ElasticsearchConnectionError as error:
            raise CommandError(
                f"Elasticsearch does not answer at {elasticsearch_url()} ({error}); "
                "start it with `bash site/elasticsearch/elasticsearch.sh start`."
            ) from error

    def _create(self, search_index, *, recreate: bool) -> None:
        name = search_index.index_name()
        if recreate and search_index.delete_index(name=name):
            self.stdout.write(f"Deleted {name}")
        if search_index.index_exists(name=name):
            self.stdout.write(f"{name} already exists")
            return
        search_index.create_index(name=name)
        alias, holders = search_index.alias_name(), search_index.alias_holders()
        if name in holders:
            self.stdout.write(self.style.SUCCESS(f"Created {name} behind the alias {alias}"))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Created {name}; the alias {alias} stays on {', '.join(holders)}")
            )
