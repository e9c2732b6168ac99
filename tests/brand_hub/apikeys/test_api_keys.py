"""Scoped API keys: stored hashed, refused outside their scope, expired or revoked; every use logged."""

import hashlib
from datetime import timedelta

import pytest

from django.test import Client
from django.utils import timezone

from brand_hub.apikeys.models import ApiKey, ApiKeyUse
from brand_hub.apikeys.services import revoke_api_key

from .conftest import bearer, issue

INGEST = "/api/listening/mentions"
ONE_MENTION = {
    "items": [
        {
            "network": "x",
            "url": "https://x.com/ana/status/1",
            "author_handle": "@ana",
            "text": "Las botas Cresta son geniales, muy cómodas.",
            "published_at": "2026-12-01T10:00:00Z",
            "reach": 120,
        }
    ]
}


def post(full_key: str | None, body=ONE_MENTION, **headers):
    extra = bearer(full_key) if full_key else {}
    return Client().post(INGEST, body, content_type="application/json", **extra, **headers)


@pytest.mark.django_db
def test_only_a_hash_of_the_secret_is_stored_and_the_full_key_is_given_once(ingest_key):
    key = ApiKey.objects.get()
    prefix, secret = ingest_key.full_key.removeprefix("bh_").split("_", 1)

    assert key.prefix == prefix
    assert key.hashed_secret == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiKey.objects.values().get())


@pytest.mark.django_db
def test_a_key_with_the_scope_is_let_in_and_its_use_logged(ingest_key):
    response = post(ingest_key.full_key, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 200, response.json()
    use = ApiKeyUse.objects.get()
    assert (use.key_id, use.scope, use.path, use.status, use.client_ip) == (
        ingest_key.key.pk,
        "mentions:ingest",
        INGEST,
        200,
        "203.0.113.7",
    )
    assert ApiKey.objects.get().last_used_at is not None


@pytest.mark.django_db
def test_a_key_outside_its_scope_is_refused_with_403_and_the_attempt_logged(db):
    insights_only = issue("insights:read")

    response = post(insights_only.full_key)

    assert response.status_code == 403
    assert response.json()["errors"] == [{"field": "Authorization", "message": response.json()["detail"]}]
    assert "mentions:ingest" in response.json()["detail"]
    assert list(ApiKeyUse.objects.values_list("scope", "status")) == [("mentions:ingest", 403)]


@pytest.mark.django_db
def test_an_expired_key_is_refused_with_401_and_logged(db):
    issued = issue("mentions:ingest")
    ApiKey.objects.filter(pk=issued.key.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = post(issued.full_key)

    assert response.status_code == 401
    assert response.json()["errors"][0]["field"] == "Authorization"
    assert list(ApiKeyUse.objects.values_list("status", flat=True)) == [401]


@pytest.mark.django_db
def test_a_revoked_key_stops_working_at_once(ingest_key):
    assert post(ingest_key.full_key).status_code == 200

    revoke_api_key(key=ingest_key.key)

    assert post(ingest_key.full_key).status_code == 401
    assert list(ApiKeyUse.objects.order_by("at").values_list("status", flat=True)) == [200, 401]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "authorization",
    ["Bearer bh_00000000_nope", "Bearer something-else", "Bearer bh_", None],
)
def test_a_missing_or_unknown_key_is_a_401_naming_the_authorization_header(ingest_key, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = Client().post(INGEST, ONE_MENTION, content_type="application/json", **headers)

    assert response.status_code == 401
    assert response.json()["errors"][0]["field"] == "Authorization"
    assert not ApiKeyUse.objects.exists()  # no key to log it against


@pytest.mark.django_db
def test_a_wrong_secret_with_a_real_prefix_is_refused(ingest_key):
    forged = ingest_key.full_key[:-4] + "AAAA"

    assert post(forged).status_code == 401


@pytest.mark.django_db
def test_last_used_at_moves_at_most_once_a_minute(ingest_key, django_assert_num_queries):
    post(ingest_key.full_key)
    first = ApiKey.objects.get().last_used_at
    post(ingest_key.full_key)

    assert ApiKey.objects.get().last_used_at == first
    ApiKey.objects.update(last_used_at=first - timedelta(minutes=2))
    post(ingest_key.full_key)
    assert ApiKey.objects.get().last_used_at > first
