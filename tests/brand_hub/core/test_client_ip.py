"""Client IPs from the trusted proxy chain (TRUSTED_PROXY_COUNT), never from what a client writes."""

import pytest

from django.contrib.auth import get_user_model

from brand_hub.community.models import CommunityComment
from tests.brand_hub.users.test_accounts_api import BROWSER, SIGNUP

pytestmark = pytest.mark.django_db

PEER = "10.0.0.2"  # the proxy nearest the web node, as the web node sees it


def sign_up(client, *, email: str, forwarded_for: str) -> int:
    return client.post(
        f"{BROWSER}/auth/signup",
        {**SIGNUP, "email": email},
        content_type="application/json",
        HTTP_X_FORWARDED_FOR=forwarded_for,
        REMOTE_ADDR=PEER,
    ).status_code


def comment_through_proxy(client, post, forwarded_for: str, text: str = "¿Llega en talla 44?"):
    return client.post(
        "/api/community/comments/",
        {"page_id": post.pk, "text": text},
        content_type="application/json",
        HTTP_X_FORWARDED_FOR=forwarded_for,
        REMOTE_ADDR=PEER,
    )


def commenter_ip(client, post, forwarded_for: str) -> str:
    created = comment_through_proxy(client, post, forwarded_for)
    assert created.status_code == 201, created.content
    return CommunityComment.objects.get(pk=created.json()["id"]).ip_address


def test_without_trusted_proxies_a_forged_forwarded_for_is_ignored(lucia, post, settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert commenter_ip(lucia, post, "203.0.113.7") == PEER


def test_behind_one_proxy_the_right_most_address_is_the_client_and_what_it_prepends_is_ignored(
    lucia, post, settings
):
    settings.TRUSTED_PROXY_COUNT = 1

    assert commenter_ip(lucia, post, "203.0.113.7") == "203.0.113.7"
    assert commenter_ip(lucia, post, "198.51.100.1, 6.6.6.6 ,203.0.113.7") == "203.0.113.7"


def test_behind_two_proxies_the_second_address_from_the_right_is_the_client(lucia, post, settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert commenter_ip(lucia, post, "6.6.6.6, 203.0.113.7, 10.0.0.1") == "203.0.113.7"


def test_a_forwarded_for_shorter_than_the_proxy_count_or_not_an_address_falls_back_to_the_peer(
    lucia, post, settings
):
    settings.TRUSTED_PROXY_COUNT = 2

    assert commenter_ip(lucia, post, "203.0.113.7") == PEER
    assert commenter_ip(lucia, post, "") == PEER
    assert commenter_ip(lucia, post, "not-an-address, 10.0.0.1") == PEER


def test_a_client_rotating_forged_addresses_stays_in_its_own_rate_limit_bucket(lucia, marek, post, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.COMMUNITY_RATE_LIMITS = {"comment": {"ip": "2/m"}}
    forged = [f"198.51.100.{n}, 203.0.113.7" for n in range(3)]

    statuses = [
        comment_through_proxy(lucia, post, header, f"Comentario {n}").status_code
        for n, header in enumerate(forged)
    ]
    other_client = comment_through_proxy(marek, post, "192.0.2.9", "Desde otra casa")

    assert statuses == [201, 201, 429]
    assert other_client.status_code == 201  # behind the same proxy, another client has its own bucket


def test_allauth_limits_sign_ups_per_client_behind_the_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/h/ip"}

    assert sign_up(client, email="ana@example.com", forwarded_for="203.0.113.7") == 401  # e-mail pending
    assert sign_up(client, email="ana2@example.com", forwarded_for="6.6.6.6, 203.0.113.7") == 429
    assert sign_up(client, email="olek@example.com", forwarded_for="192.0.2.9") == 401
    assert not get_user_model().objects.filter(email="ana2@example.com").exists()


def test_allauth_answers_a_short_forwarded_for_instead_of_failing(client, settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2

    assert sign_up(client, email="ana@example.com", forwarded_for="203.0.113.7") == 401
