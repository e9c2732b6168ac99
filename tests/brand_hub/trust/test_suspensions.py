"""Moderators suspend an account: it cannot write anywhere in the project API (its own erasure aside),
its comments are hidden when chosen, and exactly those come back when the suspension ends."""

import re
from datetime import timedelta
from io import StringIO

import pytest

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from brand_hub.community.models import BlockedTerm, CommentState, CommunityComment
from brand_hub.trust.models import Suspension
from tests.brand_hub.community.calls import say, thread

pytestmark = pytest.mark.django_db

JSON = "application/json"
#: Writes a suspended account may still make: its own erasure. Signing out is allauth's (not here).
WRITES_WHILE_SUSPENDED = {("delete", "/api/community/me/")}


def suspend(moderator, user, **fields):
    return moderator.post(
        "/api/trust/suspensions/", {"user_id": user.pk, "reason": "Insultos", **fields}, content_type=JSON
    )


def test_a_suspended_account_is_refused_with_the_end_date_and_its_hidden_comments_come_back_when_lifted(
    announced, post, lucia, marek, moderator
):
    BlockedTerm.objects.create(term="estafa")
    kept, removed, blocked = (say(lucia, post, text).json()["id"] for text in ("Uno", "Dos", "Una estafa"))
    ends_at = timezone.now() + timedelta(days=7)

    created = suspend(moderator, lucia.user, ends_at=ends_at.isoformat(), hide_content=True)
    assert created.status_code == 201, created.content
    suspension = created.json()
    assert (suspension["in_force"], suspension["created_by_id"]) == (True, moderator.user.pk)
    assert [name for name, _ in announced] == ["account_suspended"]
    hidden = CommunityComment.objects.filter(user=lucia.user).exclude(pk=blocked)
    assert {(c.state, c.hold_reason) for c in hidden} == {("held", "suspended")}
    assert thread(marek, post).json()["count"] == 0

    refused = say(lucia, post, "¿Por qué?")
    assert refused.status_code == 403
    error = refused.json()["errors"][0]
    assert error["field"] == "account"
    assert ends_at.strftime("%Y-%m-%dT%H:%M") in error["message"]
    assert lucia.get("/api/community/me/export").status_code == 200  # reading and the data export stay open

    # Meanwhile a moderator removes one of the hidden comments: it stays removed.
    moderator.post(f"/api/community/comments/{removed}/moderation", {"action": "remove"}, content_type=JSON)
    again = suspend(moderator, lucia.user)
    assert again.status_code == 409

    lifted = moderator.post(f"/api/trust/suspensions/{suspension['id']}/lift", content_type=JSON)
    assert lifted.status_code == 200
    assert lifted.json()["lifted_by_id"] == moderator.user.pk
    assert announced[-1] == (
        "account_reinstated",
        {"suspension": Suspension.objects.get(), "by": moderator.user},
    )
    states = dict(CommunityComment.objects.filter(user=lucia.user).values_list("pk", "state"))
    assert states == {kept: "published", removed: "removed", blocked: "held"}
    assert CommunityComment.objects.get(pk=blocked).hold_reason == "blocklist"
    assert say(lucia, post, "Gracias").status_code == 201
    assert moderator.post(f"/api/trust/suspensions/{suspension['id']}/lift").status_code == 409


def test_a_suspension_that_keeps_content_leaves_the_comments_published(post, lucia, marek, moderator):
    say(lucia, post, "Uno")
    assert suspend(moderator, lucia.user).status_code == 201
    assert thread(marek, post).json()["count"] == 1
    assert (
        say(lucia, post, "Dos")
        .json()["errors"][0]["message"]
        .startswith("Tu cuenta está suspendida hasta que un moderador")
    )


