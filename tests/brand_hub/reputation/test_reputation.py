"""A prosumer's public, explainable reputation from outcomes, its badges, and the choice not to show it."""

from io import StringIO

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from brand_hub.community.comments import post_comment
from brand_hub.ideas.answers import link_answers, unlink_answers
from brand_hub.ideas.models import IdeaPage
from brand_hub.ideas.services import change_idea_status
from brand_hub.recommendations.models import ContributionKind, Referral, ShareLink
from brand_hub.recommendations.services import credit_contribution
from brand_hub.reputation.models import Reputation
from brand_hub.reputation.selectors import reputation_for
from brand_hub.users.privacy import erase_account
from brand_hub.users.roles import EDITORS
from tests.factories.pages import build_ideas, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def ideas(home) -> dict:
    return build_ideas(home)


@pytest.fixture
def editor(roles, django_user_model):
    editor = django_user_model.objects.create_user("elena", "elena@example.com", "pw-elena-12345")
    editor.groups.add(Group.objects.get(name=EDITORS))
    return editor


def idea_of(person, ideas, title: str, status: str = "submitted") -> IdeaPage:
    return publish(
        ideas["board"], IdeaPage(title=title, description="<p>…</p>", proposed_by=person, status=status)
    )


def public_reputation(client, person) -> dict | None:
    response = client.get(f"/api/community/people/{person.pk}/")
    assert response.status_code == 200
    return response.json()["reputation"]


def test_an_idea_the_brand_plans_then_implements_earns_points_the_profile_explains(
    client, ideas, lucia, editor
):
    idea = idea_of(lucia.user, ideas, "Cordones reciclados")
    assert public_reputation(client, lucia.user)["score"] == 0

    change_idea_status(idea=idea, by=editor, status="planned")
    planned = public_reputation(client, lucia.user)
    change_idea_status(idea=idea, by=editor, status="implemented")
    implemented = public_reputation(client, lucia.user)

    assert planned["score"] == 10 and [badge["code"] for badge in planned["badges"]] == ["heard"]
    assert implemented["score"] == 25
    assert implemented["breakdown"][:2] == [  # in the site's default language
        {
            "component": "ideas_planned",
            "label": "Ideas suyas que la marca planifica",
            "count": 0,
            "points_each": 10,
            "points": 0,
        },
        {
            "component": "ideas_implemented",
            "label": "Ideas suyas que la marca implementó",
            "count": 1,
            "points_each": 25,
            "points": 25,
        },
    ]
    assert sum(row["points"] for row in implemented["breakdown"]) == implemented["score"]


def test_a_complaint_an_idea_taken_up_answers_counts_for_its_author(ideas, lucia, editor):
    complaint = post_comment(author=lucia.user, page=ideas["idea"], text="<p>Se rompe</p>", kind="complaint")
    planned_idea = ideas["idea"]  # "planned" in the factories
    submitted = idea_of(None, ideas, "Suela nueva")

    link_answers(idea=submitted, comment_ids=[complaint.pk], by=editor)
    assert reputation_for([lucia.user.pk])[lucia.user.pk]["score"] == 0  # not taken up yet
    unlink_answers(idea=submitted, comment_ids=[complaint.pk], by=editor)
    link_answers(idea=planned_idea, comment_ids=[complaint.pk], by=editor)

    reputation = reputation_for([lucia.user.pk])[lucia.user.pk]
    assert reputation["score"] == 5 and reputation["breakdown"][2]["count"] == 1


def test_labels_follow_the_reader_s_language(client, ideas, lucia):
    idea_of(lucia.user, ideas, "Suela", status="implemented")

    polish = client.get(f"/api/community/people/{lucia.user.pk}/", HTTP_ACCEPT_LANGUAGE="pl").json()[
        "reputation"
    ]
    spanish = client.get(f"/api/community/people/{lucia.user.pk}/", HTTP_ACCEPT_LANGUAGE="es").json()[
        "reputation"
    ]

    assert polish["badges"][0]["label"] == "Wysłuchany" and spanish["badges"][0]["label"] == "Escuchado"


def test_badges_come_at_their_thresholds(ideas, lucia):
    def badges() -> list[str]:
        return Reputation.objects.get(person=lucia.user).badges

    for number in range(2):
        idea_of(lucia.user, ideas, f"Idea {number}", status="implemented")
    assert badges() == ["heard"]
    idea_of(lucia.user, ideas, "Idea 2", status="implemented")
    assert badges() == ["heard", "co_creator"]
    idea_of(lucia.user, ideas, "Idea 3", status="implemented")  # 4 × 25 = 100 points
    assert badges() == ["heard", "co_creator", "trailblazer"]


def test_members_a_share_brought_count_once_they_take_part(ideas, lucia, django_user_model):
    link = ShareLink.objects.create(sharer=lucia.user, page=ideas["idea"], channel="x")
    for number in range(3):
        member = django_user_model.objects.create_user(f"m{number}", f"m{number}@example.com", "pw-12345678")
        Referral.objects.create(
            sharer=lucia.user,
            member=member,
            share_link=link,
            channel="x",
            visited_at=timezone.now(),
            signed_up_at=timezone.now(),
        )
        for vote in range(2):  # a second contribution of the same member adds nothing
            credit_contribution(
                member_id=member.pk, kind=ContributionKind.VOTE, object_id=vote, at=timezone.now()
            )

    reputation = reputation_for([lucia.user.pk])[lucia.user.pk]

    assert reputation["score"] == 15 and [badge["code"] for badge in reputation["badges"]] == ["ambassador"]
    assert reputation["breakdown"][3]["count"] == 3


def test_a_prosumer_who_opts_out_shows_no_score_or_badges_anywhere_public(client, ideas, lucia):
    idea_of(lucia.user, ideas, "Suela", status="implemented")

    response = lucia.patch("/api/community/me/", {"show_reputation": False}, "application/json")

    assert response.status_code == 200 and response.json()["show_reputation"] is False
    assert public_reputation(client, lucia.user) is None
    assert reputation_for([lucia.user.pk]) == {}
    lucia.patch("/api/community/me/", {"show_reputation": True}, "application/json")
    assert public_reputation(client, lucia.user)["score"] == 25


def test_reputation_goes_with_the_account_and_the_command_rebuilds_the_rest(ideas, lucia, marek):
    idea_of(lucia.user, ideas, "Suela", status="implemented")
    idea_of(marek.user, ideas, "Cordones", status="planned")
    Reputation.objects.filter(person=marek.user).delete()

    erase_account(user=lucia.user)
    call_command("recompute_reputation", stdout=StringIO())

    assert list(Reputation.objects.values_list("person_id", "score")) == [(marek.user.pk, 10)]


def test_a_public_profile_reads_the_reputation_in_a_fixed_number_of_queries(
    client, ideas, lucia, django_assert_max_num_queries
):
    idea_of(lucia.user, ideas, "Suela", status="implemented")
    with django_assert_max_num_queries(2):
        reputation_for([lucia.user.pk])
