"""A prosumer mutes another: the muted person's comments leave the muter's threads, feed, live stream and
notifications, and nobody else, the muted person included, sees any difference."""

import pytest

from django.test import Client

from brand_hub.community.models import Notification, PersonMute
from brand_hub.events.catalogue import EventKind
from brand_hub.events.models import Event
from brand_hub.ideas.models import IdeaPage
from brand_hub.users.roles import PROSUMERS
from tests.brand_hub.events.test_live_api import opening
from tests.conftest import person
from tests.factories.pages import publish

from .calls import say, thread

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture
def ana(roles, django_user_model):
    return person(django_user_model, "ana", PROSUMERS)


def mute(client, someone):
    return client.post("/api/community/mutes/", {"person_id": someone.pk}, content_type=JSON)


def said(client, page, text, **extra) -> int:
    response = say(client, page, text, **extra)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_a_prosumer_mutes_a_person_lists_them_and_unmutes_them(lucia, marek):
    muted = mute(lucia, marek.user)
    assert muted.status_code == 201, muted.content
    assert muted.json()["person_id"] == marek.user.pk and muted.json()["display_name"] == "Marek"
    again = mute(lucia, marek.user)
    assert again.status_code == 409
    assert again.json()["errors"][0]["field"] == "person_id"

    listing = lucia.get("/api/community/mutes/").json()
    assert listing["count"] == 1
    assert [item["person_id"] for item in listing["items"]] == [marek.user.pk]
    assert lucia.get("/api/community/mutes/", {"person_id": lucia.user.pk}).json()["count"] == 0
    # Private: the muted person's own list knows nothing of it.
    assert marek.get("/api/community/mutes/").json()["count"] == 0

    assert lucia.delete(f"/api/community/mutes/{marek.user.pk}").status_code == 204
    refused = lucia.delete(f"/api/community/mutes/{marek.user.pk}")
    assert refused.status_code == 404
    assert refused.json()["errors"][0]["field"] == "person_id"
    assert not PersonMute.objects.exists()


def test_muting_oneself_nobody_or_a_moderator_is_refused_naming_person_id(lucia, moderator):
    for someone, status in ((lucia.user.pk, 400), (999999, 404), (moderator.user.pk, 400), ("x", 400)):
        response = lucia.post("/api/community/mutes/", {"person_id": someone}, content_type=JSON)
        assert response.status_code == status, (someone, response.content)
        assert response.json()["errors"][0]["field"].endswith("person_id")
    assert Client().post("/api/community/mutes/", {"person_id": 1}, content_type=JSON).status_code == 401
    assert not PersonMute.objects.exists()


def test_the_muters_threads_leave_out_the_muted_person_and_keep_the_answers_of_others(
    post, lucia, marek, ana, moderator
):
    alone = said(marek, post, "Nobody answered me")
    answered = said(marek, post, "Ana answers me")
    ana_reply = said(ana, post, "Ana's answer", parent_id=answered)
    said(marek, post, "Marek again under Ana", parent_id=ana_reply)
    mine = said(lucia, post, "Lucia asks")
    said(marek, post, "Marek answers Lucia", parent_id=mine)
    assert mute(lucia, marek.user).status_code == 201
    assert mute(moderator, marek.user).status_code == 201

    seen = thread(lucia, post).json()
    assert seen["count"] == 2
    by_id = {item["id"]: item for item in seen["items"]}
    assert alone not in by_id
    placeholder = by_id[answered]
    assert placeholder["author_muted"] is True
    assert placeholder["html"] is None and placeholder["author"] is None and not placeholder["can_react"]
    assert [reply["id"] for reply in placeholder["replies"]] == [ana_reply]
    assert placeholder["replies"][0]["replies"] == [] and placeholder["replies"][0]["reply_count"] == 0
    assert by_id[mine]["replies"] == [] and by_id[mine]["reply_count"] == 0

    # Nobody else sees a difference, the muted person least of all.
    for reader in (marek, ana, Client()):
        others = thread(reader, post).json()
        assert others["count"] == 3
        assert all(item["author_muted"] is False and item["html"] for item in others["items"])
    # A moderator who muted him still sees everything, in full, marked.
    moderated = thread(moderator, post).json()
    assert moderated["count"] == 3
    assert {item["id"]: item["html"] is not None for item in moderated["items"]} == {
        alone: True,
        answered: True,
        mine: True,
    }
    assert {item["id"]: item["author_muted"] for item in moderated["items"]}[alone] is True


