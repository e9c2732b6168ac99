"""The router against a real streaming replica (`postgres.sh start-replica`; the test command starts
one and gives pytest its DATABASE_REPLICA_URL).

The replica's alias, a mirror of the test database elsewhere, is pointed here at the replica's copy
of that database. With the replica's replay paused, a row changed on the primary is old on the
replica: an answer that shows the old row came from the replica, one that shows the new row from the
primary.
"""

import os
import time

import dj_database_url
import pytest

from django.db import connections
from django.test import Client

from brand_hub.core import db_router
from brand_hub.core.db_router import PIN_COOKIE, PRIMARY, REPLICA, ROUTER
from brand_hub.headless.models import ContentGeneration
from tests.brand_hub.community.calls import say, thread

pytestmark = [pytest.mark.pg_replica, pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])]

#: How long a change may take to reach the replica before the test gives up on it.
REPLAY_TIMEOUT_SECONDS = 10


def one_value(connection, sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


@pytest.fixture
def streaming_replica(settings):
    """The replica's alias on the real replica's copy of the test database, and the router on."""
    url = os.environ.get("DATABASE_REPLICA_URL")
    if not url:
        pytest.skip("no DATABASE_REPLICA_URL: `bash site/postgres/postgres.sh start-replica` prints one")
    mirror = connections[REPLICA]
    replica_settings = {**dj_database_url.parse(url), "NAME": connections[PRIMARY].settings_dict["NAME"]}
    replica = type(mirror)({**mirror.settings_dict, **replica_settings}, alias=REPLICA)
    assert one_value(replica, "SELECT pg_is_in_recovery()"), f"{url} is not a replica"
    connections[REPLICA] = replica
    settings.DATABASE_ROUTERS = [ROUTER]
    db_router._replica_down_until = 0.0
    yield replica
    one_value(replica, "SELECT pg_wal_replay_resume()::text")
    replica.close()
    connections[REPLICA] = mirror


def caught_up(replica) -> None:
    """Waits until the replica has replayed everything the primary has written so far."""
    # The insert position, not the written one: with synchronous_commit off (site/postgres/postgres.sh)
    # a commit may wait in the primary's WAL buffers for a moment.
    written = one_value(connections[PRIMARY], "SELECT pg_current_wal_insert_lsn()::text")
    deadline = time.monotonic() + REPLAY_TIMEOUT_SECONDS
    while not one_value(replica, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written]):
        assert time.monotonic() < deadline, f"the replica did not replay {written} in time"
        time.sleep(0.05)


def replay_paused(replica) -> None:
    """Caught up, then frozen: what the primary writes from now on is not on the replica."""
    caught_up(replica)
    one_value(replica, "SELECT pg_wal_replay_pause()::text")
    deadline = time.monotonic() + REPLAY_TIMEOUT_SECONDS
    while one_value(replica, "SELECT pg_get_wal_replay_pause_state()") != "paused":
        assert time.monotonic() < deadline, "the replica's replay did not pause in time"
        time.sleep(0.05)


def page_title(client: Client, page) -> str:
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200, response.content
    return response.json()["title"]


@pytest.fixture
def post(destination):
    ContentGeneration.current()  # made once, on the primary, before any request reads it
    return destination["posts"][0]


def test_a_row_written_on_the_primary_reaches_the_replica(streaming_replica, post):
    type(post).objects.filter(pk=post.pk).update(title="Recién escrito en el primario")
    caught_up(streaming_replica)
    sql = "SELECT title FROM wagtailcore_page WHERE id = %s"
    assert one_value(streaming_replica, sql, [post.pk]) == "Recién escrito en el primario"


def test_an_anonymous_content_read_is_answered_by_the_replica(streaming_replica, post, lucia):
    original = post.title
    replay_paused(streaming_replica)
    type(post).objects.filter(pk=post.pk).update(title="Solo en el primario")

    assert page_title(Client(), post) == original  # the replica, still before the change
    assert page_title(lucia, post) == "Solo en el primario"  # signed in: the primary


def test_a_prosumer_reads_back_the_comment_just_posted_while_the_replica_lags(streaming_replica, post, lucia):
    replay_paused(streaming_replica)
    posted = say(lucia, post, "¿Llegan en talla 46?", kind="question")
    assert posted.status_code == 201, posted.content
    assert PIN_COOKIE in posted.cookies

    assert [item["id"] for item in thread(lucia, post).json()["items"]] == [posted.json()["id"]]
    # A visitor who wrote nothing reads the replica, which has not replayed the comment yet.
    assert thread(Client(), post).json()["items"] == []


def test_an_anonymous_visitor_who_wrote_reads_the_primary_while_pinned(streaming_replica, post):
    visitor = Client()
    replay_paused(streaming_replica)
    type(post).objects.filter(pk=post.pk).update(title="Solo en el primario")
    counted = visitor.post(
        "/api/insights/page-views",
        {"page_id": post.pk, "visitor_id": "visitor-123"},
        content_type="application/json",
    )
    assert counted.json() == {"counted": True}

    assert page_title(visitor, post) == "Solo en el primario"  # pinned: the primary
    assert page_title(Client(), post) != "Solo en el primario"  # not pinned: the replica
