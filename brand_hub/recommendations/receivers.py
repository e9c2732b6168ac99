"""A person's share links in their data export (users.signals); credit for the members a share brought
(users.signals) and for their first contributions (community.signals, ideas.signals)."""

from django.dispatch import receiver

from brand_hub.community.models import CommentState
from brand_hub.community.signals import comment_posted, comment_state_changed
from brand_hub.ideas.models import IdeaVote
from brand_hub.ideas.signals import idea_submitted, vote_cast
from brand_hub.users.signals import personal_data_requested, prosumer_signed_up

from .models import ContributionKind
from .services import credit_contribution, credit_sign_up, personal_data
from .views import REFERRAL_COOKIE


@receiver(personal_data_requested)
def export_the_persons_share_links(sender, user, **kwargs) -> dict:
    return personal_data(user)


@receiver(prosumer_signed_up)
def credit_the_sharer_of_the_last_link(sender, user, request, referral: str, **kwargs) -> None:
    """The frontend's attribution (a headless frontend on its own origin) or the share URL's cookie (a
    frontend served from the API's site): the later click of the two wins."""
    cookie = request.COOKIES.get(REFERRAL_COOKIE, "") if request is not None else ""
    credit_sign_up(member=user, attributions=[referral, cookie])


@receiver(comment_posted)
@receiver(comment_state_changed)
def credit_a_referred_members_comment(sender, comment, previous=None, **kwargs) -> None:
    # A held comment counts once a moderator publishes it (from held), not before; once only.
    if comment.state != CommentState.PUBLISHED or previous not in (None, CommentState.HELD):
        return
    credit_contribution(
        member_id=comment.user_id, kind=ContributionKind.COMMENT, object_id=comment.pk, at=comment.submit_date
    )


@receiver(idea_submitted)
def credit_a_referred_members_idea(sender, idea, **kwargs) -> None:
    credit_contribution(
        member_id=idea.proposed_by_id, kind=ContributionKind.IDEA, object_id=idea.pk, at=idea.submitted_at
    )


@receiver(vote_cast)
def credit_a_referred_members_vote(sender, idea, voter, vote: IdeaVote, **kwargs) -> None:
    credit_contribution(member_id=voter.pk, kind=ContributionKind.VOTE, object_id=vote.pk, at=vote.created_at)
