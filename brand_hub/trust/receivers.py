"""The trust app's counts follow the community and the ideas: each signal adds to one account's stored
standing (services.count), so that no request counts a whole history; its own data joins the export."""

from django.dispatch import receiver

from wagtail.signals import page_published

from brand_hub.community.models import CommentState
from brand_hub.community.signals import comment_posted, comment_state_changed
from brand_hub.ideas.models import IdeaPage
from brand_hub.users.signals import personal_data_requested

from .models import Suspension
from .services import count, explain


@receiver(comment_posted)
def count_a_comment(sender, comment, **kwargs) -> None:
    published = comment.state == CommentState.PUBLISHED
    count(comment.user, comments_posted=1, published_comments=int(published))


@receiver(comment_state_changed)
def count_a_moderation(sender, comment, previous, by=None, **kwargs) -> None:
    """Published comments as they stand; removals by someone other than the author count against them
    (a comment restored after a removal no longer does)."""
    if comment.user_id is None:
        return
    changes = {}
    if CommentState.PUBLISHED in (previous, comment.state):
        changes["published_comments"] = 1 if comment.state == CommentState.PUBLISHED else -1
    if comment.state == CommentState.REMOVED and by is not None and by.pk != comment.user_id:
        changes["removed"] = 1
    elif previous == CommentState.REMOVED:
        changes["removed"] = -1
    if changes:
        count(comment.user, **changes)


@receiver(page_published, sender=IdeaPage)
def count_an_approved_idea(sender, instance: IdeaPage, **kwargs) -> None:
    """An idea counts once, when its review first publishes it (not again on each later publish, nor
    for its translations)."""
    if instance.proposed_by_id is None or instance.first_published_at != instance.last_published_at:
        return
    translations = IdeaPage.objects.filter(translation_key=instance.translation_key).exclude(pk=instance.pk)
    if translations.filter(first_published_at__isnull=False).exists():
        return
    count(instance.proposed_by, approved_ideas=1)


@receiver(personal_data_requested)
def export_the_persons_trust(sender, user, **kwargs) -> dict:
    explanation = explain(user)
    return {
        "trust": {"level": explanation.level, "label": explanation.label, "reasons": explanation.reasons},
        "suspensions": [
            {
                "starts_at": suspension.starts_at,
                "ends_at": suspension.ends_at,
                "reason": suspension.reason,
                "hide_content": suspension.hide_content,
                "ended_at": suspension.lifted_at,
            }
            for suspension in Suspension.objects.filter(user=user)
        ],
    }
