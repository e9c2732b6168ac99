"""A prosumer's rights over their data: download all of it, and erase the account.

Erasure keeps what the community built (comments, ideas, votes and reactions stay, so threads and
counts stay whole) and removes the person: the account row, name, e-mail, IP addresses, sessions,
follows, memberships and notifications.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page
from wagtail.search import index

from brand_hub.community.markup import plain_text
from brand_hub.community.models import CommentReaction, CommentReport, CommunityComment, Follow, Notification
from brand_hub.community.notifications import forget_author
from brand_hub.community_groups.services import personal_data as group_data
from brand_hub.headless.models import ContentGeneration
from brand_hub.ideas.models import IdeaPage
from brand_hub.ideas.services import personal_data as idea_data
from brand_hub.recommendations.services import personal_data as share_data
from search.models import SearchedIndex
from search.outbox import record_change


def _community_data(user) -> dict:
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
                "posted_at": comment.submit_date.isoformat(),
                "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
                "ip_address": comment.ip_address,
            }
            for comment in comments
        ],
        "reactions": [
            {"comment_id": comment_id, "value": value, "at": at.isoformat()}
            for comment_id, value, at in CommentReaction.objects.filter(user=user).values_list(
                "comment_id", "value", "created_at"
            )
        ],
        "flags": [
            {"comment_id": comment_id, "reason": reason, "note": note, "at": at.isoformat()}
            for comment_id, reason, note, at in CommentReport.objects.filter(reporter=user).values_list(
                "comment_id", "reason", "note", "created_at"
            )
        ],
        "follows": [
            {"page_id": page_id, "since": at.isoformat()}
            for page_id, at in Follow.objects.filter(user=user).values_list("page_id", "created_at")
        ],
        "notifications": [
            {
                "kind": kind,
                "message": message,
                "at": at.isoformat(),
                "read_at": read.isoformat() if read else None,
            }
            for kind, message, at, read in Notification.objects.filter(recipient=user).values_list(
                "kind", "message", "created_at", "read_at"
            )
        ],
    }


def export_personal_data(*, user) -> dict:
    """Everything Brand Hub stores about the person, as JSON-ready data."""
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.pk,
            "username": user.get_username(),
            "email": user.email,
            "display_name": user.display_name,
            "bio": user.bio,
            "preferred_locale": user.preferred_locale,
            "avatar": user.avatar.name or None,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "terms_version": user.terms_version,
            "terms_accepted_at": user.terms_accepted_at.isoformat() if user.terms_accepted_at else None,
            "privacy_accepted_at": user.privacy_accepted_at.isoformat() if user.privacy_accepted_at else None,
            "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        },
        **_community_data(user),
        **group_data(user),
        **idea_data(user),
        **share_data(user),
    }


@transaction.atomic
def erase_account(*, user) -> None:
    """Remove the person and keep their contributions, anonymous."""
    idea_ids = list(Page.objects.filter(owner=user).values_list("pk", flat=True))
    comment_ids = list(CommunityComment.objects.filter(user=user).values_list("pk", flat=True))
    forget_author(comment_ids)
    CommunityComment.objects.filter(pk__in=comment_ids).update(
        user=None, user_name="", user_email="", user_url="", ip_address=None
    )
    proposed = list(IdeaPage.objects.filter(proposed_by=user).values_list("pk", flat=True))
    # The person's name and id leave the search indices with the next send.
    record_change(SearchedIndex.COMMENTS, comment_ids)
    record_change(SearchedIndex.IDEAS, set(proposed) | set(idea_ids))
    if user.avatar:
        user.avatar.delete(save=False)
    # Foreign keys: SET_NULL on contributions, CASCADE on personal state. Every other session or app
    # token of the account stops working with the row: ids are never reused (AUTOINCREMENT, sequences).
    get_user_model().objects.filter(pk=user.pk).delete()
    # Page search and the content API showed the author's name on their ideas.
    for page in Page.objects.filter(pk__in=idea_ids).specific():
        index.insert_or_update_object(page)
    ContentGeneration.bump()
