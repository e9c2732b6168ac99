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
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, router
from django.db.models import Aggregate, Count, Exists, F, FloatField, OuterRef, Q, Sum
from django.db.models.functions import Left, Length

from wagtail.models import Page

from brand_hub.community.models import CommentKind
from brand_hub.community_groups.models import CommunityGroupPage
from brand_hub.ideas.models import IdeaBoardPage, IdeaChallengePage, IdeaPage, IdeaStatus
from brand_hub.mentions.models import Mention
from brand_hub.recommendations.models import Referral, ShareChannel, ShareLink, ShareVisit
from brand_hub.sentiment.labels import Sentiment

from . import rollups
from .filters import InsightFilters
from .models import (
    ROLLUP_DIMENSIONS,
    ComplaintMade,
    LastSeen,
    Metric,
    ResolvedComment,
    ScopeType,
)
from .rollups import SCOPE_MODELS

TOP_SHARERS = 20


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


class Tally:
    """The period's roll-ups summed per dimension, in one read of its weeks and one of the days around
    them: every count and sum of the overview comes from these few hundred rows, not a query each."""

    DIMENSIONS = ROLLUP_DIMENSIONS[1:]

    def __init__(self, filters: InsightFilters):
        self.filters = filters
        self.rows = rollups.summed(filters, self.DIMENSIONS)

    def _matching(self, metric: str, dimensions: dict):
        return (
            row
            for row in self.rows
            if row["metric"] == metric and all(row[name] == value for name, value in dimensions.items())
        )

    def total(self, metric: str, **dimensions) -> int:
        return sum(row["n"] for row in self._matching(metric, dimensions))

    def by(self, metric: str, *fields: str, value: str = "n", **dimensions) -> dict:
        """{value of `fields` (a tuple when several): count, or amount with value="money"} for one metric."""
        found = defaultdict(int)
        for row in self._matching(metric, dimensions):
            key = row[fields[0]] if len(fields) == 1 else tuple(row[field] for field in fields)
            found[key] += row[value]
        return dict(found)


class Median(Aggregate):
    """A column's median, computed by PostgreSQL; PERCENTILE_CONT interpolates as statistics.median does."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def median_hours_to_resolve(filters: InsightFilters, kind: str) -> float | None:
    """Median hours from posting to resolution, over the comments of `kind` resolved in the period."""
    resolved = ResolvedComment.objects.filter(filters.rollup_q(), kind=kind)
    if connection.vendor == "postgresql":
        median = resolved.aggregate(median=Median("hours"))["median"]
    else:  # SQLite has no percentile function: read the hours
        hours = list(resolved.values_list("hours", flat=True))
        median = statistics.median(hours) if hours else None
    return round(median, 2) if median is not None else None


def complainants_who_stayed(filters: InsightFilters) -> tuple[int, int]:
    """(people with a complaint in the period, those of them who took part again afterwards).

    Taking part is a comment, an idea, a vote or a reaction, anywhere, at least
    INSIGHTS_RETENTION_AFTER_HOURS after their first complaint of the period. Both sides come
    from the roll-ups' facts: the complaints with their authors, and when each person was last seen.
    Last seen that long after any complaint of the period is last seen that long after the first,
    so the database counts both without sending a row.
    """
    complaints = ComplaintMade.objects.filter(filters.rollup_q()).order_by()
    after = datetime.timedelta(hours=settings.INSIGHTS_RETENTION_AFTER_HOURS)
    complainants = complaints.values("person_id").distinct().count()
    stayed = LastSeen.objects.filter(
        Exists(complaints.filter(person_id=OuterRef("person_id"), posted_at__lte=OuterRef("at") - after))
    ).count()
    return complainants, stayed


def loyalty(tally: Tally) -> dict:
    filters = tally.filters
    received = tally.total(Metric.COMMENT, kind=CommentKind.COMPLAINT)
    resolved = tally.total(Metric.COMMENT_RESOLVED, kind=CommentKind.COMPLAINT)
    by_ideas = ResolvedComment.objects.filter(filters.rollup_q(), kind=CommentKind.COMPLAINT, by_idea=True)
    complainants, stayed = complainants_who_stayed(filters)
    return {
        "complaints_received": received,
        "complaints_resolved": resolved,
        "complaints_resolved_by_ideas": by_ideas.count(),
        "median_hours_to_resolve": median_hours_to_resolve(filters, CommentKind.COMPLAINT),
        "complainants": complainants,
        "complainants_retained": stayed,
        "retention_rate": rate(stayed, complainants),
    }


def cost(tally: Tally) -> dict:
    filters = tally.filters
    received = tally.total(Metric.COMMENT, kind=CommentKind.QUESTION)
    answered = tally.total(Metric.COMMENT_RESOLVED, kind=CommentKind.QUESTION)
    return {
        "questions_received": received,
        "questions_resolved": answered,
        "median_hours_to_resolve": median_hours_to_resolve(filters, CommentKind.QUESTION),
    }


# Both counts per sharer in one list, ranked and cut by the database: a year has some 30,000 sharers,
# and reading them all to keep twenty took longer than counting them.
TOP_SHARERS_SQL = """
    SELECT person, SUM(visits) AS visits, SUM(shares) AS shares FROM (
        SELECT person, n AS visits, 0 AS shares FROM ({visits}) visited
        UNION ALL
        SELECT person, 0 AS visits, n AS shares FROM ({shares}) shared
    ) counted
    GROUP BY person ORDER BY visits DESC, shares DESC, person LIMIT %s
