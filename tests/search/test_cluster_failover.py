"""A three-node Elasticsearch cluster loses a node: searches keep answering and writes reach the index.

The cluster is started by the runner (`ES_NODES=3 site/elasticsearch/elasticsearch.sh start`) on a
free block of ports, or on ES_CLUSTER_PORT (a cluster already running there is used, and left as it
was found); `-m es_cluster` selects these tests.
"""

import os
import random
import socket
import subprocess
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from django.core.management import call_command

from search.client import get_client
from search.indices.comments import COMMENTS
from search.models import PendingIndexUpdate
from search.queries.base import run_search
from tests.brand_hub.community.calls import say

# One worker starts the cluster once for the whole module, under `pytest -n` too.
pytestmark = [pytest.mark.elasticsearch, pytest.mark.es_cluster, pytest.mark.xdist_group("es_cluster")]

RUNNER = Path(__file__).resolve().parents[2] / "site" / "elasticsearch" / "elasticsearch.sh"
NODES = 3
TRANSPORT_OFFSET = 1000  # the runner's default: transport ports ES_PORT+1000+K-1


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_block() -> str:
    """A first HTTP port whose NODES HTTP ports and NODES transport ports nobody listens on."""
    for _ in range(100):
        base = random.randrange(20000, 29000)
        ports = [*range(base, base + NODES), *range(base + TRANSPORT_OFFSET, base + TRANSPORT_OFFSET + NODES)]
        if all(port_is_free(port) for port in ports):
            return str(base)
    raise RuntimeError("no free block of ports for a three-node cluster")


class Cluster:
    def __init__(self, port: str):
        self.port = port
        self.environment = {**os.environ, "ES_PORT": port, "ES_NODES": str(NODES)}

    def run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", str(RUNNER), *command],
            env=self.environment,
            capture_output=True,
            text=True,
            check=check,
            timeout=600,
        )

    def node_number(self, name: str) -> int:
        """Node K is named brand-hub-<its HTTP port>."""
        return int(name.removeprefix("brand-hub-")) - int(self.port) + 1


@pytest.fixture(scope="module")
def cluster():
    if os.environ.get("BRAND_HUB_SKIP_ELASTICSEARCH") == "1":
        pytest.skip("BRAND_HUB_SKIP_ELASTICSEARCH=1")
    cluster = Cluster(os.environ.get("ES_CLUSTER_PORT") or free_block())
    found_running = cluster.run("status", check=False).returncode == 0
    started = cluster.run("start", check=False)
    if started.returncode:
        pytest.fail(f"the runner could not start a three-node cluster:\n{started.stderr}", pytrace=False)
    (line,) = [line for line in started.stdout.splitlines() if line.startswith("ELASTICSEARCH_URL=")]
    cluster.url = line.removeprefix("ELASTICSEARCH_URL=")
    yield cluster
    # A cluster found running is left whole (`start` starts the nodes a test stopped); ours is stopped.
    cluster.run("start" if found_running else "stop")


@pytest.fixture
def on_cluster(cluster, settings):
    """The project's settings pointed at every node of the cluster, under an index prefix of its own."""
    settings.ELASTICSEARCH_URL = cluster.url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"cluster_{int(time.time() * 1000)}"
    yield get_client()
    client = Elasticsearch(cluster.url.split(","), request_timeout=60)
    for name in client.indices.get(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}_*", expand_wildcards="all"):
        client.indices.delete(index=name)


class Searcher(threading.Thread):
    """Searches the comments through the product's search call, back to back, noting each answer."""

    def __init__(self):
        super().__init__(daemon=True)
        self.answers: list[tuple[float, list[int]]] = []
        self.failures: list[str] = []
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            try:
                body = {"query": {"match": {"text": "tienda"}}, "size": 100}
                hits = run_search([COMMENTS.alias_name()], body)["hits"]["hits"]
            except Exception as error:  # counted: the test asserts there are none
                self.failures.append(f"{type(error).__name__}: {error}")
            else:
                self.answers.append((time.monotonic(), sorted(hit["_source"]["comment_id"] for hit in hits)))
            time.sleep(0.02)

    def answered_between(self, start: float, end: float) -> int:
        return sum(1 for at, _ids in self.answers if start <= at <= end)


def send_everything(*, within: float) -> None:
    """What search_worker does: send until nothing waits (a batch refused meanwhile waits its back-off)."""
    deadline = time.monotonic() + within
    while PendingIndexUpdate.objects.exists() and time.monotonic() < deadline:
        call_command("search_worker", "--once", stdout=open(os.devnull, "w"))
        time.sleep(0.2)


@pytest.mark.django_db
def test_every_index_on_the_cluster_has_a_replica_and_search_check_lists_the_nodes(on_cluster, post, lucia):
    say(lucia, post, "La tienda de Bilbao abre el domingo")
    send_everything(within=30)
    (index,) = COMMENTS.alias_holders()
    on_cluster.cluster.health(wait_for_status="green", timeout="60s")  # the ideas index's replica too
    layout = on_cluster.indices.get_settings(index=index)[index]["settings"]["index"]
    assert (layout["number_of_shards"], layout["number_of_replicas"]) == ("1", "1")
    out = StringIO()
    call_command("search_check", stdout=out)
    assert f"{index}: green, 1 primary shard(s), 1 replica(s), 2 shard copies active" in out.getvalue()
    assert ": green, 3 node(s): brand-hub-" in out.getvalue()


@pytest.mark.django_db
def test_searches_answer_and_writes_reach_the_index_while_the_node_with_the_primary_is_down(
    cluster, on_cluster, post, lucia, marek
):
    first = say(lucia, post, "La tienda de Bilbao abre el domingo").json()["id"]
    send_everything(within=30)
    alias = COMMENTS.alias_name()
    on_cluster.cluster.health(index=alias, wait_for_status="green", timeout="60s")
    shards = on_cluster.cat.shards(index=alias, format="json", h="prirep,node")
    (primary,) = [shard["node"] for shard in shards if shard["prirep"] == "p"]
    victim = cluster.node_number(primary)

    searcher = Searcher()
    searcher.start()
    try:
        time.sleep(1)
        stopped_at = time.monotonic()
        cluster.run("stop-node", str(victim))
        during = [say(marek, post, f"La tienda no tiene mi talla {n}").json()["id"] for n in range(3)]
        send_everything(within=60)
        assert not PendingIndexUpdate.objects.exists()
        wanted = sorted([first, *during])
        deadline = time.monotonic() + 30
        while not (searcher.answers and searcher.answers[-1][1] == wanted) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(0.5)
        ended_at = time.monotonic()
    finally:
        searcher.done.set()
        searcher.join(timeout=30)

    assert searcher.failures == []
    assert searcher.answered_between(stopped_at, ended_at) >= 10  # it kept answering while the node was down
    assert searcher.answers[-1][1] == wanted  # every write made while it was down is found, each once
    (new_primary,) = [
        shard["node"]
        for shard in on_cluster.cat.shards(index=alias, format="json", h="prirep,node")
        if shard["prirep"] == "p"
    ]
    assert new_primary != primary  # the replica took over
