"""Where reads go with a replica configured: which requests read from it, pinning after a write,
atomic blocks, opting in, and a replica that is down.

The replica's alias mirrors the test database here (brand_hub/settings/test.py), a connection of its
own: the queries each connection ran show where the reads went. Transactional tests, since a test
wrapped in a transaction is an atomic block, which reads from the primary.
"""

import socket
import time
from contextlib import contextmanager

import pytest

from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from brand_hub.core import db_router
from brand_hub.core.db_router import PIN_COOKIE, PRIMARY, REPLICA, ROUTER, replica_reads
from brand_hub.headless.models import ContentGeneration
from brand_hub.insights import rollups
from search.queries.base import hidden_page_ids

pytestmark = pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])


@pytest.fixture
def replica_routing(settings):
    """The router and its middleware on, as DATABASE_REPLICA_URL turns them on outside tests."""
    settings.DATABASE_ROUTERS = [ROUTER]
    settings.PRIMARY_PIN_SECONDS = 5
    db_router._replica_down_until = 0.0
    yield
    db_router._replica_down_until = 0.0


@pytest.fixture
def published_content(destination):
    """The demo's pages, and the content generation the cache middleware reads (made once, on the primary)."""
    ContentGeneration.current()
    return destination


@contextmanager
def reads_counted():
    """{"default": queries, "replica": queries} run inside the block."""
    primary = CaptureQueriesContext(connections[PRIMARY])
    replica = CaptureQueriesContext(connections[REPLICA])
    with primary, replica:
        counted = {}
        yield counted
    counted.update({PRIMARY: len(primary.captured_queries), REPLICA: len(replica.captured_queries)})


def pages_listing(client: Client):
    response = client.get("/api/v2/pages/", {"type": "blog.BlogPage", "fields": "title"})
    assert response.status_code == 200, response.content
    return response


def test_an_anonymous_visitor_reads_content_from_the_replica_alone(replica_routing, published_content):
    with reads_counted() as reads:
        v2 = pages_listing(Client())
        v3 = Client().get("/api/v3/pages/")
        locales = Client().get("/api/locales/")
    assert v3.status_code == 200 and locales.status_code == 200
    assert len(v2.json()["items"]) == 3
    assert reads[REPLICA] > 0 and reads[PRIMARY] == 0
    assert PIN_COOKIE not in v2.cookies


def test_signed_in_prosumers_and_editors_read_from_the_primary(replica_routing, published_content, lucia):
    with reads_counted() as reads:
        pages_listing(lucia)
        lucia.get("/admin/")
        pages_listing(Client(HTTP_X_SESSION_TOKEN="an-app-token"))
        pages_listing(Client(HTTP_AUTHORIZATION="Bearer a-v3-token"))
    assert reads[REPLICA] == 0 and reads[PRIMARY] > 0


def test_a_preview_and_a_write_read_from_the_primary(replica_routing, published_content):
    post = published_content["posts"][0]
    with reads_counted() as reads:
        Client().get("/api/v2/pages/preview/", {"token": "not-a-token"})
        Client().post(
            "/api/insights/page-views",
            {"page_id": post.pk, "visitor_id": "visitor-123"},
            content_type="application/json",
        )
    assert reads[REPLICA] == 0


def test_a_client_that_wrote_reads_from_the_primary_until_its_pin_expires(
    replica_routing, published_content, settings
):
    settings.PRIMARY_PIN_SECONDS = 1
    visitor = Client()
    counted = visitor.post(
        "/api/insights/page-views",
        {"page_id": published_content["posts"][0].pk, "visitor_id": "visitor-123"},
        content_type="application/json",
    )
    assert counted.json() == {"counted": True}
    assert counted.cookies[PIN_COOKIE]["max-age"] == 1 and counted.cookies[PIN_COOKIE]["httponly"]

    with reads_counted() as pinned:
        pages_listing(visitor)
    assert pinned[REPLICA] == 0

    time.sleep(2.1)  # the signature's timestamp has whole seconds
    with reads_counted() as unpinned:
        pages_listing(visitor)
    assert unpinned[REPLICA] > 0 and unpinned[PRIMARY] == 0


def test_a_forged_pin_is_ignored(replica_routing, published_content):
    visitor = Client()
    visitor.cookies[PIN_COOKIE] = "1"
    with reads_counted() as reads:
        pages_listing(visitor)
    assert reads[REPLICA] > 0


def test_code_reads_from_the_primary_unless_it_opts_in(replica_routing, published_content):
    with reads_counted() as outside:
        Page.objects.count()
    with reads_counted() as opted_in, replica_reads():
        Page.objects.count()
    assert outside == {PRIMARY: 1, REPLICA: 0}
    assert opted_in == {PRIMARY: 0, REPLICA: 1}


def test_a_block_that_wrote_reads_its_own_writes_from_the_primary(replica_routing, published_content):
    post = published_content["posts"][0]
    with reads_counted() as reads, replica_reads():
        Page.objects.get(pk=post.pk)
        Page.objects.filter(pk=post.pk).update(title="Retitled")
        assert Page.objects.get(pk=post.pk).title == "Retitled"
    assert reads == {PRIMARY: 2, REPLICA: 1}


def test_everything_inside_an_atomic_block_reads_from_the_primary(replica_routing, published_content):
    with reads_counted() as reads, replica_reads(), transaction.atomic():
        Page.objects.count()
    assert reads[REPLICA] == 0


def test_search_visibility_and_insights_figures_read_from_the_replica(
    replica_routing, published_content, django_user_model, settings
):
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("irene", "irene@example.com", "pw-irene-1"))
    rollups.ensure_fresh()
    settings.INSIGHTS_MAX_AGE_SECONDS = 3600  # refreshed just now: the editor's read writes nothing
    with reads_counted() as search_reads:
        hidden_page_ids()
    with reads_counted() as insight_reads:
        overview = editor.get("/api/insights/overview")
    assert overview.status_code == 200, overview.content
    assert search_reads == {PRIMARY: 0, REPLICA: 2}
    # The primary answers only for the editor's session and account, and the roll-ups' freshness.
    # The primary reads only the editor's session and account, and the roll-ups' freshness (get_or_create,
    # a read for writing); every figure comes from the replica, the raw SQL of the top sharers too.
    assert insight_reads[PRIMARY] == 3 and insight_reads[REPLICA] >= 8


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def replica_down(replica_routing):
    """The replica's alias pointing at a port where nothing listens."""
    mirror = connections[REPLICA]
    down = type(mirror)({**mirror.settings_dict, "HOST": "127.0.0.1", "PORT": free_port()}, alias=REPLICA)
    connections[REPLICA] = down
    yield down
    down.close()
    connections[REPLICA] = mirror


def test_a_replica_that_refuses_connections_leaves_content_reads_to_the_primary(
    replica_down, published_content, caplog
):
    listings = [pages_listing(Client()) for _ in range(3)]
    assert all(len(listing.json()["items"]) == 3 for listing in listings)
    # One attempt, then the process leaves the replica alone for REPLICA_RETRY_SECONDS.
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert "The replica refused a connection" in caplog.records[0].message


def test_without_a_replica_the_middleware_and_router_are_off(published_content):
    assert not db_router.replica_configured()
    with reads_counted() as reads:
        pages_listing(Client())
    assert reads[REPLICA] == 0
