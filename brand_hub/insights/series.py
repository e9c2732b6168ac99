"""The figures over time, one point per day, week or month of the period, ready to chart."""

import datetime
from collections import defaultdict

from django.db.models import Sum
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brand_hub.community.models import CommentKind
from brand_hub.sentiment.labels import Sentiment

from . import rollups
from .filters import InsightFilters, Interval
from .models import DailyActivity, Metric

TRUNCATE = {Interval.DAY: TruncDay, Interval.WEEK: TruncWeek, Interval.MONTH: TruncMonth}


def period_starts(filters: InsightFilters) -> list[datetime.date]:
    """The first day of every day, week (Monday) or month that the period touches."""
    day = filters.start
    if filters.interval == Interval.WEEK:
        day -= datetime.timedelta(days=day.weekday())
    elif filters.interval == Interval.MONTH:
        day = day.replace(day=1)
    starts = []
    while day <= filters.end:
        starts.append(day)
        if filters.interval == Interval.DAY:
            day += datetime.timedelta(days=1)
        elif filters.interval == Interval.WEEK:
            day += datetime.timedelta(days=7)
        else:
            day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return starts


def counts_over_time(filters: InsightFilters) -> list[dict]:
    """The period's roll-ups summed per day, week or month, metric, kind and sentiment: by week from
    the weekly rows where the period has full weeks, otherwise in one read of the daily rows."""
    fields = ("metric", "kind", "sentiment")
    if filters.interval == Interval.WEEK:
        return rollups.summed(filters, fields, per_week=True)
    rows = list(
        DailyActivity.objects.filter(filters.rollup_q())
        .annotate(period=TRUNCATE[filters.interval]("day"))
        .values("period", *fields)
        .annotate(n=Sum("count"))
        .order_by()
    )
    for row in rows:
        row["period"] = rollups.as_date(row["period"])
    return rows


def line(counts: list[dict], metric: str, dimensions: dict) -> dict[datetime.date, int]:
    """{period start: count} of one metric, narrowed to `dimensions`."""
    found = defaultdict(int)
    for row in counts:
        if row["metric"] == metric and all(row[name] == value for name, value in dimensions.items()):
            found[row["period"]] += row["n"]
    return found


#: Each chart: its key, title and lines as (key, label, metric, dimensions).
CHARTS = (
    (
        "sentiment",
        _("Comments by sentiment"),
        [(label.value, label.label, Metric.COMMENT, {"sentiment": label.value}) for label in Sentiment],
    ),
    (
        "complaints",
        _("Complaints"),
        [
            (
                "received",
                pgettext_lazy("complaints", "Received"),
                Metric.COMMENT,
                {"kind": CommentKind.COMPLAINT},
            ),
            (
                "resolved",
                pgettext_lazy("complaints", "Resolved"),
                Metric.COMMENT_RESOLVED,
                {"kind": CommentKind.COMPLAINT},
            ),
        ],
    ),
    (
        "questions",
        _("Questions"),
        [
            ("received", _("Asked"), Metric.COMMENT, {"kind": CommentKind.QUESTION}),
            (
                "resolved",
                pgettext_lazy("questions", "Resolved"),
                Metric.COMMENT_RESOLVED,
                {"kind": CommentKind.QUESTION},
            ),
        ],
    ),
    (
        "ideas",
        _("Ideas"),
        [
            ("received", pgettext_lazy("ideas", "Received"), Metric.IDEA, {}),
            ("implemented", pgettext_lazy("ideas", "Implemented"), Metric.IDEA_IMPLEMENTED, {}),
        ],
    ),
    (
        "shares",
        _("Recommendations"),
        [
            ("shares", _("Shares created"), Metric.SHARE, {}),
            ("visits", _("Visits through shares"), Metric.SHARE_VISIT, {}),
        ],
    ),
    (
        "reach",
        _("Reach"),
        [
            ("page_views", _("Page views"), Metric.PAGE_VIEW, {}),
            ("reactions", _("Reactions"), Metric.REACTION, {}),
            ("votes", _("Votes"), Metric.VOTE, {}),
        ],
    ),
)


def timeline(filters: InsightFilters) -> list[dict]:
    """Every chart with one value per period for each of its lines (zero where nothing happened)."""
    periods = period_starts(filters)
    counts = counts_over_time(filters)
    charts = []
    for key, title, lines in CHARTS:
        series = []
        for line_key, label, metric, dimensions in lines:
            points = line(counts, metric, dimensions)
            series.append(
                {"key": line_key, "label": str(label), "data": [points.get(day, 0) for day in periods]}
            )
        # The first week or month is named from the period's first day, not from before it.
        labels = [max(day, filters.start) for day in periods]
        charts.append({"key": key, "title": str(title), "periods": labels, "series": series})
    return charts
