"""Complaints an idea answers count as resolved once the idea is planned, with a figure of their own."""

import pytest

from django.utils import timezone

from brand_hub.ideas.models import IdeaPage
from brand_hub.ideas.services import change_idea_status
from tests.brand_hub.community.calls import say
from tests.factories.pages import build_ideas

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture
def ideas(home) -> dict:
    return build_ideas(home)


def loyalty(client) -> dict:
    today = timezone.localdate().isoformat()
    response = client.get("/api/insights/overview", {"start": today, "end": today})
    assert response.status_code == 200, response.content
    return response.json()["loyalty"]


def test_complaints_resolved_by_an_idea_count_as_resolved_and_as_a_figure_of_their_own(
    ideas, editor, moderator, lucia, marek
):
    idea = ideas["idea"]
    change_idea_status(idea=idea, by=editor.user, status="under_review")
    idea = IdeaPage.objects.get(pk=idea.pk)
    answered = [
        say(lucia, ideas["challenge"], "Se despegan las suelas.", kind="complaint").json()["id"],
        say(marek, idea, "Y se rompen.", kind="complaint").json()["id"],
    ]
    by_hand = say(lucia, ideas["challenge"], "El cordón se rompe.", kind="complaint").json()["id"]
    moderator.post(f"/api/community/comments/{by_hand}/moderation", {"action": "resolve"}, content_type=JSON)
    linked = moderator.post(
        f"/api/community/ideas/{idea.pk}/answers", {"comment_ids": answered}, content_type=JSON
    )
    assert linked.status_code == 200
    before = loyalty(editor)
    assert (before["complaints_resolved"], before["complaints_resolved_by_ideas"]) == (1, 0)

    change_idea_status(idea=idea, by=editor.user, status="planned")
    planned = loyalty(editor)
    assert (planned["complaints_resolved"], planned["complaints_resolved_by_ideas"]) == (3, 2)
    # Irene reads the dashboard in Spanish.
    assert "Quejas resueltas por ideas" in editor.get("/admin/insights/").content.decode()

    # Declined after all: the promise is withdrawn, the complaints reopen and the figures follow.
    change_idea_status(idea=idea, by=editor.user, status="declined")
    declined = loyalty(editor)
    assert (declined["complaints_resolved"], declined["complaints_resolved_by_ideas"]) == (1, 0)
