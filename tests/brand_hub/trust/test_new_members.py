"""A new member's first comments and link-heavy ones wait for a moderator, and their rate is lower."""

import pytest

from brand_hub.community.models import CommunityComment
from tests.brand_hub.community.calls import say

from .conftest import member_for

pytestmark = pytest.mark.django_db

JSON = "application/json"


def test_a_new_members_first_comments_are_held_with_the_reason_and_then_they_post_freely(
    trust_rules, post, lucia, moderator
):
    first, second, third = (say(lucia, post, text).json() for text in ("Hola", "Otra vez", "Y otra"))
    assert (first["state"], second["state"], third["state"]) == ("held", "held", "published")
    held = CommunityComment.objects.get(pk=first["id"])
    assert held.hold_reason == "new_member"
    assert held.hold_detail == "Uno de los 2 primeros comentarios de un miembro nuevo."

    listed = moderator.get("/api/community/comments/", {"page_id": post.pk, "state": "held"}).json()["items"]
    assert {item["hold_reason"] for item in listed if item["state"] == "held"} == {"new_member"}


def test_a_new_members_comment_with_too_many_links_is_held_even_later(settings, trust_rules, post, lucia):
    settings.TRUST_HOLD_FIRST_CONTRIBUTIONS = 0
    one = say(lucia, post, "Mirad https://senda.example/tienda").json()
    assert one["state"] == "published"
    two = say(lucia, post, 'Mirad <a href="https://a.example">esto</a> y www.b.example').json()
    assert two["state"] == "held"
    assert CommunityComment.objects.get(pk=two["id"]).hold_detail.startswith("2 enlaces")

    edited = lucia.patch(
        f"/api/community/comments/{one['id']}",
        {"text": "https://a.example https://b.example"},
        content_type=JSON,
    )
    assert edited.json()["state"] == "held"


def test_a_member_is_neither_held_nor_limited_by_links(trust_rules, post, lucia, moderator):
    member_for(lucia.user, 40)
    moderator.put(
        f"/api/trust/people/{lucia.user.pk}/level", {"level": 1, "reason": "Conocida"}, content_type=JSON
    )
    first = say(lucia, post, "Hola https://a.example https://b.example").json()
    assert first["state"] == "published"


def test_moderators_are_never_held_as_new_members(trust_rules, post, moderator):
    assert say(moderator, post, "Bienvenidos").json()["state"] == "published"


def test_a_new_member_gets_a_share_of_the_posting_rate(settings, trust_rules, post, lucia, marek, moderator):
    settings.TRUST_HOLD_FIRST_CONTRIBUTIONS = 0
    settings.COMMUNITY_RATE_LIMITS = {"comment": {"user": "10/h", "ip": "1000/h"}}
    statuses = [say(lucia, post, f"Nuevo {n}").status_code for n in range(4)]
    assert statuses == [201, 201, 201, 429]  # 30% of 10 an hour

    moderator.put(
        f"/api/trust/people/{marek.user.pk}/level", {"level": 1, "reason": "Conocido"}, content_type=JSON
    )
    assert [say(marek, post, f"Miembro {n}").status_code for n in range(5)] == [201] * 5
