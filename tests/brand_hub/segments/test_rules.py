"""Each rule picks its people with its own figure, and a segment keeps only consenting, active prosumers."""

import datetime

import pytest

from brand_hub.community.models import CommentKind
from brand_hub.ideas.models import IdeaStatus
from brand_hub.insights.models import InfluenceScore
from brand_hub.recommendations.models import Referral
from brand_hub.segments.models import ComplaintStatus, Segment, SegmentRule
from brand_hub.segments.services import members, segment_size
from tests.brand_hub.insights.community_history import at, comment, idea, share

pytestmark = pytest.mark.django_db

EVERYONE = ("lucia", "marek", "ana", "jan", "olga", "nina", "irma")


def picked(segment: Segment) -> list[tuple[str, float]]:
    return [(member.username, member.figure) for member in members(segment)]


def segment(**fields) -> Segment:
    made = Segment(name="Campaign", **fields)
    made.full_clean()
    made.save()
    return made


def test_complaint_authors_of_resolved_or_unresolved_complaints_in_a_period(page, people):
    post = page
    for name in EVERYONE:  # one resolved complaint each in March, which only consenting prosumers keep
        comment(post, people[name], kind=CommentKind.COMPLAINT, when=at(3, 2), resolved=at(3, 3))
    comment(post, people["lucia"], kind=CommentKind.COMPLAINT, when=at(3, 20), resolved=at(3, 21))
    comment(post, people["marek"], kind=CommentKind.COMPLAINT, when=at(3, 10))
    comment(post, people["marek"], kind=CommentKind.COMPLAINT, when=at(4, 10))  # after the period
    comment(post, people["marek"], kind=CommentKind.QUESTION, when=at(3, 10))  # not a complaint
    march = {"date_from": datetime.date(2026, 3, 1), "date_to": datetime.date(2026, 3, 31)}

    resolved = segment(rule=SegmentRule.COMPLAINT_AUTHORS, complaint_status=ComplaintStatus.RESOLVED, **march)
    unresolved = segment(
        rule=SegmentRule.COMPLAINT_AUTHORS, complaint_status=ComplaintStatus.UNRESOLVED, **march
    )
    any_status = segment(rule=SegmentRule.COMPLAINT_AUTHORS)

    assert picked(resolved) == [("lucia", 2), ("marek", 1)]
    assert picked(unresolved) == [("marek", 1)]
    assert picked(any_status) == [("marek", 3), ("lucia", 2)]
    # Ana (never consented), Jan (withdrew) and Nina (unverified address) are left out; Olga's
    # account is deactivated and Irma answers for the brand: they are not even candidates.
    assert segment_size(resolved).members == 2 and segment_size(resolved).left_out == 3


def test_the_last_day_of_a_period_counts_whole(page, people):
    post = page
    comment(post, people["lucia"], kind=CommentKind.COMPLAINT, when=at(3, 31, 23))

    last_day = segment(
        rule=SegmentRule.COMPLAINT_AUTHORS,
        date_from=datetime.date(2026, 3, 31),
        date_to=datetime.date(2026, 3, 31),
    )

    assert picked(last_day) == [("lucia", 1)]


def test_idea_authors_by_status_and_language(board, people):
    idea(board, people["lucia"], title="Idea one", when=at(3, 3), status=IdeaStatus.IMPLEMENTED)
    idea(board, people["lucia"], title="Idea two", when=at(3, 4), status=IdeaStatus.IMPLEMENTED)
    idea(board, people["marek"], title="Idea three", when=at(3, 4), status=IdeaStatus.DECLINED)
    idea(board, people["ana"], title="Idea four", when=at(3, 5), status=IdeaStatus.IMPLEMENTED)

    implemented = segment(rule=SegmentRule.IDEA_AUTHORS, idea_status=IdeaStatus.IMPLEMENTED)
    in_english = segment(rule=SegmentRule.IDEA_AUTHORS, locale="en")

    assert picked(implemented) == [("lucia", 2)]
    assert picked(in_english) == []  # the board is Spanish
    assert [name for name, _ in picked(segment(rule=SegmentRule.IDEA_AUTHORS, locale="es"))] == [
        "lucia",
        "marek",
    ]


