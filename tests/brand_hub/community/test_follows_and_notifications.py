"""Prosumers follow ideas and hear of replies, status changes and official responses, in-app and by e-mail."""

import pytest

from django.core import mail

from brand_hub.community.models import CommunityComment, Follow
from brand_hub.ideas.services import change_idea_status, merge_idea
from brand_hub.users.roles import EDITORS
from tests.conftest import person

from .calls import say

pytestmark = pytest.mark.django_db

JSON = "application/json"


def follow(client, page):
    return client.post("/api/community/follows/", {"page_id": page.pk}, content_type=JSON)


def notifications(client, **params):
    return client.get("/api/community/notifications/", params).json()


def test_a_reply_reaches_the_author_and_the_followers(
    post, lucia, marek, moderator, django_capture_on_commit_callbacks
):
    assert follow(moderator, post).status_code == 201
    assert follow(moderator, post).status_code == 409
    with django_capture_on_commit_callbacks(execute=True):
        root = say(lucia, post, "¿Hay tallas grandes?", kind="question").json()["id"]
        say(marek, post, "Sí, hasta la 48.", parent_id=root)

    assert [n["kind"] for n in notifications(lucia)] == ["reply"]
    assert (
        notifications(lucia)[0]["message"] == f"Marek ha respondido a tu comentario en “{post.title}”."
        or "Marek" in notifications(lucia)[0]["message"]
    )
    assert [n["kind"] for n in notifications(moderator)] == ["comment", "comment"]
    assert notifications(marek) == []
    assert {message.to[0] for message in mail.outbox} == {"lucia@example.com", "tomasz@example.com"}

    marked = moderator.post("/api/community/notifications/read", {}, content_type=JSON)
    assert marked.json() == {"marked": 2}
    assert notifications(moderator, unread=True) == []


def test_followers_and_the_author_hear_of_a_status_change_and_an_official_response(
    destination, lucia, marek, django_user_model, django_capture_on_commit_callbacks
):
    editor = person(django_user_model, "irene", EDITORS)
    idea = destination["idea"]
    idea.proposed_by = marek.user
    idea.save_revision().publish()
    follow(lucia, idea)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        change_idea_status(idea=idea, by=editor.user, status="in_progress")
    assert [n["kind"] for n in notifications(lucia)] == ["status_change"]
    assert [n["kind"] for n in notifications(marek)] == ["status_change"]
    assert notifications(editor) == []
    assert len(mail.outbox) == 2

    change_idea_status(idea=idea, by=editor.user, status="in_progress", official_response="<p>Gracias</p>")
    assert notifications(lucia)[0]["kind"] == "official_response"


def test_a_merged_idea_brings_its_discussion_and_followers_along(
    destination, lucia, marek, django_user_model
):
    from brand_hub.ideas.models import IdeaPage
    from tests.factories.pages import publish

    target = destination["idea"]
    duplicate = publish(
        destination["challenge"],
        IdeaPage(
            title="Suela de caucho reciclado", slug="suela-2", description="<p>Igual</p>", status="submitted"
        ),
    )
    say(lucia, duplicate, "Buena idea")
    follow(lucia, duplicate)
    follow(marek, duplicate)
    follow(marek, target)

    merge_idea(source=duplicate, target=target, by=person(django_user_model, "irene", EDITORS).user)
    assert list(CommunityComment.objects.values_list("page_id", flat=True)) == [target.pk]
    assert sorted(Follow.objects.filter(page=target).values_list("user__username", flat=True)) == [
        "lucia",
        "marek",
    ]
    assert not Follow.objects.filter(page=duplicate).exists()
