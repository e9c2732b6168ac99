"""The brand's co-creation figures per objective, each as README.md ("Insights") defines it.

Counts and sums per period come from the daily roll-ups, medians and retention from the facts
rebuilt with them (resolved comments, complaints, when each person was last seen); cohorts and
per-person tables read the stored rows, narrowed by indexed dates to the period.
"""

import datetime
import statistics
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Sum

from wagtail.models import Page

from brand_hub.community.models import CommentKind
from brand_hub.ideas.models import IdeaPage, IdeaStatus
from brand_hub.recommendations.models import ShareChannel, ShareLink, ShareVisit
from brand_hub.sentiment.labels import Sentiment

from .filters import InsightFilters
from .models import ComplaintMade, DailyActivity, LastSeen, Metric, ResolvedComment, ScopeType
from .rollups import page_places

TOP_SHARERS = 20


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def total(filters: InsightFilters, metric: str, **dimensions) -> int:
    rows = DailyActivity.objects.filter(filters.rollup_q(), metric=metric, **dimensions)
    return rows.aggregate(n=Sum("count"))["n"] or 0


def totals_by(filters: InsightFilters, metric: str, *fields: str, **dimensions) -> dict:
    """{value of `fields` (a tuple when several): count} for one metric."""
    rows = (
        DailyActivity.objects.filter(filters.rollup_q(), metric=metric, **dimensions)
        .values(*fields)
        .annotate(n=Sum("count"), money=Sum("amount"))
        .order_by()
    )
    key = (lambda row: row[fields[0]]) if len(fields) == 1 else (lambda row: tuple(row[f] for f in fields))
    return {key(row): row["n"] for row in rows}


def median_hours_to_resolve(filters: InsightFilters, kind: str) -> float | None:
    """Median hours from posting to resolution, over the comments of `kind` resolved in the period."""
    hours = list(
        ResolvedComment.objects.filter(filters.rollup_q(), kind=kind).values_list("hours", flat=True)
    )
    return round(statistics.median(hours), 2) if hours else None


def complainants_who_stayed(filters: InsightFilters) -> tuple[int, int]:
    """(people with a complaint in the period, those of them who took part again afterwards).

    Taking part is a comment, an idea, a vote or a reaction, anywhere, at least
    INSIGHTS_RETENTION_AFTER_HOURS after their first complaint of the period. Both sides come
    from the roll-ups' facts: the complaints with their authors, and when each person was last seen.
    """
    complaints = ComplaintMade.objects.filter(filters.rollup_q()).order_by()
    first_complaint = dict(
        complaints.values("person_id").annotate(first=Min("posted_at")).values_list("person_id", "first")
    )
    last_seen = dict(
        LastSeen.objects.filter(person_id__in=complaints.values("person_id")).values_list("person_id", "at")
    )
    after = datetime.timedelta(hours=settings.INSIGHTS_RETENTION_AFTER_HOURS)
    stayed = sum(
        1
        for person_id, first in first_complaint.items()
        if person_id in last_seen and last_seen[person_id] >= first + after
    )
    return len(first_complaint), stayed


def loyalty(filters: InsightFilters) -> dict:
    received = total(filters, Metric.COMMENT, kind=CommentKind.COMPLAINT)
    resolved = total(filters, Metric.COMMENT_RESOLVED, kind=CommentKind.COMPLAINT)
    complainants, stayed = complainants_who_stayed(filters)
    return {
        "complaints_received": received,
        "complaints_resolved": resolved,
        "median_hours_to_resolve": median_hours_to_resolve(filters, CommentKind.COMPLAINT),
        "complainants": complainants,
        "complainants_retained": stayed,
        "retention_rate": rate(stayed, complainants),
    }


def cost(filters: InsightFilters) -> dict:
    received = total(filters, Metric.COMMENT, kind=CommentKind.QUESTION)
    answered = total(filters, Metric.COMMENT_RESOLVED, kind=CommentKind.QUESTION)
    return {
        "questions_received": received,
        "questions_resolved": answered,
        "median_hours_to_resolve": median_hours_to_resolve(filters, CommentKind.QUESTION),
    }


def top_sharers(filters: InsightFilters, limit: int = TOP_SHARERS) -> list[dict]:
    """The prosumers whose shares brought the most unique visits in the period."""
    visits = dict(
        ShareVisit.objects.filter(
            filters.during("visited_at"), filters.pages_q("link__page"), link__sharer__isnull=False
        )
        .values("link__sharer_id")
        .annotate(n=Count("pk"))
        .values_list("link__sharer_id", "n")
        .order_by()
    )
    shares = dict(
        ShareLink.objects.filter(filters.during("created_at"), filters.pages_q("page"), sharer__isnull=False)
        .values("sharer_id")
        .annotate(n=Count("pk"))
        .values_list("sharer_id", "n")
        .order_by()
    )
    ranked = sorted(
        visits.keys() | shares.keys(), key=lambda pk: (-visits.get(pk, 0), -shares.get(pk, 0), pk)
    )[:limit]
    names = {person.pk: str(person) for person in get_user_model().objects.filter(pk__in=ranked)}
    return [
        {"person_id": pk, "name": names.get(pk, ""), "shares": shares.get(pk, 0), "visits": visits.get(pk, 0)}
        for pk in ranked
    ]