def test_influencers_are_the_top_n_of_a_locale_or_a_group_ranking(group, people):
    ranking = ["ana", "marek", "lucia", "jan"]  # Ana first, but she never consented
    InfluenceScore.objects.bulk_create(
        [
            InfluenceScore(
                scope="locale:es", person=people[name], rank=rank, score=4.0 - rank, computed_at=at(3, 1)
            )
            for rank, name in enumerate(ranking, start=1)
        ]
        + [
            InfluenceScore(
                scope=f"group:{group.pk}", person=people["lucia"], rank=1, score=2.5, computed_at=at(3, 1)
            )
        ]
    )

    top_two = segment(rule=SegmentRule.INFLUENCERS, locale="es", top=2)
    top_three = segment(rule=SegmentRule.INFLUENCERS, locale="es", top=3)
    of_the_group = segment(rule=SegmentRule.INFLUENCERS, group=group, top=10)
    of_everyone = segment(rule=SegmentRule.INFLUENCERS, top=10)

    assert picked(top_two) == [("marek", 2.0)]
    assert segment_size(top_two).left_out == 1
    assert picked(top_three) == [("marek", 2.0), ("lucia", 1.0)]
    assert picked(of_the_group) == [("lucia", 2.5)]
    assert picked(of_everyone) == []


def test_referrers_are_sharers_whose_links_brought_members_who_signed_up_in_the_period(
    page, people, django_user_model
):
    post = page
    links = {
        name: share(post, people[name], channel="whatsapp", when=at(3, 1), visits=[at(3, 2)])
        for name in ("lucia", "marek", "jan", "ana")
    }
    sign_ups = [("lucia", at(3, 2)), ("lucia", at(3, 20)), ("lucia", at(4, 2)), ("marek", at(3, 5))]
    sign_ups += [("jan", at(2, 27))]  # before the period; Ana's visitor never signed up
    for number, (sharer, when) in enumerate(sign_ups):
        member = django_user_model.objects.create_user(f"member{number}", f"member{number}@example.com")
        Referral.objects.create(
            sharer=people[sharer],
            member=member,
            share_link=links[sharer],
            channel="whatsapp",
            visited_at=when,
            signed_up_at=when,
        )

    march = segment(
        rule=SegmentRule.REFERRERS, date_from=datetime.date(2026, 3, 1), date_to=datetime.date(2026, 3, 31)
    )

    assert picked(march) == [("lucia", 2), ("marek", 1)]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"rule": SegmentRule.INFLUENCERS}, "top"),
        ({"rule": SegmentRule.INFLUENCERS, "top": 5, "date_from": datetime.date(2026, 3, 1)}, "date_from"),
        ({"rule": SegmentRule.REFERRERS, "top": 5}, "top"),
        (
            {"rule": SegmentRule.IDEA_AUTHORS, "complaint_status": ComplaintStatus.RESOLVED},
            "complaint_status",
        ),
        ({"rule": SegmentRule.COMPLAINT_AUTHORS, "idea_status": IdeaStatus.PLANNED}, "idea_status"),
        (
            {
                "rule": SegmentRule.COMPLAINT_AUTHORS,
                "date_from": datetime.date(2026, 3, 2),
                "date_to": datetime.date(2026, 3, 1),
            },
            "date_to",
        ),
    ],
)
def test_a_parameter_the_rule_does_not_take_is_refused_naming_it(db, fields, field):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refusal:
        Segment(name="Campaign", **fields).full_clean()
    assert field in refusal.value.message_dict


def test_a_groups_segment_goes_with_the_group_and_its_exports_stay_in_the_log(group, people):
    from brand_hub.segments.models import SegmentExport
    from brand_hub.segments.services import log_export

    of_the_group = segment(rule=SegmentRule.INFLUENCERS, group=group, top=10)
    log_export(segment=of_the_group, by=people["irma"], format="csv", row_count=0)

    group.delete()

    assert not Segment.objects.filter(pk=of_the_group.pk).exists()
    assert SegmentExport.objects.get().segment_name == "Campaign"
