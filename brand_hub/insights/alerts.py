"""Negative complaints the brand has left unanswered, and negative mentions reaching many people."""

import datetime

from django.conf import settings
from django.utils import timezone

from brand_hub.community import selectors
from brand_hub.community.markup import plain_text
from brand_hub.community.models import CommunityComment
from brand_hub.mentions.models import Mention
from brand_hub.sentiment.labels import Sentiment

from .filters import InsightFilters

LONGEST_LIST = 200
#: At most this many candidates are checked for an answer per query; a batch is twice the list's
#: length (at least 20), as most candidates are unanswered and the first batch usually fills it.
BATCH = 400


def unanswered_negative_complaints(
    filters: InsightFilters | None = None, *, now: datetime.datetime | None = None, limit: int = LONGEST_LIST
) -> list[CommunityComment]:
    """The alert list, narrowed to the filters' locale and scope; the oldest first. The period
    does not apply: an alert stays until someone answers.

    In two steps: the open negative complaints in date order (a few thousand ids, through their own
    index), then the unanswered among them, a batch at a time until the list is full. Asked for
    the first `limit` in one query, PostgreSQL walks a million comments by date instead.
    """
    candidates = selectors.open_negative_complaints(now=now)
    if filters is not None:
        candidates = candidates.filter(filters.pages_q("page", locale_field="language"))
    ordered = list(candidates.order_by("submit_date", "pk").values_list("pk", flat=True))
    found = []
    size = min(BATCH, max(2 * limit, 20))
    for start in range(0, len(ordered), size):
        batch = ordered[start : start + size]
        found += (
            CommunityComment.objects.filter(~selectors.answered_by_the_brand(), pk__in=batch)
            .select_related("page")
            .order_by("submit_date", "pk")[: limit - len(found)]
        )
        if len(found) >= limit:
            break
    return found


def alert_rows(
    filters: InsightFilters | None = None, *, now: datetime.datetime | None = None, limit: int = LONGEST_LIST
) -> list[dict]:
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
        for comment in unanswered_negative_complaints(filters, now=now, limit=limit)
    ]


def negative_mentions_with_high_reach(
    filters: InsightFilters | None = None, *, now: datetime.datetime | None = None, limit: int = LONGEST_LIST
) -> list[dict]:
    """Negative mentions that reached at least INSIGHTS_MENTION_ALERT_REACH people, published in the
    last INSIGHTS_MENTION_ALERT_DAYS days (the period does not apply), widest reach first. A locale
    filter keeps the mentions in its language; a board or group filter, none (they belong to none)."""
    if filters is not None and filters.scope_type:
        return []
    now = now or timezone.now()
    mentions = Mention.objects.filter(
        sentiment=Sentiment.NEGATIVE,
        reach__gte=settings.INSIGHTS_MENTION_ALERT_REACH,
        published_at__gte=now - datetime.timedelta(days=settings.INSIGHTS_MENTION_ALERT_DAYS),
    )
    if filters is not None and filters.locale:
        mentions = mentions.filter(language=filters.locale)
    return [
        {
            "mention_id": mention.pk,
            "network": mention.network,
            "url": mention.url,
            "author_handle": mention.author_handle,
            "text": mention.text,
            "language": mention.language,
            "published_at": mention.published_at,
            "reach": mention.reach,
            "sentiment_score": mention.sentiment_score,
        }
        for mention in mentions.order_by("-reach", "-published_at")[:limit]
    ]
