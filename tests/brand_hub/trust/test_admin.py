"""Trust in the Wagtail admin, as a community moderator uses it: the level beside a held comment's author
in the desk, levels set with a reason, suspensions made and lifted."""

from datetime import timedelta

import pytest

from django.utils import timezone

from brand_hub.community.models import CommunityComment
from brand_hub.trust.models import Suspension, TrustStanding
from tests.brand_hub.community.calls import say

pytestmark = pytest.mark.django_db


def test_the_desk_shows_a_held_comments_author_with_their_level_and_why(trust_rules, post, lucia, moderator):
    held = say(lucia, post, "Mi primer comentario").json()["id"]
    assert CommunityComment.objects.get(pk=held).hold_reason == "new_member"

    desk = moderator.get("/admin/community/comments/", {"state": "held"}, HTTP_ACCEPT_LANGUAGE="en")
    page = desk.content.decode()
    assert "New member" in page
    assert "0 published comments, 0 approved ideas, member for 0 days, 0 removed" in page
    assert f"/admin/trust/levels/person/{lucia.user.pk}/" in page


def test_a_moderator_sets_a_level_in_the_admin_with_a_reason(trust_rules, announced, lucia, moderator):
    person = moderator.get(f"/admin/trust/levels/person/{lucia.user.pk}/")
    assert person.status_code == 302
    form = moderator.get(person["Location"])
    assert form.status_code == 200

    missing = moderator.post(person["Location"], {"override": "2", "override_reason": ""})
    assert missing.status_code == 200  # the form again, with its error
    assert announced == []

    moderator.post(person["Location"], {"override": "2", "override_reason": "Responde a todos"})
    standing = TrustStanding.objects.get(user=lucia.user)
    assert (standing.override, standing.override_reason, standing.override_by) == (
        2,
        "Responde a todos",
        moderator.user,
    )
    assert announced[-1][1]["by"] == moderator.user

    assert lucia.get(f"/admin/trust/levels/person/{lucia.user.pk}/").status_code in (302, 403)


def test_a_moderator_suspends_and_lifts_in_the_admin(post, lucia, moderator):
    say(lucia, post, "Uno")
    ends_at = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    add = moderator.get("/admin/trust/suspensions/new/", {"user": lucia.user.pk})
    assert add.status_code == 200 and f'value="{lucia.user.pk}"' in add.content.decode()

    own = moderator.post(
        "/admin/trust/suspensions/new/", {"user": moderator.user.pk, "ends_at": ends_at, "reason": "x"}
    )
    assert own.status_code == 200 and Suspension.objects.count() == 0

    created = moderator.post(
        "/admin/trust/suspensions/new/",
        {"user": lucia.user.pk, "ends_at": ends_at, "reason": "Spam", "hide_content": "on"},
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    suspension = Suspension.objects.get()
    assert (suspension.created_by, suspension.hide_content) == (moderator.user, True)
    assert CommunityComment.objects.get(user=lucia.user).hold_reason == "suspended"
    listing = moderator.get("/admin/trust/suspensions/").content.decode()
    assert f"/admin/trust/suspensions/{suspension.pk}/lift/" in listing

    confirm = moderator.get(f"/admin/trust/suspensions/{suspension.pk}/lift/")
    assert confirm.status_code == 200
    assert moderator.post(f"/admin/trust/suspensions/{suspension.pk}/lift/").status_code == 302
    suspension.refresh_from_db()
    assert suspension.lifted_by == moderator.user
    assert CommunityComment.objects.get(user=lucia.user).state == "published"
    assert lucia.post(f"/admin/trust/suspensions/{suspension.pk}/lift/").status_code in (302, 403)
