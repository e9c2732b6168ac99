"""Reading discussions: a page's threads as nested trees, in a fixed number of queries whatever their size."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from brand_hub.sentiment.labels import Sentiment
from brand_hub.users.roles import ADMINISTRATORS, COMMUNITY_MODERATORS, EDITORS

from .models import CommentKind, CommentReaction, CommentState, CommunityComment, PersonMute

SORTS = {
    "oldest": ("-pinned", "submit_date", "pk"),
    "newest": ("-pinned", "-submit_date", "-pk"),
    "top": ("-pinned", "-like_count", "-submit_date"),
}


@dataclass
class Viewer:
    user: object | None
    is_moderator: bool

    @property
    def user_id(self):
        return self.user.pk if self.user is not None else None


def visible_states(viewer: Viewer) -> Q:
    """Everyone sees published comments; authors their own held ones; moderators everything.

    Removed comments still come back (as placeholders without text) so their replies keep their place.
    """
    if viewer.is_moderator:
        return Q()
    shown = Q(state__in=[CommentState.PUBLISHED, CommentState.REMOVED])
    if viewer.user_id:
        shown |= Q(state=CommentState.HELD, user_id=viewer.user_id)
    return shown


def muted_by(user_id: int | None):
    """The ids of the people `user_id` muted, as a subquery."""
    return PersonMute.objects.filter(muter_id=user_id).values("muted_id")


def page_threads(
    *, page_id: int, viewer: Viewer, sort: str, limit: int, offset: int
) -> tuple[int, list[dict]]:
    """The page's thread starters (paginated) with every visible reply nested beneath them.

    Comments by people the viewer muted are left out, unless someone else's visible comment answers
    them (then they stay as placeholders: `author_muted`, shown without text or author), so every
    answer keeps its place; a moderator's view leaves nothing out (brand_hub.community.mutes).
    Queries: count, one page of roots, all comments of those threads, the viewer's reactions.
    """
    base = CommunityComment.objects.filter(page_id=page_id).filter(visible_states(viewer))
    roots = base.filter(level=0)
    hides_muted = viewer.user_id is not None and not viewer.is_moderator
    if hides_muted:
        muted = muted_by(viewer.user_id)
        answered_by_others = Exists(base.filter(thread_id=OuterRef("thread_id")).exclude(user_id__in=muted))
        roots = roots.exclude(Q(user_id__in=muted) & ~answered_by_others)
    total = roots.count()
    root_rows = list(roots.order_by(*SORTS[sort]).values_list("pk", flat=True)[offset : offset + limit])
    comments = base.filter(thread_id__in=root_rows)
    if viewer.user_id is not None:
        comments = comments.annotate(
            author_muted=Exists(
                PersonMute.objects.filter(muter_id=viewer.user_id, muted_id=OuterRef("user_id"))
            )
        )
    comments = list(comments.select_related("user", "resolved_by").order_by("thread_id", "order"))
    reactions = {}
    if viewer.user_id and comments:
        reactions = dict(
            CommentReaction.objects.filter(comment__in=comments, user_id=viewer.user_id).values_list(
                "comment_id", "value"
            )
        )
    nodes = {comment.pk: {"comment": comment, "replies": []} for comment in comments}
    for comment in comments:
        comment.my_reaction = reactions.get(comment.pk)
        if not comment.is_root and comment.parent_id in nodes:
            nodes[comment.parent_id]["replies"].append(nodes[comment.pk])
    if hides_muted:
        # A thread reads top to bottom, so backwards every reply comes before its parent: a muted
        # comment whose answers were all muted too is gone by the time its parent is looked at.
        for comment in reversed(comments):
            node = nodes[comment.pk]
            if comment.author_muted and not node["replies"]:
                del nodes[comment.pk]
                if not comment.is_root and comment.parent_id in nodes:
                    nodes[comment.parent_id]["replies"].remove(node)
    for node in nodes.values():
        node["comment"].reply_count = len(node["replies"])
    return total, [nodes[pk] for pk in root_rows if pk in nodes]


def brand_people():
    """Who answers for the brand: moderators, editors, administrators and superusers."""
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True) | Q(groups__name__in=(COMMUNITY_MODERATORS, EDITORS, ADMINISTRATORS))
        )
        .values("pk")
    )


def open_negative_complaints(*, now: datetime.datetime | None = None):
    """Published complaints scored negative, unresolved, older than INSIGHTS_ALERT_AFTER_HOURS, answered
    or not: the few candidates for the alert list, found through their own index."""
    now = now or timezone.now()
    return CommunityComment.objects.filter(
        kind=CommentKind.COMPLAINT,
        sentiment=Sentiment.NEGATIVE,
        state=CommentState.PUBLISHED,
        resolved_at__isnull=True,
        submit_date__lte=now - datetime.timedelta(hours=settings.INSIGHTS_ALERT_AFTER_HOURS),
    )


def answered_by_the_brand() -> Exists:
    """A published answer from the brand anywhere below in the comment's thread: a reply to it, or to a
    reply to it."""
    return Exists(
        CommunityComment.objects.filter(
            thread_id=OuterRef("thread_id"),
            submit_date__gt=OuterRef("submit_date"),
            state=CommentState.PUBLISHED,
            user__in=brand_people(),
        )
    )


def unanswered_negative_complaints(*, now: datetime.datetime | None = None):
    """The moderation alert list: published complaints scored negative, unresolved, with no
    published answer from the brand later in their thread, older than INSIGHTS_ALERT_AFTER_HOURS."""
    return open_negative_complaints(now=now).filter(~answered_by_the_brand())
