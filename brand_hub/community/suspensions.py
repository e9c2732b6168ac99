"""What a suspension that hides content does to the person's comments: held while it lasts (reason
`suspended`), and exactly those published again when it ends (receivers in signals.py)."""

from django.db import transaction
from django.utils import timezone

from search.models import SearchedIndex
from search.outbox import record_change

from . import signals
from .models import CommentState, CommunityComment, HoldReason


def _change_states(comments: list[CommunityComment], *, by, **changes) -> list[int]:
    """One UPDATE for all, the search index told, and `comment_state_changed` sent for each as
    moderation.hold_comment would (insights, the live stream and trust counts follow)."""
    if not comments:
        return []
    ids = [comment.pk for comment in comments]
    with transaction.atomic():
        CommunityComment.objects.filter(pk__in=ids).update(**changes)
        parents = {comment.parent_id for comment in comments if not comment.is_root}
        record_change(SearchedIndex.COMMENTS, ids + sorted(parents))
        for comment in comments:
            previous = comment.state
            for field, value in changes.items():
                setattr(comment, field, value)
            signals.comment_state_changed.send(
                sender=CommunityComment, comment=comment, previous=previous, by=by
            )
    return ids


def hide_comments_of(*, user, by) -> list[int]:
    """Hold every published comment of the person; the ids held."""
    comments = list(
        CommunityComment.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(user=user, state=CommentState.PUBLISHED)
    )
    return _change_states(
        comments,
        by=by,
        state=CommentState.HELD,
        is_public=False,
        hold_reason=HoldReason.SUSPENDED,
        hold_detail="",
    )


def republish_comments_of(*, user, by) -> list[int]:
    """Publish again the person's comments still held because of a suspension (not those a moderator
    removed or approved meanwhile); the ids published."""
    comments = list(
        CommunityComment.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(user=user, state=CommentState.HELD, hold_reason=HoldReason.SUSPENDED)
    )
    return _change_states(
        comments,
        by=by,
        state=CommentState.PUBLISHED,
        is_public=True,
        hold_reason=HoldReason.NONE,
        hold_detail="",
        moderated_at=timezone.now(),
        **({"moderated_by": by} if by is not None else {}),
    )
