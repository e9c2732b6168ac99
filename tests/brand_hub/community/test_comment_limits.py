"""Rate limits on comments, reactions and flags: past a limit, a 429 with Retry-After that stores nothing."""

import pytest

from brand_hub.community.models import CommunityComment

from .calls import say

pytestmark = pytest.mark.django_db


def test_a_prosumer_posting_too_fast_gets_a_429_with_retry_after(post, lucia, marek, settings):
    settings.COMMUNITY_RATE_LIMITS = {"comment": {"user": "3/m", "ip": "100/m"}}
    assert [say(lucia, post, f"Comentario {n}").status_code for n in range(3)] == [201, 201, 201]
    refused = say(lucia, post, "Uno más")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "detail" in refused.json()
    assert CommunityComment.objects.count() == 3
    assert say(marek, post, "Otra persona sí puede").status_code == 201


def test_many_accounts_from_one_address_hit_the_ip_limit(post, lucia, marek, moderator, settings):
    settings.COMMUNITY_RATE_LIMITS = {"comment": {"user": "10/m", "ip": "2/m"}}
    assert say(lucia, post, "Uno").status_code == 201
    assert say(marek, post, "Dos").status_code == 201
    assert say(moderator, post, "Tres").status_code == 429


def test_reactions_and_flags_are_limited_too(post, lucia, marek, settings):
    settings.COMMUNITY_RATE_LIMITS = {"reaction": {"user": "1/m"}, "flag": {"user": "1/h"}}
    first, second = (say(lucia, post, text).json()["id"] for text in ("A", "B"))
    react = "/api/community/comments/{}/reaction"
    assert marek.put(react.format(first), {"value": "like"}, "application/json").status_code == 200
    assert marek.put(react.format(second), {"value": "like"}, "application/json").status_code == 429
    flag = "/api/community/comments/{}/flags"
    assert marek.post(flag.format(first), {"reason": "spam"}, "application/json").status_code == 201
    assert marek.post(flag.format(second), {"reason": "spam"}, "application/json").status_code == 429
    assert CommunityComment.objects.get(pk=second).flag_count == 0
