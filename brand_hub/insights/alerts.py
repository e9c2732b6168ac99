"""Negative complaints the brand has left unanswered: the moderation alert list."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from brand_hub.community.markup import plain_text
from brand_hub.community.models import CommentKind, CommentState, CommunityComment
from brand_hub.sentiment.labels import Sentiment
from brand_hub.users.roles import ADMINISTRATORS, COMMUNITY_MODERATORS, EDITORS

from .filters import InsightFilters

LONGEST_LIST = 200


def brand_people():
    """Who answers for the brand: moderators, editors, administrators and superusers."""
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True) | Q(groups__name__in=(COMMUNITY_MODERATORS, EDITORS, ADMINISTRATORS))
        )
        .values("pk")
    )


def unanswered_negative_complaints(
    filters: InsightFilters | None = None, *, now: datetime.datetime | None = None, limit: int = LONGEST_LIST
):
    """Published complaints scored negative, unresolved, with no published reply from the brand,
    older than INSIGHTS_ALERT_AFTER_HOURS; the oldest first. The period does not apply: an
    alert stays until someone answers."""
    now = now or timezone.now()
    answered = CommunityComment.objects.filter(
        parent_id=OuterRef("pk"), state=CommentState.PUBLISHED, user__in=brand_people()
    ).exclude(pk=OuterRef("pk"))
    complaints = CommunityComment.objects.filter(
        kind=CommentKind.COMPLAINT,
        sentiment=Sentiment.NEGATIVE,
        state=CommentState.PUBLISHED,
        resolved_at__isnull=True,
        submit_date__lte=now - datetime.timedelta(hours=settings.INSIGHTS_ALERT_AFTER_HOURS),
    )
    if filters is not None:
        complaints = complaints.filter(filters.pages_q("page", locale_field="language"))
    return (
        complaints.filter(~Exists(answered))
        .select_related(None)
        .select_related("page")
        .order_by("submit_date", "pk")[:limit]
    )


def alert_rows(filters: InsightFilters | None = None, *, now: datetime.datetime | None = None) -> list[dict]:
    now = now or timezone.now()
    return [
        {
            "comment_id": comment.pk,
            "author": comment.user_name,
            "text": plain_text(comment.comment),
            "locale": comment.language,
            "page_id": comment.page_id,
            "page_title": comment.page.title,
            "submitted_at": comment.submit_date,
            "hours_waiting": round((now - comment.submit_date).total_seconds() / 3600, 1),
            "sentiment_score": comment.sentiment_score,
        }
        for comment in unanswered_negative_complaints(filters, now=now)
    ]