"""


def top_sharers(filters: InsightFilters, limit: int = TOP_SHARERS) -> list[dict]:
    """The prosumers whose shares brought the most unique visits in the period (then the most shares)."""
    visits = (
        ShareVisit.objects.filter(
            filters.during("visited_at"), filters.pages_q("link__page"), link__sharer__isnull=False
        )
        .values(person=F("link__sharer_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    shares = (
        ShareLink.objects.filter(filters.during("created_at"), filters.pages_q("page"), sharer__isnull=False)
        .values(person=F("sharer_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    visits_sql, visits_params = visits.query.sql_with_params()
    shares_sql, shares_params = shares.query.sql_with_params()
    # Raw SQL passes no router by itself: it reads where the querysets it is made of would.
    with connections[router.db_for_read(ShareVisit)].cursor() as cursor:
        cursor.execute(
            TOP_SHARERS_SQL.format(visits=visits_sql, shares=shares_sql),
            [*visits_params, *shares_params, limit],
        )
        ranked = cursor.fetchall()
    names = {
        person.pk: str(person)
        for person in get_user_model().objects.filter(pk__in=[row[0] for row in ranked])
    }
    return [
        {"person_id": pk, "name": names.get(pk, ""), "shares": int(shared), "visits": int(visited)}
        for pk, visited, shared in ranked
    ]


#: What the sign-ups a share brought gave the community: members, those of them who took part, and
#: their first contributions (recommendations.ReferredContribution, REFERRAL_FIRST_CONTRIBUTIONS each).
REFERRAL_FIGURES = {
    "signups": Count("pk", distinct=True),
    "referred_contributors": Count("pk", filter=Q(contributions__isnull=False), distinct=True),
    "first_contributions": Count("contributions"),
}


def referrals(filters: InsightFilters, limit: int = TOP_SHARERS) -> dict:
    """Sign-ups of the period through shares and their first contributions: in all, per channel, and
    for the sharers who brought the most members. Three grouped queries and one for the names."""
    signed_up = Referral.objects.filter(filters.during("signed_up_at"), filters.pages_q("share_link__page"))
    by_sharer = list(
        signed_up.filter(sharer__isnull=False)
        .values_list("sharer_id")
        .annotate(**REFERRAL_FIGURES)
        .order_by("-signups", "-referred_contributors", "sharer_id")[:limit]
    )
    names = {
        person.pk: str(person)
        for person in get_user_model().objects.filter(pk__in=[row[0] for row in by_sharer])
    }
    return {
        "totals": signed_up.aggregate(**REFERRAL_FIGURES),
        "by_channel": {
            row.pop("channel"): row
            for row in signed_up.values("channel").annotate(**REFERRAL_FIGURES).order_by()
        },
        "by_sharer": [
            {"person_id": pk, "name": names.get(pk, ""), **dict(zip(REFERRAL_FIGURES, figures, strict=True))}
            for pk, *figures in by_sharer
        ],
    }


def recommendation(tally: Tally) -> dict:
    filters = tally.filters
    shares = tally.by(Metric.SHARE, "kind")
    visits = tally.by(Metric.SHARE_VISIT, "kind")
    referred = referrals(filters)
    none = dict.fromkeys(REFERRAL_FIGURES, 0)
    channels = [
        {
            "channel": channel.value,
            "label": str(channel.label),
            "shares": shares.get(channel, 0),
            "visits": visits.get(channel, 0),
            "signups": referred["by_channel"].get(channel, none)["signups"],
            "first_contributions": referred["by_channel"].get(channel, none)["first_contributions"],
        }
        for channel in ShareChannel
        if shares.get(channel) or visits.get(channel) or channel in referred["by_channel"]
    ]
    return {
        "shares_created": sum(shares.values()),
        "share_visits": sum(visits.values()),
        **referred["totals"],
        "by_channel": channels,
        "by_prosumer": top_sharers(filters),
        "by_referrer": referred["by_sharer"],
    }


def _scope_titles(ids) -> dict[int, str]:
    return dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))


def implemented_per_scope(ideas) -> dict[tuple[str, int], int]:
    """{(scope type, scope id): how many of `ideas`}, each counted in its board or challenge (its parent
    page), grouped by the database: two small queries however many ideas there are."""
    per_parent = dict(
        ideas.annotate(parent_path=Left("path", Length("path") - Page.steplen))
        .values("parent_path")
        .annotate(n=Count("pk"))
        .values_list("parent_path", "n")
        .order_by()
    )
    counts = defaultdict(int)
    for path, pk, model in Page.objects.filter(path__in=per_parent).values_list(
        "path", "pk", "content_type__model"
    ):
        scope_type = SCOPE_MODELS.get(model, ScopeType.NONE)
        counts[(scope_type, pk if scope_type else 0)] += per_parent.pop(path)
    if per_parent:  # a parent gone meanwhile: the idea lives nowhere in particular
        counts[(ScopeType.NONE, 0)] += sum(per_parent.values())
    return counts


def innovation(tally: Tally) -> dict:
    """Ideas received and implemented, their value, per board and challenge (open against guided)."""
    filters = tally.filters
    received = tally.by(Metric.IDEA, "scope_type", "scope_id")
    implemented = tally.by(Metric.IDEA_IMPLEMENTED, "scope_type", "scope_id")
    values = [
        {"kind": kind, "currency": currency, "amount": Decimal(amount).quantize(Decimal("0.01"))}
        for (kind, _, currency), amount in sorted(
            (key.partition(":"), amount)
            for key, amount in tally.by(Metric.IDEA_IMPLEMENTED, "kind", value="money").items()
            if key
        )
    ]
    # The cohort: of the ideas received in the period, how many are implemented now.
    cohort = IdeaPage.objects.filter(filters.during("submitted_at"), filters.pages_q("page_ptr"))
    cohort_implemented = implemented_per_scope(cohort.filter(status=IdeaStatus.IMPLEMENTED))
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
        "implementation_rate": rate(sum(cohort_implemented.values()), all_received),
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


SITE = "site"


def network_figures(filters: InsightFilters) -> list[dict]:
    """Per network, the mentions published in the period, their reach and sentiment, in one query.

    Mentions have a language but no board, challenge or group: a scope filter leaves them all out."""
    if filters.scope_type:
        return []
    mentions = Mention.objects.filter(filters.during("published_at"))
    if filters.locale:
        mentions = mentions.filter(language=filters.locale)
    rows = (
        mentions.values("network")
        .annotate(
            n=Count("pk"),
            reach=Sum("reach"),
            **{label: Count("pk", filter=Q(sentiment=label)) for label in Sentiment.values},
        )
        .order_by("-n", "network")
    )
    return [
        {
            "source": row["network"],
            "mentions": row["n"],
            "reach": row["reach"] or 0,
            **sentiment_shares({label: row[label] for label in Sentiment.values}),
        }
        for row in rows
    ]


def reputation(tally: Tally) -> dict:
    comments = tally.total(Metric.COMMENT)
    ideas = tally.total(Metric.IDEA)
    views = tally.total(Metric.PAGE_VIEW)
    reactions = tally.total(Metric.REACTION)
    votes = tally.total(Metric.VOTE)
    by_locale = defaultdict(dict)
    for (locale, label), n in tally.by(Metric.COMMENT, "locale", "sentiment").items():
        by_locale[locale][label] = by_locale[locale].get(label, 0) + n
    comment_sentiment = tally.by(Metric.COMMENT, "sentiment")
    site = {
        "source": SITE,
        "mentions": comments + ideas,
        "reach": views + reactions + votes,
        **sentiment_shares(comment_sentiment),
    }
    by_source = [site, *network_figures(tally.filters)]
    return {
        "mentions": sum(row["mentions"] for row in by_source),
        "comments": comments,
        "ideas": ideas,
        "reach": sum(row["reach"] for row in by_source),
        "page_views": views,
        "reactions": reactions,
        "votes": votes,
        "sentiment": sentiment_shares(comment_sentiment),
        "sentiment_by_locale": [
            {"locale": locale, **sentiment_shares(counts)} for locale, counts in sorted(by_locale.items())
        ],
        "by_source": by_source,
    }


def overview(filters: InsightFilters) -> dict:
    tally = Tally(filters)
    return {
        "loyalty": loyalty(tally),
        "recommendation": recommendation(tally),
        "cost": cost(tally),
        "innovation": innovation(tally),
        "reputation": reputation(tally),
    }


def scope_choices() -> dict[str, list[tuple[int, str]]]:
    """The boards, challenges and groups one can filter by, with their titles and locales."""
    # Content types from Django's cache, so the page type index finds the few scope pages among the ideas.
    types = ContentType.objects.get_for_models(IdeaBoardPage, IdeaChallengePage, CommunityGroupPage)
    groups = types[CommunityGroupPage].pk
    choices = {"board": [], "group": []}
    pages = Page.objects.filter(content_type__in=types.values())
    for pk, title, type_id, locale in pages.values_list(
        "pk", "title", "content_type_id", "locale__language_code"
    ).order_by("title"):
        choices["group" if type_id == groups else "board"].append((pk, f"{title} ({locale})"))
    return choices
