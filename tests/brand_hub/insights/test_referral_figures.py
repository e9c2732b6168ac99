"""Sign-ups through shares and their first contributions in the insights, per sharer and channel, and
in the influence score."""

import math

import pytest

from django.utils import timezone

from brand_hub.insights.influence import compute_influence
from brand_hub.insights.models import InfluenceScore
from brand_hub.recommendations.models import Referral, ReferredContribution, ShareLink, ShareVisit

from .community_history import at

pytestmark = pytest.mark.django_db


def referral(link: ShareLink, member, when, contributions: int = 0) -> Referral:
    made = Referral.objects.create(
        sharer=link.sharer,
        member=member,
        share_link=link,
        channel=link.channel,
        visited_at=when,
        signed_up_at=when,
    )
    ReferredContribution.objects.bulk_create(
        ReferredContribution(referral=made, kind="vote", object_id=str(n), created_at=when)
        for n in range(contributions)
    )
    return made


@pytest.fixture
def members(django_user_model) -> list:
    return django_user_model.objects.bulk_create(
        django_user_model(username=f"m{n}", email=f"m{n}@example.com") for n in range(5)
    )


@pytest.fixture
def links(destination, lucia, marek) -> dict[str, ShareLink]:
    idea = destination["idea"]
    return {
        "lucia_whatsapp": ShareLink.objects.create(sharer=lucia.user, page=idea, channel="whatsapp"),
        "lucia_x": ShareLink.objects.create(sharer=lucia.user, page=idea, channel="x"),
        "marek_whatsapp": ShareLink.objects.create(sharer=marek.user, page=idea, channel="whatsapp"),
    }


def test_the_overview_counts_sign_ups_and_first_contributions_per_channel_and_sharer(links, members, editor):
    referral(links["lucia_whatsapp"], members[0], at(3, 2), contributions=3)
    referral(links["lucia_whatsapp"], members[1], at(3, 9))
    referral(links["lucia_x"], members[2], at(3, 20), contributions=1)
    referral(links["marek_whatsapp"], members[3], at(3, 25), contributions=2)
    referral(links["marek_whatsapp"], members[4], at(4, 2), contributions=3)  # April: not in March

    response = editor.get("/api/insights/overview", {"start": "2026-03-01", "end": "2026-03-31"})

    assert response.status_code == 200, response.content
    figures = response.json()["recommendation"]
    assert (figures["signups"], figures["referred_contributors"], figures["first_contributions"]) == (4, 3, 6)
    channels = {row["channel"]: (row["signups"], row["first_contributions"]) for row in figures["by_channel"]}
    assert channels == {"whatsapp": (3, 5), "x": (1, 1)}
    assert figures["by_referrer"] == [
        {"person_id": links["lucia_x"].sharer_id, "name": "Lucia", "signups": 3, "referred_contributors": 2,
         "first_contributions": 4},
        {"person_id": links["marek_whatsapp"].sharer_id, "name": "Marek", "signups": 1,
         "referred_contributors": 1, "first_contributions": 2},
    ]  # fmt: skip


def test_members_a_share_brought_who_took_part_lift_the_sharer_s_influence(links, members):
    """Lucía's two members who took part weigh as 20 visits in her teleport, 1 + ln(21); Marek's
    member never took part, and his link's one visit gives him 1 + ln(2). Without responses the
    stored scores are 2 * t / (sum of t)."""
    now = timezone.now()
    referral(links["lucia_whatsapp"], members[0], now, contributions=1)
    referral(links["lucia_x"], members[1], now, contributions=1)
    referral(links["marek_whatsapp"], members[2], now)
    ShareVisit.objects.create(link=links["marek_whatsapp"], visitor_key="visitor")

    compute_influence()

    ranked = InfluenceScore.objects.filter(scope="all").order_by("rank")
    lucia, marek = 1 + math.log(21), 1 + math.log(2)
    assert list(ranked.values_list("person__username", "referred_members", "share_visits")) == [
        ("lucia", 2, 0),
        ("marek", 0, 1),
    ]
    assert [row.score for row in ranked] == pytest.approx(
        [2 * lucia / (lucia + marek), 2 * marek / (lucia + marek)], abs=1e-6
    )
