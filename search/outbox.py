"""No lost writes: each change is stored with the data, sent to Elasticsearch later, retried till it lands."""

import logging
import random
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from elasticsearch import ApiError, TransportError
from elasticsearch.helpers import streaming_bulk

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .client import failover_retries, get_client
from .documents import comment_documents, idea_documents, mention_documents
from .indices.comments import COMMENTS
from .indices.ideas import IDEAS
from .indices.mentions import MENTIONS
from .models import IndexCursor, PendingIndexUpdate, SearchedIndex

logger = logging.getLogger(__name__)

INDICES = {SearchedIndex.COMMENTS: COMMENTS, SearchedIndex.IDEAS: IDEAS, SearchedIndex.MENTIONS: MENTIONS}
BUILDERS = {
    SearchedIndex.COMMENTS: comment_documents,
    SearchedIndex.IDEAS: idea_documents,
    SearchedIndex.MENTIONS: mention_documents,
}
MAX_BACKOFF_SECONDS = 300
SEND_TIMEOUT_SECONDS = 10


def record_change(index: str, object_ids: Iterable[int]) -> None:
    """Note that these objects changed; call it inside the transaction that changes them."""
    rows = [
        PendingIndexUpdate(index=index, object_id=object_id) for object_id in set(object_ids) if object_id
    ]
    if not rows:
        return
    PendingIndexUpdate.objects.bulk_create(rows)
    _send_after_commit(index)


class _Nudge:
    """The after-commit call of one transaction, which gathers the indices its changes touched."""

    def __init__(self, index: str):
        self.indices = {index}

    def __call__(self) -> None:
        _enqueue(sorted(self.indices))


#: Each connection's latest nudge, kept beside the connection rather than as an attribute set on it.
_nudges: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _send_after_commit(index: str) -> None:
    """One nudge per transaction: the worker task sends what is due once the data is committed.

    It sends only the indices the transaction changed: a comment's write does not poll the ideas
    outbox too. A rolled-back transaction drops its nudge with its other on-commit calls, and
    the next one registers its own.
    """
    if not settings.SEARCH_SEND_AFTER_COMMIT:
        return  # the search_worker process polls the outbox
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _enqueue([index])
        return
    nudge = _nudges.get(connection)
    # Django's private list of the transaction's on-commit calls (pinned by
    # tests/search/test_private_internals.py): a rollback to a savepoint drops the nudge from it.
    if nudge is not None and any(func is nudge for _savepoints, func, _robust in connection.run_on_commit):
        nudge.indices.add(index)
        return
    nudge = _nudges[connection] = _Nudge(index)
    transaction.on_commit(nudge)


def _enqueue(indices: list[str]) -> None:
    from .tasks import send_pending_updates

    try:
        send_pending_updates.enqueue(indices=indices)
    except Exception:  # the rows are stored: the worker sends them later
        logger.exception("could not enqueue the search sender")


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 ... seconds up to five minutes, with jitter so that senders do not stampede."""
    seconds = min(MAX_BACKOFF_SECONDS, 2 ** max(attempts - 1, 0))
    return timedelta(seconds=seconds * random.uniform(0.8, 1.2))


def _actions(index: str, documents: dict[int, dict | None], version: int, targets: list[str]):
    for object_id, document in documents.items():
        for target in targets:
            action = {
                "_index": target,
                "_id": str(object_id),
                "version": version,
                "version_type": "external",
            }
            if document is None:
                action["_op_type"] = "delete"
            else:
                action["_source"] = document
            yield action


def _send(index: str, documents: dict[int, dict | None], version: int, targets: list[str]) -> dict[int, str]:
    """Bulk-send; return {object id: error} for the documents Elasticsearch refused."""
    refused: dict[int, str] = {}
    # Fail fast: the rows wait with a backoff, and a caller waiting on a down node would stall writes.
    # In a cluster the batch goes to another node first (resending is safe: versions are external).
    client = get_client().options(request_timeout=SEND_TIMEOUT_SECONDS, max_retries=failover_retries())
    for ok, item in streaming_bulk(
        client,
        _actions(index, documents, version, targets),
        chunk_size=1000,
        raise_on_error=False,
        raise_on_exception=True,
        max_retries=2,
        initial_backoff=1,
    ):
        if ok:
            continue
        (operation,) = item.values()
        status = operation.get("status")
        # 409: a newer version is already there; 404 on delete: nothing to delete. Both are done.
        if status == 409 or (status == 404 and "delete" in item):
            continue
        refused[int(operation["_id"])] = str(operation.get("error", status))[:500]
    return refused


#: After Elasticsearch failed, this process leaves it alone until then (time.monotonic()): writes
#: keep their rows, and the worker, or a later write, sends them once the pause is over.
_paused_until = 0.0
PAUSE_AFTER_FAILURE_SECONDS = 5.0


def send_pending(index: str, *, batch_size: int = 2000) -> SendReport | None:
    """Send one batch of due changes of `index`; None when another sender holds the index."""
    global _paused_until
    report = SendReport()
    if time.monotonic() < _paused_until:
        return report
    IndexCursor.objects.get_or_create(index=index)
    with transaction.atomic():
        cursor = IndexCursor.objects.select_for_update(skip_locked=True).filter(index=index).first()
        if cursor is None:
            return None
        rows = list(
            PendingIndexUpdate.objects.filter(index=index, next_attempt_at__lte=timezone.now()).order_by(
                "id"
            )[:batch_size]
        )
        if not rows:
            return report
        cursor.take_version()
        cursor.save(update_fields=["version"])
        object_ids = sorted({row.object_id for row in rows})
        documents = BUILDERS[index](object_ids)
        try:
            targets = [INDICES[index].ensure()]
            if cursor.rebuild_target:
                targets.append(cursor.rebuild_target)
            refused = _send(index, documents, cursor.version, targets)
        except (TransportError, ApiError) as error:
            refused = {object_id: f"{type(error).__name__}: {error}"[:500] for object_id in object_ids}
            _paused_until = time.monotonic() + PAUSE_AFTER_FAILURE_SECONDS
        done = [row.pk for row in rows if row.object_id not in refused]
        PendingIndexUpdate.objects.filter(pk__in=done).delete()
        for row in rows:
            if row.object_id in refused:
                row.attempts += 1
                row.last_error = refused[row.object_id]
                row.next_attempt_at = timezone.now() + backoff(row.attempts)
        PendingIndexUpdate.objects.bulk_update(
            [row for row in rows if row.object_id in refused], ["attempts", "last_error", "next_attempt_at"]
        )
        report.sent = len(object_ids) - len(refused)
        report.failed = len(refused)
        report.errors = sorted(set(refused.values()))[:5]
    if report.failed:
        logger.warning("search: %s %s documents not sent: %s", report.failed, index, "; ".join(report.errors))
    return report


def send_all_due(*, indices: Iterable[str] | None = None, batch_size: int = 2000) -> dict[str, int]:
    """Send every due change of these indices (all by default), batch after batch; stop an index at
    its first failure."""
    sent = {}
    for index in INDICES if indices is None else indices:
        sent[index] = 0
        while True:
            report = send_pending(index, batch_size=batch_size)
            if report is None or report.sent + report.failed == 0:
                break
            sent[index] += report.sent
            if report.failed:
                break
    return sent
