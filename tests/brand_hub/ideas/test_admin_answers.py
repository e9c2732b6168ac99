"""Moderators link complaints and questions to ideas in the admin: from the comments desk and from the
idea's own page, with a real admin client."""

import pytest

from brand_hub.community.models import CommunityComment
from brand_hub.ideas.models import IdeaAnswerLink, IdeaPage
from brand_hub.ideas.services import change_idea_status
from brand_hub.users.roles import EDITORS
from tests.brand_hub.community.calls import say
from tests.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(roles, django_user_model):
    return person(django_user_model, "irene", EDITORS)


@pytest.fixture
def idea(ideas) -> IdeaPage:
    return ideas["idea"]


@pytest.fixture
def complaint(ideas, lucia) -> int:
    return say(lucia, ideas["challenge"], "Las suelas se despegan.", kind="complaint").json()["id"]


def test_the_desk_offers_answered_by_idea_on_complaints_and_links_one(editor, idea, complaint, ideas, lucia):
    praise = say(lucia, ideas["challenge"], "Me encantan.", kind="praise").json()["id"]
    desk = editor.get("/admin/community/comments/").content.decode()
    assert f"/admin/ideas/answer-comment/{complaint}/" in desk
    assert f"/admin/ideas/answer-comment/{praise}/" not in desk
    screen = f"/admin/ideas/answer-comment/{complaint}/"
    assert editor.get(screen).status_code == 200

    refused = editor.post(f"/admin/ideas/answer-comment/{praise}/", {"idea": idea.pk})
    assert refused.status_code == 200 and refused.context["form"].errors["idea"]
    assert lucia.get(screen).status_code in (302, 403)  # prosumers never reach the screens
    assert lucia.post(screen, {"idea": idea.pk}).status_code in (302, 403)
    assert not IdeaAnswerLink.objects.exists()

    response = editor.post(screen, {"idea": idea.pk})

    assert response.status_code == 302 and response["Location"] == "/admin/community/comments/"
    assert list(IdeaAnswerLink.objects.values_list("idea_id", "comment_id", "linked_by")) == [
        (idea.pk, complaint, editor.user.pk)
    ]
    # Planned already (the fixture's idea): the complaint is resolved at once, and the screen says by what.
    assert CommunityComment.objects.get(pk=complaint).resolved_by_idea
    assert f"/admin/ideas/{idea.pk}/answers/" in editor.get(screen).content.decode()


def test_the_ideas_page_lists_links_adds_and_removes_them(editor, idea, complaint, ideas, marek, lucia):
    question = say(marek, idea, "¿Cuándo?", kind="question").json()["id"]
    change_idea_status(idea=idea, by=editor.user, status="under_review")
    screen = f"/admin/ideas/{idea.pk}/answers/"
    assert lucia.get(screen).status_code in (302, 403)
    assert lucia.post(screen, {"comment_ids": str(complaint)}).status_code in (302, 403)
    assert screen in editor.get(f"/admin/pages/{idea.pk}/edit/").content.decode()

    added = editor.post(screen, {"comment_ids": f"{complaint}, {question}"})
    assert added.status_code == 302
    page = editor.get(screen).content.decode()
    assert "Las suelas se despegan." in page and "¿Cuándo?" in page

    refused = editor.post(screen, {"comment_ids": "tres"})
    assert refused.status_code == 200 and refused.context["form"].errors["comment_ids"]

    assert editor.post(screen, {"unlink": complaint}).status_code == 302
    assert list(IdeaAnswerLink.objects.values_list("comment_id", flat=True)) == [question]
