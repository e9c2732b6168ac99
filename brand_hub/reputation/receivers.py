"""Reputations recomputed, in the change's transaction, when an outcome of their people changes.

On the owning apps' signals rather than on a schedule: a change touches one idea's proposer and the
authors of the comments it answers, a few grouped counts, and a profile then shows the badge at once.
`manage.py recompute_reputation` rebuilds everyone (after a change of the rules, or a restore).
"""

from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from brand_hub.community.models import CommunityComment
from brand_hub.ideas.models import IdeaAnswerLink, IdeaPage
from brand_hub.ideas.signals import (
    idea_answers_linked,
    idea_answers_unlinked,
    idea_status_changed,
    ideas_merged,
)
from brand_hub.recommendations.signals import referral_credited

from .services import recompute


def people_of_idea(idea: IdeaPage) -> list[int | None]:
    """The idea's proposer and the authors of the complaints and questions it answers."""
    return [
        idea.proposed_by_id,
        *IdeaAnswerLink.objects.filter(idea_id=idea.pk).values_list("comment__user_id", flat=True),
    ]


@receiver(idea_status_changed)
def recompute_on_a_status_change(sender, idea, **kwargs) -> None:
    recompute(people_of_idea(idea))


@receiver(page_published, sender=IdeaPage)
@receiver(page_unpublished, sender=IdeaPage)
def recompute_when_an_idea_goes_public_or_not(sender, instance, **kwargs) -> None:
    recompute(people_of_idea(instance))


@receiver(ideas_merged)
def recompute_on_a_merge(sender, source, target, **kwargs) -> None:
    recompute([*people_of_idea(source), *people_of_idea(target)])


@receiver(idea_answers_linked)
@receiver(idea_answers_unlinked)
def recompute_the_authors_answered(sender, idea, comment_ids, **kwargs) -> None:
    recompute(CommunityComment.objects.filter(pk__in=comment_ids).values_list("user_id", flat=True))


@receiver(referral_credited)
def recompute_the_sharer(sender, referral, **kwargs) -> None:
    recompute([referral.sharer_id])
