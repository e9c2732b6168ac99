"""The comments desk in the Wagtail admin, as a community moderator uses it."""

import pytest

from django.test import Client

from brand_hub.community.models import CommentState, CommunityComment
from search.models import PendingIndexUpdate, SearchedIndex

from .calls import say

pytestmark = pytest.mark.django_db


@pytest.fixture
def comments(destination, lucia, marek):
    post, group = destination["posts"][0], destination["group"]
    complaint = say(lucia, post, "Llegó roto", kind="complaint").json()["id"]
    question = say(marek, group, "¿Cuándo es la próxima salida?", kind="question").json()["id"]
    CommunityComment.objects.filter(pk=question).update(
        state=CommentState.HELD, is_public=False, flag_count=3
    )
    return {"complaint": complaint, "question": question}


def test_moderators_list_comments_by_state_kind_page_language_and_flags(comments, moderator, destination):
    index = "/admin/community/comments/"
    listing = moderator.get(index)
    assert listing.status_code == 200
    assert (
        "Llegó roto" in listing.content.decode()
        and "¿Cuándo es la próxima salida?" in listing.content.decode()
    )

    held = moderator.get(index, {"state": "held"}).content.decode()
    assert "próxima salida" in held and "Llegó roto" not in held
    assert "Llegó roto" in moderator.get(index, {"kind": "complaint"}).content.decode()
    assert "Llegó roto" not in moderator.get(index, {"min_flags": 2}).content.decode()
    assert "Llegó roto" not in moderator.get(index, {"page": destination["group"].pk}).content.decode()
    language = destination["posts"][0].locale.language_code
    assert "Llegó roto" in moderator.get(index, {"language": language}).content.decode()


def test_a_moderator_approves_and_resolves_from_the_admin_and_a_prosumer_cannot(comments, moderator, lucia):
    approve = f"/admin/community/comments/{comments['question']}/moderate/approve/"
    assert lucia.post(approve).status_code in (302, 403)  # a prosumer has no admin access at all
    assert CommunityComment.objects.get(pk=comments["question"]).state == CommentState.HELD

    response = moderator.post(approve, {"next": "/admin/community/comments/?state=held"})
    assert response.status_code == 302 and response["Location"] == "/admin/community/comments/?state=held"
    approved = CommunityComment.objects.get(pk=comments["question"])
    assert approved.state == CommentState.PUBLISHED and approved.moderated_by == moderator.user

    moderator.post(f"/admin/community/comments/{comments['question']}/moderate/resolve/")
    assert CommunityComment.objects.get(pk=comments["question"]).resolved_by == moderator.user


def test_saving_a_comment_does_not_republish_its_held_replies(comments, marek, lucia):
    reply = say(
        lucia,
        CommunityComment.objects.get(pk=comments["complaint"]).page,
        "Yo también",
        parent_id=comments["complaint"],
    )
    CommunityComment.objects.filter(pk=reply.json()["id"]).update(state=CommentState.HELD, is_public=False)
    parent = CommunityComment.objects.get(pk=comments["complaint"])
    parent.kind = "question"
    parent.save()
    assert CommunityComment.objects.get(pk=reply.json()["id"]).is_public is False


def test_moderators_filter_the_desk_to_the_alert_list_and_by_sentiment(
    comments, moderator, lucia, destination, settings
):
    """A complaint scored negative, older than the alert delay and unanswered, is an alert."""
    settings.INSIGHTS_ALERT_AFTER_HOURS = 0
    index = "/admin/community/comments/"
    post = destination["posts"][0]
    complaint = say(lucia, post, "Llegó roto, qué desastre", kind="complaint").json()["id"]
    assert CommunityComment.objects.get(pk=complaint).sentiment == "negative"

    alerts = moderator.get(index, {"alerts": "true"}).content.decode()
    negative = moderator.get(index, {"sentiment": "negative"}).content.decode()
    positive = moderator.get(index, {"sentiment": "positive"}).content.decode()

    assert "qué desastre" in alerts and "próxima salida" not in alerts
    assert "qué desastre" in negative and "qué desastre" not in positive

    assert say(moderator, post, "Lo sentimos, te enviamos otro", parent_id=complaint).status_code == 201
    assert "qué desastre" not in moderator.get(index, {"alerts": "true"}).content.decode()


def test_re_kinding_a_resolved_complaint_at_the_desk_drops_its_resolution_and_tells_the_search_index(
    comments, moderator
):
    complaint = comments["complaint"]
    moderator.post(f"/admin/community/comments/{complaint}/moderate/resolve/")
    assert CommunityComment.objects.get(pk=complaint).resolved_at is not None
    PendingIndexUpdate.objects.all().delete()
    edit = f"/admin/community/comments/edit/{complaint}/"
    assert moderator.get(edit).status_code == 200

    response = moderator.post(edit, {"kind": "praise"})

    assert response.status_code == 302
    comment = CommunityComment.objects.get(pk=complaint)
    assert comment.kind == "praise"
    assert comment.resolved_at is None and comment.resolved_by is None
    assert PendingIndexUpdate.objects.filter(index=SearchedIndex.COMMENTS, object_id=complaint).exists()


def test_a_question_re_kinded_as_a_complaint_at_the_desk_keeps_its_resolution(comments, moderator):
    question = comments["question"]
    moderator.post(f"/admin/community/comments/{question}/moderate/resolve/")

    moderator.post(f"/admin/community/comments/edit/{question}/", {"kind": "complaint"})

    comment = CommunityComment.objects.get(pk=question)
    assert comment.kind == "complaint" and comment.resolved_by == moderator.user


def test_nobody_adds_or_deletes_comments_at_the_desk_not_even_a_superuser(comments, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw-root-12345")
    client = Client()
    client.force_login(admin)
    complaint = comments["complaint"]

    add = client.get("/admin/community/comments/new/")
    delete = client.post(f"/admin/community/comments/delete/{complaint}/")
    listing = client.get("/admin/community/comments/").content.decode()

    assert add.status_code in (302, 403) and delete.status_code in (302, 403)
    assert CommunityComment.objects.filter(pk=complaint).exists()
    assert f"/admin/community/comments/delete/{complaint}/" not in listing
    assert "/admin/community/comments/new/" not in listing
