"""A prosumer downloads all their data, then erases the account: the person goes, the work stays."""

import json

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from brand_hub.community.models import CommentReaction, CommunityComment, Follow
from brand_hub.ideas.models import IdeaPage
from brand_hub.ideas.models.activity import IdeaVote
from tests.brand_hub.community.calls import say, thread

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture
def active_prosumer(destination, lucia, marek):
    """Lucía commented, reacted, voted, followed, shared and proposed an idea; Marek replied to her."""
    post, idea = destination["posts"][0], destination["idea"]
    comment_id = say(lucia, post, "Me encantan las nuevas mochilas", kind="praise").json()["id"]
    say(marek, post, "¡A mí también!", parent_id=comment_id)
    reply_id = CommunityComment.objects.get(user=marek.user).pk
    lucia.put(f"/api/community/comments/{reply_id}/reaction", {"value": "like"}, content_type=JSON)
    assert lucia.post(f"/api/community/ideas/{idea.pk}/vote").status_code in (200, 201)
    lucia.post("/api/community/follows/", {"page_id": idea.pk}, content_type=JSON)
    share = lucia.post(
        "/api/community/shares/", {"page_id": post.pk, "channel": "whatsapp"}, content_type=JSON
    )
    assert share.status_code == 201, share.content
    idea.proposed_by = lucia.user
    idea.owner = lucia.user
    idea.save_revision().publish()
    return {"comment_id": comment_id, "idea": idea, "post": post}


def test_a_prosumer_downloads_all_their_data_as_json(active_prosumer, lucia):
    response = lucia.get("/api/community/me/export")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "lucia@example.com"
    assert [comment["text"] for comment in data["comments"]] == ["Me encantan las nuevas mochilas"]
    assert len(data["reactions"]) == 1 and len(data["follows"]) == 1
    assert json.dumps(data).count("whatsapp") >= 1
    assert json.dumps(data).count(str(active_prosumer["idea"].pk)) >= 1
    assert Client().get("/api/community/me/export").status_code == 401


def test_the_download_holds_the_part_of_every_app_that_keeps_the_persons_data(
    active_prosumer, lucia, destination
):
    assert lucia.post(f"/api/community/groups/{destination['group'].pk}/membership").status_code == 201
    lucia.put(
        "/api/community/me/notification-preferences",
        {"kinds": [{"kind": "comment", "channel": "none"}], "digest_frequency": "weekly"},
        content_type=JSON,
    )

    data = json.loads(lucia.get("/api/community/me/export").content)

    assert list(data)[:2] == ["exported_at", "account"]
    assert set(data) == {
        "exported_at", "account",
        "comments", "reactions", "flags", "follows", "people_followed", "notifications",  # community
        "people_muted", "notification_preferences",  # community
        "ideas", "votes",  # ideas
        "group_memberships",  # community_groups
        "share_links", "referrals",  # recommendations
        "trust", "suspensions",  # trust
    }  # fmt: skip
    assert [membership["group_id"] for membership in data["group_memberships"]] == [destination["group"].pk]
    assert [link["channel"] for link in data["share_links"]] == ["whatsapp"]
    assert (data["trust"]["level"], data["suspensions"]) == (0, [])
    assert [idea["id"] for idea in data["ideas"]] == [active_prosumer["idea"].pk]
    assert data["notification_preferences"] == {
        "channels": {"comment": "none"},
        "digest_frequency": "weekly",
        "digests_sent": [],
    }


def test_erasing_an_account_keeps_the_contributions_and_removes_the_person(active_prosumer, lucia, marek):
    user_id = lucia.user.pk
    wrong = lucia.delete("/api/community/me/", {"password": "nope"}, content_type=JSON)
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "password"
    assert get_user_model().objects.filter(pk=user_id).exists()

    assert (
        lucia.delete("/api/community/me/", {"password": "pw-lucia-12345"}, content_type=JSON).status_code
        == 204
    )
    assert not get_user_model().objects.filter(pk=user_id).exists()
    assert lucia.get("/api/community/me/").status_code == 401

    comment = CommunityComment.objects.get(pk=active_prosumer["comment_id"])
    assert comment.user_id is None and comment.user_name == "" and comment.user_email == ""
    assert comment.ip_address is None
    shown = thread(marek, active_prosumer["post"]).json()["items"][0]
    assert shown["html"] == "<p>Me encantan las nuevas mochilas</p>" and shown["author"] is None
    assert shown["replies"][0]["like_count"] == 1  # reactions stay counted
    assert CommentReaction.objects.filter(user__isnull=True).count() == 1

    idea = IdeaPage.objects.get(pk=active_prosumer["idea"].pk)
    assert idea.live and idea.proposed_by_id is None and idea.owner_id is None
    assert IdeaVote.objects.filter(idea=idea).count() == 1 and idea.vote_count == 1
    assert not Follow.objects.exists()
    assert "lucia" not in json.dumps(Client().get(f"/api/v2/pages/{idea.pk}/").json()).lower()


def test_an_erased_account_leaves_its_name_in_nobodys_notifications(
    destination, lucia, marek, django_user_model
):
    from tests.conftest import person

    post = destination["posts"][0]
    marek.patch("/api/community/me/", {"preferred_locale": "pl"}, content_type=JSON)
    ana = person(django_user_model, "ana")
    ana.patch("/api/community/me/", {"preferred_locale": "en"}, content_type=JSON)
    ana.post("/api/community/follows/", {"page_id": post.pk}, content_type=JSON)
    root = say(marek, post, "¿Hay tallas grandes?").json()["id"]
    assert say(lucia, post, "Sí, hasta la 48", parent_id=root).status_code == 201
    before = {
        who: [item["message"] for item in client.get("/api/community/notifications/").json()["items"]]
        for who, client in (("marek", marek), ("ana", ana))
    }
    assert any("Lucia" in message for message in before["marek"] + before["ana"]), before

    lucia.delete("/api/community/me/", {"password": "pw-lucia-12345"}, content_type=JSON)

    marek_sees = [item["message"] for item in marek.get("/api/community/notifications/").json()["items"]]
    ana_sees = [item["message"] for item in ana.get("/api/community/notifications/").json()["items"]]
    assert len(marek_sees) == len(before["marek"]) and len(ana_sees) == len(before["ana"])
    assert not any("Lucia" in message for message in marek_sees + ana_sees)
    assert any(message.startswith("Były członek") for message in marek_sees), marek_sees  # in Marek's Polish
    assert any(message.startswith("A former member commented") for message in ana_sees), ana_sees
