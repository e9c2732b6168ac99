"""The outbox outlives an Elasticsearch outage: stop the node, write, start it, every comment arrives once.

The test runs a node of its own on a free port, so stopping it disturbs no other test.
"""

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

from django.core.management import call_command

from brand_hub.community.models import CommunityComment
from search.client import get_client
from search.indices.comments import COMMENTS
from search.models import PendingIndexUpdate
from search.outbox import send_all_due
from tests.brand_hub.community.calls import say

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

RUNNER = Path(__file__).resolve().parents[2] / "site" / "elasticsearch" / "elasticsearch.sh"


def free_port() -> str:
    """A port nobody listens on, so that parallel runs on one machine never share this node."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


PORT = os.environ.get("ES_OUTAGE_PORT") or free_port()


def node(command: str) -> None:
    subprocess.run(
        ["bash", str(RUNNER), command], env={**os.environ, "ES_PORT": PORT}, check=True, timeout=300
    )


@pytest.fixture
def own_node(elasticsearch, settings):
    node("start")
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{PORT}"
    settings.ELASTICSEARCH_INDEX_PREFIX = f"outage_{int(time.time())}"
    yield get_client()
    node("stop")


def searchable_ids(client) -> list[int]:
    client.indices.refresh(index=COMMENTS.alias_name())
    hits = client.search(index=COMMENTS.alias_name(), size=100, query={"match": {"text": "tienda"}})["hits"][
        "hits"
    ]
    return sorted(hit["_source"]["comment_id"] for hit in hits)


def test_comments_written_while_the_node_is_down_become_searchable_exactly_once(own_node, post, lucia, marek):
    first = say(lucia, post, "La tienda de Bilbao abre el domingo").json()["id"]
    send_all_due()
    assert searchable_ids(own_node) == [first]

    node("stop")
    during = [
        say(marek, post, f"La tienda no tiene mi talla {n}").json()["id"] for n in range(3)
    ]  # writes succeed while search is down
    marek.put(f"/api/community/comments/{first}/reaction", {"value": "like"}, content_type="application/json")
    assert send_all_due() == {"comments": 0, "ideas": 0, "mentions": 0}
    waiting = PendingIndexUpdate.objects.filter(index="comments")
    assert waiting.count() == 4 and all(row.attempts == 1 and row.last_error for row in waiting)

    node("start")
    deadline = time.monotonic() + 60
    while PendingIndexUpdate.objects.exists() and time.monotonic() < deadline:
        call_command("search_worker", "--once", stdout=open(os.devnull, "w"))
        time.sleep(0.5)

    assert not PendingIndexUpdate.objects.exists()
    assert searchable_ids(own_node) == sorted([first, *during])  # each exactly once
    source = own_node.get(index=COMMENTS.alias_name(), id=str(first))["_source"]
    assert source["like_count"] == CommunityComment.objects.get(pk=first).like_count == 1
