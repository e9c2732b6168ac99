"""The live endpoints' rules through the API: who may open which stream, what a resume replays, and
the error shape for everything refused (read here through runserver's WSGI stream)."""

import pytest

from django.test import Client

from brand_hub.community import comments as comment_services
from brand_hub.community.models import BlockedTerm
from brand_hub.events.catalogue import EventKind
from brand_hub.events.models import Event

pytestmark = pytest.mark.django_db


def opening(client, url: str, **headers) -> str:
    """The stream's first two parts: its `retry:` line, then the replay after Last-Event-ID."""
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/event-stream")
    assert response["Cache-Control"] == "no-cache"
    parts = iter(response.streaming_content)
    try:
        assert next(parts) == b"retry: 3000\n\n"
        return next(parts).decode()
    finally:
        # Closed here, in the test's thread: the test client's wrapper generator closes the response
        # without closing the test's database connection. Left to the garbage collector, an endless
        # stream was finalised in whatever thread collected it (asgiref's loop thread of a later
        # request), and the run once died there with a segmentation fault.
        response._iterator.close()


def posted_event(comment) -> int:
    return Event.objects.get(kind=EventKind.COMMENT_POSTED, object_id=comment.pk).pk


def test_a_resume_replays_the_events_after_the_last_one_and_none_before(post, lucia):
    first, second, third = (
        comment_services.post_comment(author=lucia.user, page=post, text=text) for text in ("a", "b", "c")
    )
    replayed = opening(
        Client(), f"/api/community/live/pages/{post.pk}", HTTP_LAST_EVENT_ID=str(posted_event(first))
    )
    assert f"id: {posted_event(second)}\nevent: comment.posted\n" in replayed
    assert f"id: {posted_event(third)}\n" in replayed
    assert f"id: {posted_event(first)}\n" not in replayed
    by_query = opening(Client(), f"/api/community/live/pages/{post.pk}?last_event_id={posted_event(second)}")
    assert f"id: {posted_event(third)}\n" in by_query and f"id: {posted_event(second)}\n" not in by_query


def test_too_much_to_replay_says_reset(post, lucia):
    Event.objects.bulk_create(
        Event(kind=EventKind.VOTE_CAST, page=post, payload={"vote_count": number}) for number in range(501)
    )
    replayed = opening(Client(), f"/api/community/live/pages/{post.pk}", HTTP_LAST_EVENT_ID="0")
    assert replayed.startswith(f"id: {Event.objects.latest('id').pk}\nevent: reset\ndata: ")


def test_a_held_comment_is_replayed_to_moderators_only(post, lucia, moderator):
    BlockedTerm.objects.create(term="estafa")
    held = comment_services.post_comment(author=lucia.user, page=post, text="Una estafa")
    url = f"/api/community/live/pages/{post.pk}?last_event_id=0"
    assert f"id: {posted_event(held)}\n" not in opening(Client(), url)
    assert f"id: {posted_event(held)}\n" not in opening(lucia, url)
    assert f"id: {posted_event(held)}\n" in opening(moderator, url)


def test_a_prosumer_hears_only_of_their_own_notifications(post, lucia, marek):
    root = comment_services.post_comment(author=marek.user, page=post, text="¿Tallas?")
    comment_services.post_comment(author=lucia.user, page=post, text="Sí", parent_id=root.pk)
    told = Event.objects.get(kind=EventKind.NOTIFICATION_CREATED)
    assert f"id: {told.pk}\nevent: notification.created\n" in opening(
        marek, "/api/community/live/me?last_event_id=0"
    )
    assert f"id: {told.pk}\n" not in opening(lucia, "/api/community/live/me?last_event_id=0")


def test_my_stream_needs_a_signed_in_prosumer(db):
    response = Client().get("/api/community/live/me")
    assert response.status_code == 401
    assert response.json()["errors"][0]["field"]


def test_a_page_that_is_not_public_has_no_stream(post):
    post.unpublish()
    response = Client().get(f"/api/community/live/pages/{post.pk}")
    assert response.status_code == 404
    assert response.json()["errors"] == [{"field": "page_id", "message": response.json()["detail"]}]


@pytest.mark.parametrize(
    "header, query, field",
    [
        ("abc", "", "Last-Event-ID"),
        ("", "?last_event_id=-1", "last_event_id"),
        ("", "?last_event_id=x", "last_event_id"),
        (str(2**63), "", "Last-Event-ID"),
    ],
)
def test_a_last_event_id_that_is_no_id_is_refused(post, header, query, field):
    response = Client().get(f"/api/community/live/pages/{post.pk}{query}", HTTP_LAST_EVENT_ID=header)
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["field"] == field
