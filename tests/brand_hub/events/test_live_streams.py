"""Live updates as Server-Sent Events through real ASGI server processes on PostgreSQL: delivery after
commit, resume with Last-Event-ID, what each viewer may see, fan-out across processes, a crash."""

import time

import httpx
import pytest

from django.db import connection

from brand_hub.community import comments as comment_services
from brand_hub.community.models import BlockedTerm
from brand_hub.events.catalogue import EventKind
from brand_hub.events.models import Event

from .servers import AsgiServer, SseReader

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # One worker starts the module's web processes once, under `pytest -n` too.
    pytest.mark.xdist_group("live_streams"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="LISTEN/NOTIFY needs PostgreSQL"),
]


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker):
    """Two web processes on the test database, as the topology runs them."""
    started = []
    with django_db_blocker.unblock():
        try:
            started.append(AsgiServer())
            started.append(AsgiServer())
            yield started
        finally:
            for server in started:
                server.stop()


@pytest.fixture
def readers():
    opened = []
    yield opened
    for reader in opened:
        reader.close()


def page_stream(server, page, readers, **options) -> SseReader:
    reader = SseReader(f"{server.url}/api/community/live/pages/{page.pk}", **options)
    readers.append(reader)
    return reader.connected()


def comment_ids(reader: SseReader, kind=EventKind.COMMENT_POSTED) -> list[int]:
    return [event["data"]["payload"]["comment_id"] for event in reader.of_kind(kind)]


def test_a_stream_receives_a_comment_committed_by_another_process(servers, post, lucia, readers):
    reader = page_stream(servers[0], post, readers)
    started = time.monotonic()
    comment = comment_services.post_comment(author=lucia.user, page=post, text="¿Llegan en azul?")
    reader.wait_for(lambda r: comment.pk in comment_ids(r), timeout=5)
    assert time.monotonic() - started < 5
    event = reader.of_kind(EventKind.COMMENT_POSTED)[0]
    assert event["id"] == str(event["data"]["id"]) == str(Event.objects.get(object_id=comment.pk).pk)
    assert event["data"]["payload"]["text"] == "¿Llegan en azul?"
    assert set(event["data"]) == {"id", "kind", "occurred_at", "page_id", "object_id", "payload"}


def test_a_comment_posted_through_one_web_process_reaches_the_others_stream(servers, post, lucia, readers):
    reader = page_stream(servers[1], post, readers)
    # The session is in the database: both processes know it.
    through_first = httpx.post(
        f"{servers[0].url}/api/community/comments/",
        json={"page_id": post.pk, "text": "Desde el primer servidor"},
        cookies={"sessionid": lucia.cookies["sessionid"].value, "csrftoken": "x" * 32},
        headers={"X-CSRFToken": "x" * 32, "Referer": servers[0].url},
    )
    assert through_first.status_code == 201, through_first.text
    reader.wait_for(lambda r: through_first.json()["id"] in comment_ids(r), timeout=5)


def test_a_resumed_stream_replays_what_it_missed_and_repeats_nothing(servers, post, lucia, readers):
    first, second, third = (
        comment_services.post_comment(author=lucia.user, page=post, text=text)
        for text in ("uno", "dos", "tres")
    )
    first_event = Event.objects.get(kind=EventKind.COMMENT_POSTED, object_id=first.pk).pk
    by_header = page_stream(servers[0], post, readers, headers={"Last-Event-ID": str(first_event)})
    by_query = SseReader(f"{servers[1].url}/api/community/live/pages/{post.pk}?last_event_id={first_event}")
    readers.append(by_query.connected())
    for reader in (by_header, by_query):
        reader.wait_for(lambda r: comment_ids(r) == [second.pk, third.pk], timeout=5)
    fourth = comment_services.post_comment(author=lucia.user, page=post, text="cuatro")
    by_header.wait_for(lambda r: comment_ids(r) == [second.pk, third.pk, fourth.pk], timeout=5)


def test_a_held_comment_reaches_moderators_and_not_the_public(servers, post, lucia, moderator, readers):
    BlockedTerm.objects.create(term="estafa")
    public = page_stream(servers[0], post, readers)
    moderators = page_stream(
        servers[1], post, readers, cookies={"sessionid": moderator.cookies["sessionid"].value}
    )
    held = comment_services.post_comment(author=lucia.user, page=post, text="Una estafa")
    shown = comment_services.post_comment(author=lucia.user, page=post, text="Bonitas")
    moderators.wait_for(lambda r: comment_ids(r) == [held.pk, shown.pk], timeout=5)
    # Events go out in id order: the published one arriving means the held one was left out.
    public.wait_for(lambda r: shown.pk in comment_ids(r), timeout=5)
    assert comment_ids(public) == [shown.pk]


def test_events_survive_a_crashed_web_process(servers, post, lucia, readers):
    crashing = AsgiServer()
    try:
        reader = page_stream(crashing, post, readers)
        before = comment_services.post_comment(author=lucia.user, page=post, text="antes")
        reader.wait_for(lambda r: before.pk in comment_ids(r), timeout=5)
        last_id = reader.of_kind(EventKind.COMMENT_POSTED)[-1]["id"]
    finally:
        crashing.kill()
    during = comment_services.post_comment(author=lucia.user, page=post, text="durante")
    # The browser reconnects to another process with the last id it had.
    resumed = page_stream(servers[0], post, readers, headers={"Last-Event-ID": last_id})
    resumed.wait_for(lambda r: comment_ids(r) == [during.pk], timeout=5)


def test_an_open_stream_holds_no_database_connection(servers, post, readers):
    """A thousand open streams must not need a thousand PostgreSQL connections."""

    def connections_to_the_database() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
            return cursor.fetchone()[0]

    page_stream(servers[0], post, readers)  # the broker's own connections are open from here on
    before = connections_to_the_database()
    for _ in range(8):
        page_stream(servers[0], post, readers)
    assert connections_to_the_database() - before < 4
