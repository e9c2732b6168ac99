"""Trust levels grow with accepted contributions and time, fall with removals, are explained in words and
set by moderators with a reason; every change is announced."""

import pytest

from django.test import Client
from django.utils import translation

from brand_hub.trust.models import TrustLevel, TrustStanding
from brand_hub.trust.services import explain, level_of
from tests.brand_hub.community.calls import say
from tests.brand_hub.ideas.helpers import approve
from tests.factories.pages import build_ideas

from .conftest import member_for

pytestmark = pytest.mark.django_db

JSON = "application/json"


def moderate(moderator, comment_id, action):
    return moderator.post(
        f"/api/community/comments/{comment_id}/moderation", {"action": action}, content_type=JSON
    )


def test_published_comments_and_time_raise_the_level_and_moderators_read_why(
    settings, trust_rules, announced, post, lucia, moderator
):
    settings.TRUST_HOLD_FIRST_CONTRIBUTIONS = 0
    member_for(lucia.user, 40)
    for text in ("Uno", "Dos"):
        assert say(lucia, post, text).json()["state"] == "published"
    assert announced == []
    say(lucia, post, "Tres")

    ((name, change),) = announced
    assert name == "trust_changed"
    assert (change["user"], change["before"], change["after"], change["by"]) == (lucia.user, 0, 1, None)
    assert "3" in change["reason"]
    standing = TrustStanding.objects.get(user=lucia.user)
    assert (standing.comments_posted, standing.published_comments, standing.level) == (3, 3, 1)

    trust = moderator.get(f"/api/trust/people/{lucia.user.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (trust["level"], trust["label"], trust["set_by_moderator"]) == (1, "Member", False)
    assert trust["reasons"] == ["3 published comments", "0 approved ideas", "member for 40 days", "0 removed"]
    assert trust["suspension"] is None


def test_the_time_since_sign_up_holds_a_busy_new_account_back(settings, trust_rules, post, lucia):
    settings.TRUST_HOLD_FIRST_CONTRIBUTIONS = 0
    for text in ("Uno", "Dos", "Tres", "Cuatro"):
        say(lucia, post, text)
    assert level_of(lucia.user) == TrustLevel.NEW
    member_for(lucia.user, 3)
    lucia.user.refresh_from_db()
    assert level_of(lucia.user) == TrustLevel.MEMBER


def test_a_removal_counts_against_the_author_and_a_restore_takes_it_back(
    settings, trust_rules, announced, post, lucia, moderator
):
    settings.TRUST_HOLD_FIRST_CONTRIBUTIONS = 0
    member_for(lucia.user, 40)
    ids = [say(lucia, post, text).json()["id"] for text in ("Uno", "Dos", "Tres", "Cuatro")]
    assert level_of(TrustStanding.objects.get(user=lucia.user).user) == 1

    moderate(moderator, ids[0], "remove")
    standing = TrustStanding.objects.get(user=lucia.user)
    assert (standing.published_comments, standing.removed, standing.level) == (3, 1, 0)
    assert announced[-1][1]["before"] == 1 and announced[-1][1]["after"] == 0
    with translation.override("es"):
        assert "1 eliminado" in explain(standing.user).summary

    moderate(moderator, ids[0], "approve")
    standing.refresh_from_db()
    assert (standing.published_comments, standing.removed, standing.level) == (4, 0, 1)


def test_an_author_withdrawing_a_comment_is_no_removal_against_them(settings, trust_rules, post, lucia):
    comment_id = say(lucia, post, "Me equivoqué").json()["id"]
    assert lucia.delete(f"/api/community/comments/{comment_id}").status_code == 204
    standing = TrustStanding.objects.get(user=lucia.user)
    assert (standing.published_comments, standing.removed) == (0, 0)


def test_an_approved_idea_counts_once(trust_rules, home, lucia, roles, django_user_model):
    from brand_hub.ideas import services
    from brand_hub.users.roles import EDITORS

    editor = django_user_model.objects.create_user("irene", "irene@example.com", "pw-irene-12345")
    editor.groups.add(roles[EDITORS])
    idea = services.submit_idea(
        author=lucia.user,
        parent=build_ideas(home)["board"],
        title="Cordones",
        description="De botellas.",
        topics=[],
    )
    assert TrustStanding.objects.filter(user=lucia.user, approved_ideas__gt=0).count() == 0
    idea = approve(idea, editor)
    idea.save_revision(user=editor).publish()  # a later edit, published again
    assert TrustStanding.objects.get(user=lucia.user).approved_ideas == 1


def test_a_moderator_sets_a_level_with_a_reason_and_can_give_it_back_to_the_rules(
    trust_rules, announced, lucia, marek, moderator
):
    url = f"/api/trust/people/{lucia.user.pk}/level"
    refused = marek.put(url, {"level": 2, "reason": "Amiga"}, content_type=JSON)
    assert refused.status_code == 403
    no_reason = moderator.put(url, {"level": 2, "reason": ""}, content_type=JSON)
    assert no_reason.status_code == 400
    assert no_reason.json()["errors"][0]["field"] == "reason"
    unknown = moderator.put(url, {"level": 7, "reason": "Sí"}, content_type=JSON)
    assert unknown.status_code == 400
    assert announced == []

    raised = moderator.put(
        url, {"level": 2, "reason": "Writes the best answers"}, content_type=JSON, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert raised.status_code == 200
    body = raised.json()
    assert (body["level"], body["computed_level"], body["set_by_moderator"]) == (2, 0, True)
    assert body["reasons"][-1] == "set to “Trusted member” by Tomasz: Writes the best answers"
    ((name, change),) = announced
    assert (change["before"], change["after"], change["by"], change["reason"]) == (
        0,
        2,
        moderator.user,
        "Writes the best answers",
    )

    back = moderator.put(url, {"level": None, "reason": "Let the rules decide"}, content_type=JSON).json()
    assert (back["level"], back["set_by_moderator"]) == (0, False)
    assert announced[-1][1]["after"] == 0


def test_only_moderators_read_a_persons_trust(lucia, marek):
    assert marek.get(f"/api/trust/people/{lucia.user.pk}").status_code == 403
    assert Client().get(f"/api/trust/people/{lucia.user.pk}").status_code == 401


def test_the_command_stores_and_announces_a_level_that_time_alone_raised(
    settings, trust_rules, announced, post, lucia
):
    from io import StringIO

    from django.core.management import call_command

    settings.TRUST_HOLD_FIRST_CONTRIBUTIONS = 0
    for text in ("Uno", "Dos", "Tres"):
        say(lucia, post, text)
    assert TrustStanding.objects.get(user=lucia.user).level == 0
    member_for(lucia.user, 3)

    output = StringIO()
    call_command("update_trust", stdout=output)
    assert "1 trust levels changed" in output.getvalue()
    assert TrustStanding.objects.get(user=lucia.user).level == 1
    assert [(change["before"], change["after"], change["by"]) for _name, change in announced] == [
        (0, 1, None)
    ]
