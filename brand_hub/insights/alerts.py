"""Negative complaints the brand has left unanswered: the moderation alert list."""

import datetime

from django.utils import timezone

from brand_hub.community import selectors
from brand_hub.community.markup import plain_text

from .filters import InsightFilters

LONGEST_LIST = 200


def unanswered_negative_complaints(
    filters: InsightFilters | None = None, *, now: datetime.datetime | None = None, limit: int = LONGEST_LIST
):
    """The alert list, narrowed to the filters' locale and scope; the oldest first. The period
    does not apply: an alert stays until someone answers."""
    complaints = selectors.unanswered_negative_complaints(now=now)
    if filters is not None:
        complaints = complaints.filter(filters.pages_q("page", locale_field="language"))
    return complaints.select_related(None).select_related("page").order_by("submit_date", "pk")[:limit]


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
