"""Rebuild an index from the database into a new version and switch its alias, losing no write meanwhile.

While the new index fills, the outbox sender writes every change to both the live index and the new
one (`IndexCursor.rebuild_target`). The bulk load carries the version taken when the rebuild began,
and every change sent meanwhile a higher one, so Elasticsearch keeps whichever is newer.
"""

import logging
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from elasticsearch.helpers import streaming_bulk

from django.db import transaction
from django.utils import timezone

from .client import get_client
from .indices.layout import replica_settings
from .models import IndexCursor
from .outbox import INDICES, send_pending
from .sources import count_rows, document_batches

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

# No replica while loading: Elasticsearch copies the finished shards to the replicas (a file copy)
# instead of indexing every document once more per copy while the load runs.
BULK_LOAD_SETTINGS = {
    "index": {
        "refresh_interval": "-1",
        "translog.durability": "async",
        "number_of_replicas": 0,
        "auto_expand_replicas": False,
    }
}
#: How long the switch waits for the replicas to be copied before moving the alias anyway (a node of
#: the cluster may be down: the index then serves, yellow, until it returns).
REPLICAS_TIMEOUT = "300s"


def serving_settings() -> dict:
    return {"index": {"refresh_interval": "1s", "translog.durability": "request", **replica_settings()}}


@dataclass
class RebuildReport:
    index: str
    new_index: str
    documents: int
    seconds: float
    replaced: list[str]

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def _start(index: str) -> tuple[str, int]:
    search_index = INDICES[index]
    IndexCursor.objects.get_or_create(index=index)
    with transaction.atomic():
        cursor = IndexCursor.objects.select_for_update().get(index=index)
        stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
        new_index = search_index.create_index(name=search_index.index_name(f"_{stamp}"), attach_alias=False)
        # Refreshing, a translog fsync per bulk request and replicas only cost time during a bulk
        # load; _switch restores them before readers see the index.
        get_client().indices.put_settings(index=new_index, settings=BULK_LOAD_SETTINGS)
        cursor.take_version()
        cursor.rebuild_target = new_index
        cursor.save(update_fields=["version", "rebuild_target"])
        return new_index, cursor.version


def _send_batch(client, actions: list[dict], *, batch_size: int) -> int:
    sent = 0
    for ok, item in streaming_bulk(
        client, actions, chunk_size=batch_size, raise_on_error=False, max_retries=3
    ):
        (operation,) = item.values()
        # 409: a change sent during the rebuild already put a newer copy there.
        if ok or operation.get("status") == 409:
            sent += 1
        else:
            raise RuntimeError(
                f"Elasticsearch refused document {operation.get('_id')}: {operation.get('error')}"
            )
    return sent


def _load(
    index: str, new_index: str, version: int, *, batch_size: int, senders: int, progress: Progress | None
) -> int:
    """Read and build each batch while Elasticsearch indexes the ones before (`senders` in flight).

    Building stays on this thread, with its database connection (and a test's transaction); only the
    bulk requests go to the sender threads, so the two halves of the work overlap. Two requests in
    flight let Elasticsearch index on both of a small machine's cores while this thread builds.
    """
    total = count_rows(index)
    client = get_client().options(request_timeout=120)
    loaded = sent = 0
    in_flight: deque[Future] = deque()
    with ThreadPoolExecutor(max_workers=senders, thread_name_prefix="search-rebuild") as pool:
        for documents in document_batches(index, batch_size=batch_size):
            actions = [
                {
                    "_index": new_index,
                    "_id": str(object_id),
                    "_source": document,
                    "version": version,
                    "version_type": "external",
                }
                for object_id, document in documents.items()
                if document is not None
            ]
            if len(in_flight) >= senders:
                sent += in_flight.popleft().result()
            in_flight.append(pool.submit(_send_batch, client, actions, batch_size=batch_size))
            loaded += len(documents)
            if progress:
                progress(loaded, total)
        while in_flight:
            sent += in_flight.popleft().result()
    return sent


def _switch(index: str, new_index: str) -> list[str]:
    """Send what is still due (to both indices), then move the alias while no sender runs."""
    while (report := send_pending(index)) is None or report.sent:
        if report is None:
            time.sleep(0.05)
    client = get_client()
    client.indices.put_settings(index=new_index, settings=serving_settings())
    client.indices.flush(index=new_index)  # what the asynchronous translog had not yet made durable
    client.indices.refresh(index=new_index)
    _wait_for_replicas(client, new_index)
    with transaction.atomic():
        cursor = IndexCursor.objects.select_for_update().get(index=index)
        replaced = INDICES[index].switch_alias(to=new_index)
        cursor.rebuild_target = ""
        cursor.save(update_fields=["rebuild_target"])
    for old in replaced:
        INDICES[index].delete_index(name=old)
    return replaced


def _wait_for_replicas(client, index: str) -> None:
    """Readers get the new index once its copies exist, unless they cannot all be placed (more replicas
    than other nodes, or a node down): then it serves yellow, as the old one would have."""
    replicas = int(client.indices.get_settings(index=index)[index]["settings"]["index"]["number_of_replicas"])
    if replicas >= client.cluster.health()["number_of_data_nodes"]:
        logger.warning("search: %s has %s replicas, more than the cluster can place", index, replicas)
        return
    health = client.cluster.health(index=index, wait_for_status="green", timeout=REPLICAS_TIMEOUT)
    if health["timed_out"]:
        logger.warning("search: %s serves with replicas missing (%s)", index, health["status"])


def abandon(index: str) -> None:
    """After a failed rebuild: stop writing to the half-built index and delete it."""
    cursor = IndexCursor.objects.filter(index=index).first()
    if cursor and cursor.rebuild_target:
        target = cursor.rebuild_target
        IndexCursor.objects.filter(index=index).update(rebuild_target="")
        INDICES[index].delete_index(name=target)


def rebuild(
    index: str, *, batch_size: int = 2000, senders: int = 2, progress: Progress | None = None
) -> RebuildReport:
    started = time.monotonic()
    new_index, version = _start(index)
    try:
        documents = _load(
            index, new_index, version, batch_size=batch_size, senders=senders, progress=progress
        )
        replaced = _switch(index, new_index)
    except BaseException:
        abandon(index)
        raise
    return RebuildReport(
        index=index,
        new_index=new_index,
        documents=documents,
        seconds=time.monotonic() - started,
        replaced=replaced,
    )
