"""Prosumer accounts through the headless API: sign-up with consent, verification, tokens, profiles."""

import re
from urllib.parse import unquote

import pytest

from django.contrib.auth import get_user_model
from django.core import mail

from brand_hub.users.roles import ADMINISTRATORS, COMMUNITY_MODERATORS, EDITORS, PROSUMERS

pytestmark = pytest.mark.django_db

BROWSER = "/_allauth/browser/v1"
APP = "/_allauth/app/v1"
SIGNUP = {
    "email": "lucia@example.com",
    "password": "trail-runner-2026",
    "display_name": "Lucía",
    "preferred_locale": "es",
    "accept_terms": True,
}


def sign_up(client, **changes):
    return client.post(f"{BROWSER}/auth/signup", {**SIGNUP, **changes}, content_type="application/json")


def verification_key() -> str:
    return unquote(re.search(r"/account/verify-email/(\S+)", mail.outbox[-1].body).group(1))


def test_a_prosumer_signs_up_with_consent_and_verifies_the_email(client):
    response = sign_up(client)
    assert response.status_code == 401
    assert {"id": "verify_email", "is_pending": True} in [
        {key: flow.get(key) for key in ("id", "is_pending")} for flow in response.json()["data"]["flows"]
    ]
    user = get_user_model().objects.get(email="lucia@example.com")
    assert user.display_name == "Lucía"
    assert user.terms_accepted_at is not None and user.privacy_accepted_at == user.terms_accepted_at
    assert list(user.groups.values_list("name", flat=True)) == [PROSUMERS]

    verified = client.post(
        f"{BROWSER}/auth/email/verify", {"key": verification_key()}, content_type="application/json"
    )
    assert verified.status_code == 200
    assert verified.json()["meta"]["is_authenticated"] is True
    me = client.get("/api/community/me/").json()
    assert me["email"] == "lucia@example.com" and me["roles"] == [PROSUMERS]


def test_sign_up_without_consent_is_refused_naming_the_field(client):
    response = sign_up(client, accept_terms=False)
    assert response.status_code == 400
    assert "accept_terms" in {error.get("param") for error in response.json()["errors"]}
    assert not get_user_model().objects.filter(email="lucia@example.com").exists()


def test_a_mobile_app_signs_in_with_a_session_token(client):
    sign_up(client)
    client.post(f"{BROWSER}/auth/email/verify", {"key": verification_key()}, content_type="application/json")
    client.logout()

    login = client.post(
        f"{APP}/auth/login",
        {"email": SIGNUP["email"], "password": SIGNUP["password"]},
        content_type="application/json",
    )
    assert login.status_code == 200
    token = login.json()["meta"]["session_token"]

    me = client.get("/api/community/me/", headers={"x-session-token": token})
    assert me.status_code == 200 and me.json()["display_name"] == "Lucía"
    assert client.get("/api/community/me/").status_code == 401
    assert client.get("/api/community/me/", headers={"x-session-token": "forged"}).status_code == 401


def test_a_prosumer_edits_the_profile_and_bad_input_is_a_400_that_changes_nothing(client):
    sign_up(client)
    client.post(f"{BROWSER}/auth/email/verify", {"key": verification_key()}, content_type="application/json")

    edited = client.patch(
        "/api/community/me/", {"bio": "Corro por la sierra", "preferred_locale": "pl"}, "application/json"
    )
    assert edited.status_code == 200
    assert edited.json()["bio"] == "Corro por la sierra" and edited.json()["preferred_locale"] == "pl"

    refused = client.patch("/api/community/me/", {"display_name": " ", "bio": "changed"}, "application/json")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "display_name"
    assert get_user_model().objects.get(email=SIGNUP["email"]).bio == "Corro por la sierra"


def test_a_public_profile_shows_the_persons_published_ideas_but_not_the_email(
    client, destination, django_user_model
):
    author = django_user_model.objects.create_user(
        "ana", "ana@example.com", "pw-ana-12345", display_name="Ana"
    )
    idea = destination["idea"]
    idea.proposed_by = author
    idea.save_revision().publish()

    profile = client.get(f"/api/community/people/{author.pk}/").json()
    assert profile["display_name"] == "Ana"
    assert "email" not in profile
    assert [entry["id"] for entry in profile["ideas"]] == [idea.id]
    assert profile["counts"] == {"comments": 0, "ideas": 1, "votes_received": 0, "likes_received": 0}
    assert client.get("/api/community/people/999999/").status_code == 404


def test_the_four_roles_exist_as_groups_with_admin_access_where_due(db):
    from django.contrib.auth.models import Group

    from brand_hub.users.roles import ensure_roles

    groups = ensure_roles()
    access = {
        name: group.permissions.filter(codename="access_admin").exists() for name, group in groups.items()
    }
    assert access == {PROSUMERS: False, COMMUNITY_MODERATORS: True, EDITORS: True, ADMINISTRATORS: True}
    assert (
        Group.objects.get(name=EDITORS).page_permissions.filter(permission__codename="publish_page").exists()
    )


def test_sign_ups_from_one_address_are_rate_limited_with_retry_after(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    statuses = [sign_up(client, email=f"p{n}@example.com").status_code for n in range(3)]
    assert statuses[:2] == [401, 401]  # created, e-mail verification pending
    assert statuses[2] == 429
    refused = sign_up(client, email="p9@example.com")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert not get_user_model().objects.filter(email="p9@example.com").exists()


def test_too_many_failed_log_ins_are_a_429_with_retry_after_and_allauth_s_error_code(client, settings):
    """allauth's own answer is a 400 (`too_many_login_attempts`); the API's rule for a limit is a 429."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "10/m/ip,2/5m/key"}
    sign_up(client)
    client.logout()

    def log_in(password: str):
        credentials = {"email": SIGNUP["email"], "password": password}
        return client.post(f"{APP}/auth/login", credentials, content_type="application/json")

    wrong = [log_in("not-the-password") for _attempt in range(2)]
    refused = log_in(SIGNUP["password"])

    assert [response.status_code for response in wrong] == [400, 400]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 300
    assert refused.json()["errors"][0]["code"] == "too_many_login_attempts"
    assert "session_token" not in refused.json().get("meta", {})


def test_a_browser_frontend_may_call_the_account_endpoints_across_origins(client, settings):
    preflight = client.options(
        f"{BROWSER}/auth/login",
        headers={
            "origin": "http://localhost:3000",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type,x-csrftoken",
        },
    )
    assert preflight["access-control-allow-origin"] == "http://localhost:3000"
    assert preflight["access-control-allow-credentials"] == "true"
    assert "x-session-token" in preflight["access-control-allow-headers"]


def test_a_request_without_credentials_is_a_401_and_a_cookie_without_csrf_a_403(
    destination, django_user_model
):
    from django.test import Client

    anonymous = Client(enforce_csrf_checks=True)
    page_id = destination["posts"][0].pk
    body = {"page_id": page_id, "text": "Hola"}
    assert (
        anonymous.post("/api/community/comments/", body, content_type="application/json").status_code == 401
    )
    stale = anonymous.post(
        "/api/community/comments/",
        body,
        content_type="application/json",
        headers={"x-session-token": "expired"},
    )
    assert stale.status_code == 401

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(django_user_model.objects.create_user("eva", "eva@example.com", "pw-eva-12345"))
    forged = browser.post("/api/community/comments/", body, content_type="application/json")
    assert forged.status_code == 403  # a session cookie without the CSRF token: refused
