"""The screeners named in CONTRIBUTION_SCREENERS decide, in order, whether a contribution is held."""

import pytest

from brand_hub.community.models import CommunityComment, HoldReason
from brand_hub.community.screening import Contribution, Hold

from .calls import say, thread

pytestmark = pytest.mark.django_db

JSON = "application/json"
BLOCKLIST = "brand_hub.community.moderation.blocklist_screener"
SEEN: list[Contribution] = []


def holds_links(contribution: Contribution) -> Hold | None:
    SEEN.append(contribution)
    if "http" in contribution.text:
        return Hold(HoldReason.SPAM, "a link in a first comment")
    return None


@pytest.fixture
def link_screener(settings):
    SEEN.clear()
    settings.CONTRIBUTION_SCREENERS = [BLOCKLIST, f"{__name__}.holds_links"]


def test_a_screeners_hold_is_stored_with_its_detail_for_moderators_only(
    link_screener, post, lucia, marek, moderator
):
    held = say(lucia, post, "Mirad <b>esto</b>: http://ofertas.example/zapatillas").json()
    assert held["state"] == "held"
    comment = CommunityComment.objects.get(pk=held["id"])
    assert (comment.hold_reason, comment.hold_detail) == ("spam", "a link in a first comment")
    (seen,) = SEEN
    assert (seen.author, seen.language, seen.kind, seen.edit) == (lucia.user, "es", "comment", False)
    assert seen.text == "Mirad esto: http://ofertas.example/zapatillas"  # plain text, markup removed
    assert thread(marek, post).json()["count"] == 0

    listed = thread(moderator, post, state="held").json()["items"][0]
    assert (listed["hold_reason"], listed["hold_detail"]) == ("spam", "a link in a first comment")
    approved = moderator.post(
        f"/api/community/comments/{held['id']}/moderation", {"action": "approve"}, content_type=JSON
    )
    assert approved.json()["hold_detail"] == ""
    comment.refresh_from_db()
    assert (comment.state, comment.hold_reason, comment.hold_detail) == ("published", "", "")


def test_the_first_screener_that_holds_wins_and_an_edit_is_screened_again(link_screener, post, lucia):
    from brand_hub.community.models import BlockedTerm

    BlockedTerm.objects.create(term="estafa")
    first = say(lucia, post, "Una estafa: http://ofertas.example").json()
    assert CommunityComment.objects.get(pk=first["id"]).hold_reason == "blocklist"
    assert SEEN == []  # the blocklist held it before the second screener was asked

    published = say(lucia, post, "Me encantan").json()
    edited = lucia.patch(
        f"/api/community/comments/{published['id']}",
        {"text": "Me encantan: http://ofertas.example"},
        content_type=JSON,
    )
    assert edited.json()["state"] == "held"
    assert SEEN[-1].edit is True
    assert CommunityComment.objects.get(pk=published["id"]).hold_reason == "spam"
