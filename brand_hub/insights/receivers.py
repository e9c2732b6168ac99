"""What the insights do when another app's news changes figures already rolled up."""

from django.db.models import Min
from django.dispatch import receiver

from brand_hub.ideas.models import ANSWERING_STATUSES, IdeaAnswerLink
from brand_hub.ideas.signals import idea_answers_linked, idea_answers_unlinked, idea_status_changed
from brand_hub.sentiment.signals import rescored

from .models import ResolvedComment, RollupState


@receiver(rescored)
def rebuild_every_day_after_a_sentiment_rescore(sender, changed: int, **kwargs) -> None:
    """Comments of any day may have changed label: the next refresh rebuilds every day (not only
    the recent ones), and the next read asks for it at once."""
    RollupState.objects.filter(pk=1).update(settled_before=None, refreshed_at=None)


def _rebuild_from_the_resolutions_of(comment_ids) -> None:
    """The next read refreshes at once, from the earliest day one of these comments was resolved on
    (a reopened complaint may have been resolved by its idea weeks ago)."""
    earliest = ResolvedComment.objects.filter(comment_id__in=comment_ids).aggregate(day=Min("day"))["day"]
    state = RollupState.objects.filter(pk=1)
    if earliest is not None:
        state.filter(settled_before__gt=earliest).update(settled_before=earliest)
    state.update(refreshed_at=None)


@receiver(idea_status_changed)
def count_what_an_idea_resolves_or_reopens(sender, idea, change, **kwargs) -> None:
    if (change.from_status in ANSWERING_STATUSES) != (change.to_status in ANSWERING_STATUSES):
        _rebuild_from_the_resolutions_of(IdeaAnswerLink.objects.filter(idea=idea).values("comment_id"))


@receiver(idea_answers_linked)
@receiver(idea_answers_unlinked)
def count_comments_linked_or_unlinked(sender, idea, comment_ids, **kwargs) -> None:
    if idea.status in ANSWERING_STATUSES:
        _rebuild_from_the_resolutions_of(comment_ids)
