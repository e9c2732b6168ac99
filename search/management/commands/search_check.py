"""Report the cluster's nodes and health, each index's shards, replicas and health, and compare what the
database holds with what each index holds: the drift and the documents indexed with an older analysis."""

from elasticsearch import NotFoundError, TransportError

from django.core.management.base import BaseCommand, CommandError

from search.client import elasticsearch_url, elasticsearch_urls, get_client
from search.models import PendingIndexUpdate, SearchedIndex
from search.outbox import INDICES
from search.prepared import ANALYSIS_VERSION
from search.sources import count_rows

#: Documents built by older code: their prepared fields (folded words, base forms) are not the ones
#: queries are now prepared to meet. Documents from before the version was recorded have none.
OLDER_ANALYSIS = {"bool": {"must_not": [{"term": {"analysis_version": ANALYSIS_VERSION}}]}}


class Command(BaseCommand):
    help = (
        "Report the Elasticsearch cluster's nodes and health; per index its shards, replicas and health, "
        "database and index counts, updates still waiting, the drift, and the documents indexed with an "
        "older analysis than this code's."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail-on-drift",
            action="store_true",
            help="Exit with an error on drift, documents with an older analysis, or a red index.",
        )

    def handle(self, *args, fail_on_drift: bool = False, **options):
        try:
            self._report_cluster()
        except TransportError as error:
            raise CommandError(f"Elasticsearch at {elasticsearch_url()} does not answer: {error}") from error
        drifted, red = [], []
        for name in SearchedIndex.values:
            alias = INDICES[name].alias_name()
            try:
                if self._report_layout(INDICES[name].alias_holders()) == "red":
                    red.append(name)
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
        if red and fail_on_drift:
            raise CommandError(
                f"{', '.join(red)} red: a primary shard has no copy on a running node; start the nodes"
            )

    def _styled(self, status: str, line: str) -> None:
        style = {"green": self.style.SUCCESS, "yellow": self.style.WARNING}.get(status, self.style.ERROR)
        self.stdout.write(style(line))

    def _report_cluster(self) -> None:
        """Which nodes answer and the cluster's health; the client's URLs when some node is missing."""
        client = get_client()
        health = client.cluster.health()
        nodes = sorted(client.cat.nodes(format="json", h="name,http,master"), key=lambda node: node["name"])
        names = ", ".join(f"{node['name']}{' (master)' if node['master'] == '*' else ''}" for node in nodes)
        self._styled(
            health["status"],
            f"cluster {health['cluster_name']}: {health['status']}, {health['number_of_nodes']} node(s): "
            f"{names}; {health['unassigned_shards']} unassigned shard(s)",
        )
        urls = elasticsearch_urls()
        if len(urls) != len(nodes):
            self._styled(
                "yellow",
                f"  the client lists {len(urls)} node URL(s) ({', '.join(urls)}), the cluster has "
                f"{len(nodes)} node(s)",
            )

    def _report_layout(self, indices: list[str]) -> str | None:
        """The indices behind an alias: primary shards, replicas, copies in place; their health."""
        if not indices:
            return None  # asked about a missing index, the health API waits for it to appear
        indices = get_client().cluster.health(index=indices, level="indices")["indices"]
        for index, health in sorted(indices.items()):
            self._styled(
                health["status"],
                f"{index}: {health['status']}, {health['number_of_shards']} primary shard(s), "
                f"{health['number_of_replicas']} replica(s), {health['active_shards']} shard copies active, "
                f"{health['unassigned_shards']} unassigned",
            )
        statuses = {health["status"] for health in indices.values()}
        return "red" if "red" in statuses else ("yellow" if "yellow" in statuses else None)