def recommendation(filters: InsightFilters) -> dict:
    shares = totals_by(filters, Metric.SHARE, "kind")
    visits = totals_by(filters, Metric.SHARE_VISIT, "kind")
    channels = [
        {
            "channel": channel.value,
            "label": str(channel.label),
            "shares": shares.get(channel, 0),
            "visits": visits.get(channel, 0),
        }
        for channel in ShareChannel
        if shares.get(channel) or visits.get(channel)
    ]
    return {
        "shares_created": sum(shares.values()),
        "share_visits": sum(visits.values()),
        "by_channel": channels,
        "by_prosumer": top_sharers(filters),
    }


def _scope_titles(ids) -> dict[int, str]:
    return dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))


def innovation(filters: InsightFilters) -> dict:
    """Ideas received and implemented, their value, per board and challenge (open against guided)."""
    received = totals_by(filters, Metric.IDEA, "scope_type", "scope_id")
    implemented = totals_by(filters, Metric.IDEA_IMPLEMENTED, "scope_type", "scope_id")
    value_rows = (
        DailyActivity.objects.filter(filters.rollup_q(), metric=Metric.IDEA_IMPLEMENTED)
        .exclude(kind="")
        .values("kind")
        .annotate(amount=Sum("amount"))
        .order_by("kind")
    )
    values = []
    for row in value_rows:
        kind, _, currency = row["kind"].partition(":")
        amount = Decimal(row["amount"] or 0).quantize(Decimal("0.01"))
        values.append({"kind": kind, "currency": currency, "amount": amount})
    # The cohort: of the ideas received in the period, how many are implemented now.
    cohort = IdeaPage.objects.filter(filters.during("submitted_at"), filters.pages_q("page_ptr"))
    cohort_implemented = defaultdict(int)
    implemented_ids = list(cohort.filter(status=IdeaStatus.IMPLEMENTED).values_list("pk", flat=True))
    for place in page_places(implemented_ids).values():
        cohort_implemented[(place.scope_type, place.scope_id)] += 1
    titles = _scope_titles({scope_id for _, scope_id in received.keys() | implemented.keys()})
    scopes = []
    for scope_type, scope_id in sorted(
        received.keys() | implemented.keys(), key=lambda key: (key[0], titles.get(key[1], ""))
    ):
        got = received.get((scope_type, scope_id), 0)
        scopes.append(
            {
                "scope_type": scope_type,
                "scope_id": scope_id,
                "title": titles.get(scope_id, ""),
                "co_creation": "guided" if scope_type == ScopeType.CHALLENGE else "open",
                "ideas_received": got,
                "ideas_implemented": implemented.get((scope_type, scope_id), 0),
                "implementation_rate": rate(cohort_implemented[(scope_type, scope_id)], got),
            }
        )
    modes = []
    for mode, scope_type in (("guided", ScopeType.CHALLENGE), ("open", ScopeType.BOARD)):
        got = sum(n for (kind, _), n in received.items() if kind == scope_type)
        done = sum(n for (kind, _), n in implemented.items() if kind == scope_type)
        cohort_done = sum(n for (kind, _), n in cohort_implemented.items() if kind == scope_type)
        modes.append(
            {
                "co_creation": mode,
                "ideas_received": got,
                "ideas_implemented": done,
                "implementation_rate": rate(cohort_done, got),
            }
        )
    all_received = sum(received.values())
    return {
        "ideas_received": all_received,
        "ideas_implemented": sum(implemented.values()),
        "implementation_rate": rate(len(implemented_ids), all_received),
        "estimated_value": values,
        "by_co_creation": modes,
        "by_board": scopes,
    }


def sentiment_shares(counts: dict[str, int]) -> dict:
    scored = sum(counts.get(label, 0) for label in Sentiment.values)
    return {
        "scored": scored,
        **{label: counts.get(label, 0) for label in Sentiment.values},
        **{f"{label}_share": rate(counts.get(label, 0), scored) for label in Sentiment.values},
    }


def reputation(filters: InsightFilters) -> dict:
    comments = total(filters, Metric.COMMENT)
    ideas = total(filters, Metric.IDEA)
    views = total(filters, Metric.PAGE_VIEW)
    reactions = total(filters, Metric.REACTION)
    votes = total(filters, Metric.VOTE)
    by_locale = defaultdict(dict)
    for (locale, label), n in totals_by(filters, Metric.COMMENT, "locale", "sentiment").items():
        by_locale[locale][label] = by_locale[locale].get(label, 0) + n
    return {
        "mentions": comments + ideas,
        "comments": comments,
        "ideas": ideas,
        "reach": views + reactions + votes,
        "page_views": views,
        "reactions": reactions,
        "votes": votes,
        "sentiment": sentiment_shares(totals_by(filters, Metric.COMMENT, "sentiment")),
        "sentiment_by_locale": [
            {"locale": locale, **sentiment_shares(counts)} for locale, counts in sorted(by_locale.items())
        ],
    }


def overview(filters: InsightFilters) -> dict:
    return {
        "loyalty": loyalty(filters),
        "recommendation": recommendation(filters),
        "cost": cost(filters),
        "innovation": innovation(filters),
        "reputation": reputation(filters),
    }


def scope_choices() -> dict[str, list[tuple[int, str]]]:
    """The boards, challenges and groups one can filter by, with their titles and locales."""
    choices = {"board": [], "group": []}
    pages = Page.objects.filter(
        content_type__model__in=("ideaboardpage", "ideachallengepage", "communitygrouppage")
    )
    for pk, title, model, locale in pages.values_list(
        "pk", "title", "content_type__model", "locale__language_code"
    ).order_by("title"):
        choices["group" if model == "communitygrouppage" else "board"].append((pk, f"{title} ({locale})"))
    return choices