def test_the_muted_person_reaches_the_muter_neither_by_notification_nor_live(post, lucia, marek, ana):
    assert lucia.post("/api/community/follows/", {"page_id": post.pk}, content_type=JSON).status_code == 201
    mine = said(lucia, post, "¿Alguien lo probó?")
    mute(lucia, marek.user)

    said(marek, post, "A comment on the followed post")
    said(marek, post, "A reply to Lucia", parent_id=mine)
    assert not Notification.objects.filter(recipient=lucia.user).exists()

    said(ana, post, "Ana's comment")
    said(ana, post, "Ana's reply", parent_id=mine)
    assert sorted(Notification.objects.filter(recipient=lucia.user).values_list("kind", flat=True)) == [
        "comment",
        "reply",
    ]

    # Nor on the page's live stream, which everyone else still gets whole.
    url = f"/api/community/live/pages/{post.pk}?last_event_id=0"
    posted = Event.objects.filter(kind=EventKind.COMMENT_POSTED)
    marek_events = list(posted.filter(actor=marek.user).values_list("pk", flat=True))
    ana_events = list(posted.filter(actor=ana.user).values_list("pk", flat=True))
    for_lucia = opening(lucia, url)
    assert all(f"id: {event}\n" in for_lucia for event in ana_events)
    assert not any(f"id: {event}\n" in for_lucia for event in marek_events)
    for reader in (marek, ana, Client()):
        assert all(f"id: {event}\n" in opening(reader, url) for event in marek_events)


def test_the_feed_leaves_out_the_muted_persons_comments_and_ideas(destination, post, lucia, marek, ana):
    challenge = destination["challenge"]
    for page in (post, challenge):
        lucia.post("/api/community/follows/", {"page_id": page.pk}, content_type=JSON)
    lucia.post(f"/api/community/people/{marek.user.pk}/follow")
    said(marek, post, "Marek on the post")
    said(marek, destination["posts"][1], "Marek elsewhere")
    said(ana, post, "Ana on the post")
    idea = publish(challenge, IdeaPage(title="Suela de Marek", slug="suela-de-marek", description="<p>x</p>"))
    idea.proposed_by = marek.user
    idea.save_revision().publish()

    def excerpts() -> set[str]:
        items = lucia.get("/api/community/feed").json()["items"]
        return {item["excerpt"] or item["page"]["title"] for item in items}

    marek_said = {"Marek on the post", "Marek elsewhere", "Suela de Marek"}
    assert marek_said | {"Ana on the post"} <= excerpts()
    mute(lucia, marek.user)
    assert "Ana on the post" in excerpts() and not marek_said & excerpts()


def test_the_export_lists_whom_one_muted_and_erasing_either_account_drops_the_mute(lucia, marek):
    mute(lucia, marek.user)
    assert [row["person_id"] for row in lucia.get("/api/community/me/export").json()["people_muted"]] == [
        marek.user.pk
    ]
    assert marek.get("/api/community/me/export").json()["people_muted"] == []
    response = marek.delete("/api/community/me/", {"password": "pw-marek-12345"}, content_type=JSON)
    assert response.status_code == 204
    assert not PersonMute.objects.exists()


def test_the_muted_persons_public_profile_shows_the_muter_none_of_their_contributions(
    lucia, marek, moderator, post
):
    comment_id = said(marek, post, "Las tallas grandes se agotan el primer día")
    assert mute(lucia, marek.user).status_code == 201
    path = f"/api/community/people/{marek.user.pk}/"

    seen_by_lucia = lucia.get(path).json()
    assert seen_by_lucia["muted"] is True
    assert seen_by_lucia["recent_comments"] == [] and seen_by_lucia["ideas"] == []
    assert seen_by_lucia["display_name"] == "Marek"
    # Everyone else, and a moderator who muted him too, still see what he wrote.
    assert mute(moderator, marek.user).status_code == 201
    for client, muted in ((Client(), False), (marek, False), (moderator, True)):
        profile = client.get(path).json()
        assert profile["muted"] is muted
        assert [c["id"] for c in profile["recent_comments"]] == [comment_id]
