"""A period's full weeks are read from the weekly roll-ups: the same sums as its days, whatever the period."""

import datetime
import random
from collections import Counter

import pytest

from django.core.management import call_command
from django.db.models import Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from brand_hub.insights import rollups
from brand_hub.insights.filters import InsightFilters, Interval
from brand_hub.insights.models import ROLLUP_DIMENSIONS, DailyActivity, WeeklyActivity

from .community_history import comment

pytestmark = pytest.mark.django_db
DIMENSIONS = ROLLUP_DIMENSIONS[1:]


def totals(rows, fields) -> Counter:
    found = Counter()
    for row in rows:
        found[tuple(row[field] for field in fields)] += row["n"]
    return found


def daily_totals(filters: InsightFilters, fields) -> Counter:
    return totals(
        DailyActivity.objects.filter(filters.rollup_q()).values(*fields).annotate(n=Sum("count")).order_by(),
        fields,
    )


def weekly_as_stored() -> Counter:
    return Counter(
        {
            (row["week"], *(row[name] for name in DIMENSIONS)): row["count"]
            for row in WeeklyActivity.objects.values()
        }
    )


def daily_by_week() -> Counter:
    found = Counter()
    for row in DailyActivity.objects.annotate(week=TruncWeek("day")).values("week", *DIMENSIONS, "count"):
        week = row["week"].date() if isinstance(row["week"], datetime.datetime) else row["week"]
        found[(week, *(row[name] for name in DIMENSIONS))] += row["count"]
    return found


def test_the_weekly_rows_are_the_sums_of_the_daily_ones_after_every_refresh(march, destination, lucia):
    call_command("insights_refresh", "--full")
    assert weekly_as_stored() == daily_by_week() and len(weekly_as_stored()) > 10
    assert all(week.weekday() == 0 for week, *_rest in weekly_as_stored())

    comment(destination["posts"][0], lucia.user, kind="praise", when=timezone.now(), sentiment="positive")
    call_command("insights_refresh")  # the last days only

    assert weekly_as_stored() == daily_by_week()
    assert any(week == rollups.monday(timezone.localdate()) for week, *_rest in weekly_as_stored())


@pytest.mark.parametrize("seed", range(4))
def test_any_period_sums_to_what_its_days_hold(march, seed):
    call_command("insights_refresh", "--full")
    chooser = random.Random(seed)
    for _ in range(15):
        start = datetime.date(2026, 2, 1) + datetime.timedelta(days=chooser.randrange(60))
        end = start + datetime.timedelta(days=chooser.randrange(45))
        locale = chooser.choice([None, "es", "en"])
        filters = InsightFilters(start, end, locale=locale, interval=Interval.WEEK)

        assert totals(rollups.summed(filters, DIMENSIONS), DIMENSIONS) == daily_totals(filters, DIMENSIONS)
        weekly = totals(rollups.summed(filters, ("metric",), per_week=True), ("period", "metric"))
        by_day = Counter()
        for row in DailyActivity.objects.filter(filters.rollup_q()).values("day", "metric", "count"):
            by_day[(rollups.monday(row["day"]), row["metric"])] += row["count"]
        assert weekly == +by_day, (start, end, locale)
