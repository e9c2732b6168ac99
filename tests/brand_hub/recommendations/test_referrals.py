"""A sign-up through a prosumer's share link credits them, with the new member's first contributions."""

import time
from contextlib import contextmanager
from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from brand_hub.community.models import BlockedTerm, CommunityComment
from brand_hub.community.moderation import approve_comment
from brand_hub.recommendations.models import Referral, ReferredContribution, ShareLink
from brand_hub.recommendations.services import attribution_for, credit_sign_up
from brand_hub.recommendations.views import REFERRAL_COOKIE
from brand_hub.users.privacy import erase_account, export_personal_data

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
SIGNUP = {
    "password": "trail-runner-2026",
    "display_name": "Nueva",
    "preferred_locale": "es",
    "accept_terms": True,
}


@pytest.fixture
def clock(monkeypatch):
    """Moves what the services and the signatures read as now by an offset, for the block."""

    @contextmanager
    def moved(offset: timedelta):
        now, clock_time = timezone.now, time.time
        with monkeypatch.context() as patch:
            patch.setattr(timezone, "now", lambda: now() + offset)
            patch.setattr(time, "time", lambda: clock_time() + offset.total_seconds())
            yield

    return moved


@pytest.fixture
def link(destination, lucia) -> ShareLink:
    return ShareLink.objects.create(sharer=lucia.user, page=destination["idea"], channel="whatsapp")


def visit(link: ShareLink, visitor: Client | None = None) -> str:
    """What a headless frontend does on its share route: count the visit and keep the attribution."""
    response = (visitor or Client()).post(
        f"/api/community/shares/{link.code}/visits",
        {"visitor_id": "visitor-0001"},
        "application/json",
        HTTP_USER_AGENT=BROWSER,
    )
    assert response.status_code == 200
    return response.json()["referral"]


def sign_up(email: str, client: Client | None = None, **changes):
    client = client or Client()
    response = client.post(
        "/_allauth/browser/v1/auth/signup",
        {**SIGNUP, "email": email, **changes},
        content_type="application/json",
    )
    assert response.status_code == 401, response.content  # created, e-mail verification pending
    return get_user_model().objects.get(email=email)


def test_a_sign_up_within_the_window_credits_the_sharer_and_their_channel(link):
    attribution = visit(link)

    member = sign_up("nueva@example.com", referral=attribution)

    referral = Referral.objects.get()
    assert (referral.sharer, referral.member, referral.share_link) == (link.sharer, member, link)
    assert referral.channel == "whatsapp" and referral.visited_at <= referral.signed_up_at


def test_a_sign_up_after_the_window_credits_nobody(link, settings, clock):
    settings.REFERRAL_WINDOW_DAYS = 30
    with clock(-timedelta(days=31)):
        attribution = visit(link)

    sign_up("tarde@example.com", referral=attribution)

    assert not Referral.objects.exists()


def test_a_forged_attribution_credits_nobody_and_the_sign_up_still_succeeds(link):
    attribution = visit(link)

    member = sign_up("nueva@example.com", referral=attribution[:-2] + "xx")

    assert member.is_active and not Referral.objects.exists()


def test_the_last_link_clicked_wins_between_the_frontend_s_value_and_the_share_url_s_cookie(
    link, destination, marek, clock
):
    later = ShareLink.objects.create(sharer=marek.user, page=destination["idea"], channel="x")
    browser = Client()
    with clock(-timedelta(days=2)):
        first = visit(link)
    response = browser.get(f"/s/{later.code}", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 302 and REFERRAL_COOKIE in response.cookies

    sign_up("nueva@example.com", browser, referral=first)

    assert Referral.objects.get().sharer == marek.user


def test_nobody_is_credited_for_their_own_sign_up_nor_twice_for_one_member(link, marek):
    assert credit_sign_up(member=link.sharer, attributions=[attribution_for(link)]) is None
    assert credit_sign_up(member=marek.user, attributions=[attribution_for(link)]) is not None
    assert credit_sign_up(member=marek.user, attributions=[attribution_for(link)]) is None
    assert Referral.objects.get().member == marek.user


def referred_member(link) -> Client:
    member = sign_up("nueva@example.com", referral=visit(link))
    client = Client()
    client.force_login(member)
    return client


def test_only_the_member_s_first_contributions_within_the_window_are_credited(link, destination, settings):
    settings.REFERRAL_FIRST_CONTRIBUTIONS = 3
    member = referred_member(link)
    idea, post = destination["idea"], destination["posts"][0]

    idea_body = {"parent": destination["board"].pk, "title": "Cordones", "description": "De botellas."}
    assert member.post("/api/community/ideas/", idea_body, "application/json").status_code == 201
    assert member.post(f"/api/community/ideas/{idea.pk}/vote").status_code == 200
    comments = [
        member.post(
            "/api/community/comments/", {"page_id": post.pk, "text": f"Me gusta {n}"}, "application/json"
        )
        for n in range(2)
    ]
    assert [response.status_code for response in comments] == [201, 201]

    credited = ReferredContribution.objects.filter(referral__member__email="nueva@example.com")
    assert sorted(credited.values_list("kind", flat=True)) == ["comment", "idea", "vote"]
    assert credited.get(kind="comment").object_id == str(comments[0].json()["id"])


def test_a_held_comment_is_credited_once_a_moderator_approves_it(link, destination, moderator):
    member = referred_member(link)
    BlockedTerm.objects.create(term="gratis")
    posted = member.post(
        "/api/community/comments/",
        {"page_id": destination["posts"][0].pk, "text": "Todo gratis"},
        "application/json",
    )
    assert posted.status_code == 201 and not ReferredContribution.objects.exists()

    approve_comment(comment=CommunityComment.objects.get(pk=posted.json()["id"]), by=moderator.user)

    assert list(ReferredContribution.objects.values_list("kind", "object_id")) == [
        ("comment", str(posted.json()["id"]))
    ]


def test_contributions_after_the_window_are_not_credited(link, destination, settings):
    member = referred_member(link)
    Referral.objects.update(signed_up_at=timezone.now() - timedelta(days=settings.REFERRAL_WINDOW_DAYS + 1))

    response = member.post(
        "/api/community/comments/",
        {"page_id": destination["posts"][0].pk, "text": "Hola"},
        "application/json",
    )

    assert response.status_code == 201 and not ReferredContribution.objects.exists()


def test_members_who_came_on_their_own_earn_nobody_credit(destination, marek):
    post = destination["posts"][0]
    marek.post("/api/community/comments/", {"page_id": post.pk, "text": "Hola"}, "application/json")
    assert not ReferredContribution.objects.exists()


def test_erasing_the_member_or_the_sharer_keeps_the_credit_anonymous_and_the_export_lists_it(
    link, destination
):
    member = referred_member(link)
    member.post(
        "/api/community/comments/",
        {"page_id": destination["posts"][0].pk, "text": "Hola"},
        "application/json",
    )
    sharer = link.sharer

    exported = export_personal_data(user=sharer)["referrals"]["members_brought"]
    assert [(row["channel"], row["first_contributions"]) for row in exported] == [("whatsapp", 1)]

    erase_account(user=get_user_model().objects.get(email="nueva@example.com"))
    erase_account(user=sharer)

    referral = Referral.objects.get()
    assert (referral.sharer, referral.member, referral.channel) == (None, None, "whatsapp")
    assert referral.contributions.count() == 1
