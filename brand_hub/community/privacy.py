"""The community's part of a person's rights and profile: their name on their comments, their data
in the export, and their comments left anonymous when the account is erased (see users.signals)."""

from django.db import transaction

from brand_hub.headless.timestamps import iso_timestamp
from search.models import SearchedIndex
from search.outbox import record_change

from .comments import author_name
from .markup import plain_text
from .models import (
    CommentReaction,
    CommentReport,
    CommunityComment,
    DigestSent,
    DigestSubscription,
    Follow,
    Notification,
    NotificationPreference,
    PersonFollow,
    PersonMute,
)
from .notifications import forget_author


@transaction.atomic
def rename_author(*, user) -> None:
    """The person's comments show their new name (in the API, the desk and the search index)."""
    comments = CommunityComment.objects.filter(user=user)
    comments.update(user_name=author_name(user))
    record_change(SearchedIndex.COMMENTS, comments.values_list("pk", flat=True))


@transaction.atomic
def anonymise_author(*, user) -> None:
    """The person's comments stay, from nobody: no account, name, e-mail or address, and the
    notifications others got about them name a former member."""
    comment_ids = list(CommunityComment.objects.filter(user=user).values_list("pk", flat=True))
    forget_author(comment_ids)
    CommunityComment.objects.filter(pk__in=comment_ids).update(
        user=None, user_name="", user_email="", user_url="", ip_address=None
    )
    # The person's name and id leave the search index with the next send.
    record_change(SearchedIndex.COMMENTS, comment_ids)


def personal_data(user) -> dict:
    """The person's comments, reactions, flags, follows (of pages and people) and notifications, for the
    account export."""
    comments = CommunityComment.objects.filter(user=user).select_related("page").order_by("submit_date")
    return {
        "comments": [
            {
                "id": comment.pk,
                "page": {"id": comment.page_id, "title": comment.page.title},
                "parent_id": None if comment.is_root else comment.parent_id,
                "text": plain_text(comment.comment),
                "html": comment.comment,
                "kind": comment.kind,
                "state": comment.state,
                "language": comment.language,
                "posted_at": iso_timestamp(comment.submit_date),
                "edited_at": iso_timestamp(comment.edited_at),
                "ip_address": comment.ip_address,
            }
            for comment in comments
        ],
        "reactions": [
            {"comment_id": comment_id, "value": value, "at": iso_timestamp(at)}
            for comment_id, value, at in CommentReaction.objects.filter(user=user).values_list(
                "comment_id", "value", "created_at"
            )
        ],
        "flags": [
            {"comment_id": comment_id, "reason": reason, "note": note, "at": iso_timestamp(at)}
            for comment_id, reason, note, at in CommentReport.objects.filter(reporter=user).values_list(
                "comment_id", "reason", "note", "created_at"
            )
        ],
        "follows": [
            {"page_id": page_id, "since": iso_timestamp(at)}
            for page_id, at in Follow.objects.filter(user=user).values_list("page_id", "created_at")
        ],
        "people_followed": [
            {"person_id": person_id, "since": iso_timestamp(at)}
            for person_id, at in PersonFollow.objects.filter(follower=user).values_list(
                "followed_id", "created_at"
            )
        ],
        "people_muted": [
            {"person_id": person_id, "since": iso_timestamp(at)}
            for person_id, at in PersonMute.objects.filter(muter=user).values_list("muted_id", "created_at")
        ],
        "notifications": [
            {
                "kind": kind,
                "message": message,
                "at": iso_timestamp(at),
                "read_at": iso_timestamp(read),
            }
            for kind, message, at, read in Notification.objects.filter(recipient=user).values_list(
                "kind", "message", "created_at", "read_at"
            )
        ],
        "notification_preferences": {
            "channels": dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel")),
            "digest_frequency": DigestSubscription.objects.filter(user=user)
            .values_list("frequency", flat=True)
            .first(),
            "digests_sent": [
                {"frequency": frequency, "period_start": iso_timestamp(start), "sent_at": iso_timestamp(sent)}
                for frequency, start, sent in DigestSent.objects.filter(user=user, sent_at__isnull=False)
                .order_by("period_start")
                .values_list("frequency", "period_start", "sent_at")
            ],
        },
    }