def test_a_suspension_ends_on_its_date_and_the_command_brings_the_comments_back(
    announced, post, lucia, moderator
):
    comment_id = say(lucia, post, "Uno").json()["id"]
    suspension = Suspension.objects.get(pk=suspend(moderator, lucia.user, hide_content=True).json()["id"])
    # A week has passed: the suspension reached its end.
    Suspension.objects.filter(pk=suspension.pk).update(
        starts_at=timezone.now() - timedelta(days=8), ends_at=timezone.now() - timedelta(days=1)
    )
    assert say(lucia, post, "He vuelto").status_code == 201  # writing is allowed from the end on
    assert CommunityComment.objects.get(pk=comment_id).state == CommentState.HELD

    call_command("update_trust", stdout=StringIO())
    assert CommunityComment.objects.get(pk=comment_id).state == CommentState.PUBLISHED
    suspension.refresh_from_db()
    assert (suspension.lifted_at, suspension.lifted_by) == (suspension.ends_at, None)
    assert announced[-1][0] == "account_reinstated" and announced[-1][1]["by"] is None


def test_suspending_is_for_moderators_and_refuses_bad_input_by_field(lucia, marek, moderator):
    assert suspend(marek, lucia.user).status_code == 403
    past = suspend(moderator, lucia.user, ends_at=(timezone.now() - timedelta(hours=1)).isoformat())
    assert (past.status_code, past.json()["errors"][0]["field"]) == (400, "ends_at")
    assert suspend(moderator, moderator.user).json()["errors"][0]["field"] == "user_id"
    nobody = moderator.post("/api/trust/suspensions/", {"user_id": 999999, "reason": "x"}, content_type=JSON)
    assert (nobody.status_code, nobody.json()["errors"][0]["field"]) == (404, "user_id")
    blank = suspend(moderator, lucia.user, reason="  ")
    assert (blank.status_code, blank.json()["errors"][0]["field"]) == (400, "reason")
    assert Suspension.objects.count() == 0

    suspend(moderator, lucia.user)
    listed = moderator.get("/api/trust/suspensions/", {"in_force": "true"}).json()
    assert listed["count"] == 1 and listed["items"][0]["user_id"] == lucia.user.pk
    assert marek.get("/api/trust/suspensions/").status_code == 403


def test_every_write_of_the_project_api_refuses_a_suspended_account(lucia, moderator):
    """Walks the OpenAPI document: each operation a person writes through answers 403 (field "account")
    to a suspended prosumer, whatever its input, except the writes listed as allowed."""
    assert suspend(moderator, lucia.user).status_code == 201
    document = Client().get("/api/schema/").json()
    checked = 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method not in ("post", "put", "patch", "delete"):
                continue
            schemes = {name for requirement in operation.get("security", []) for name in requirement}
            if not schemes & {"SessionTokenAuth", "BrowserSessionAuth"}:
                continue  # anonymous counters, an unsubscribe link, servers' API keys: no account writes
            url = re.sub(r"\{[^}]+\}", "1", path)
            response = getattr(lucia, method)(url, {}, content_type=JSON)
            if (method, path) in WRITES_WHILE_SUSPENDED:
                assert response.status_code != 403, (method, path)
                continue
            assert response.status_code == 403, (method, path, response.content)
            assert response.json()["errors"][0]["field"] == "account", (method, path)
            checked += 1
    assert checked >= 25


def test_an_app_with_a_session_token_is_refused_too(post, lucia, moderator):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=lucia.user, email=lucia.user.email, verified=True, primary=True)
    login = Client().post(
        "/_allauth/app/v1/auth/login",
        {"email": lucia.user.email, "password": "pw-lucia-12345"},
        content_type=JSON,
    )
    token = login.json()["meta"]["session_token"]
    suspend(moderator, lucia.user)
    app = Client(HTTP_X_SESSION_TOKEN=token)
    refused = app.post("/api/community/comments/", {"page_id": post.pk, "text": "Hola"}, content_type=JSON)
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (403, "account")
    assert app.get("/api/community/me/").status_code == 200
