"""Two search workers at once, as the production topology runs them: each update sent once, latest wins."""

import threading
import time
from collections import Counter

import pytest

from django.db import connection

import search.outbox
from brand_hub.community.models import CommunityComment
from search.indices.comments import COMMENTS
from search.models import PendingIndexUpdate, SearchedIndex
from search.outbox import send_pending
from tests.brand_hub.community.calls import say

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between workers need PostgreSQL"),
    # Committed for real: each worker is a thread with a connection of its own, as two processes would be.
    pytest.mark.django_db(transaction=True),
]


class SendLog:
    """What each worker sent, in the order the sends happened (the real send, watched)."""

    def __init__(self, monkeypatch):
        self.sends: list[tuple[str, list[int], int]] = []  # (worker, object ids, version)
        self.turned_away = Counter()  # worker -> batches it found another worker holding
        self._lock = threading.Lock()
        real_send = search.outbox._send

        def watched_send(index, documents, version, targets):
            with self._lock:
                self.sends.append((threading.current_thread().name, sorted(documents), version))
            time.sleep(0.05)  # a send takes a while: the other worker tries meanwhile
            return real_send(index, documents, version, targets)

        monkeypatch.setattr(search.outbox, "_send", watched_send)


def work(log: SendLog, until: threading.Event) -> None:
    """One search worker's loop (search_worker without its sleep), in small batches."""
    try:
        while not until.is_set() or PendingIndexUpdate.objects.filter(index=SearchedIndex.COMMENTS).exists():
            if send_pending(SearchedIndex.COMMENTS, batch_size=5) is None:
                log.turned_away[threading.current_thread().name] += 1
                time.sleep(0.01)
    finally:
        connection.close()


def test_two_search_workers_send_each_waiting_update_once_and_the_index_ends_with_the_latest(
    elasticsearch, index_prefix, post, lucia, marek, settings, monkeypatch
):
    settings.SEARCH_SEND_AFTER_COMMIT = False  # as in production: only the workers send
    settings.COMMUNITY_RATE_LIMITS = {}
    waiting = [say(lucia, post, f"Comentario en espera {n}").json()["id"] for n in range(40)]
    hot = waiting[0]
    log = SendLog(monkeypatch)
    writes_done = threading.Event()
    workers = [threading.Thread(target=work, args=(log, writes_done), name=f"worker-{n}") for n in (1, 2)]
    for worker in workers:
        worker.start()
    # Meanwhile someone keeps changing one comment: its document must end as the last change left it.
    for n in range(8):
        marek.put(
            f"/api/community/comments/{hot}/reaction",
            {"value": "like" if n % 2 else "dislike"},
            content_type="application/json",
        )
        time.sleep(0.05)
    writes_done.set()
    for worker in workers:
        worker.join(timeout=120)

    sent = Counter(object_id for _worker, ids, _version in log.sends for object_id in ids)
    assert {object_id for object_id in waiting if sent[object_id] != 1} <= {hot}
    assert set(sent) == set(waiting)
    # The two took turns on the one outbox: while one sent, the other was turned away, and each
    # send carried a higher version than the one before, so a late repeat could never win.
    assert sum(log.turned_away.values()) > 0
    versions = [version for _worker, _ids, version in log.sends]
    assert versions == sorted(set(versions))

    elasticsearch.indices.refresh(index=COMMENTS.alias_name())
    assert elasticsearch.count(index=COMMENTS.alias_name())["count"] == len(waiting)
    stored = CommunityComment.objects.get(pk=hot)
    source = elasticsearch.get(index=COMMENTS.alias_name(), id=str(hot))["_source"]
    assert (source["like_count"], source["dislike_count"]) == (stored.like_count, stored.dislike_count)
