"""Daily roll-ups of the community's activity, rebuilt from the stored rows they count.

Every figure on the dashboard that is a count or a sum per period reads `DailyActivity`, a few
rows per day, and its sums per week (`WeeklyActivity`), instead of a million comments. The rows
are derived data: `refresh(full=True)` deletes and recomputes all of them, and an ordinary refresh
recomputes the last INSIGHTS_REFRESH_OVERLAP_DAYS days, where late changes (a comment removed, a
page moved) land.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import TruncDate, TruncWeek
from django.utils import timezone

from wagtail.models import Page

from brand_hub.community.models import CommentKind, CommentReaction, CommentState, CommunityComment
from brand_hub.ideas.models import IdeaPage, IdeaStatus, IdeaStatusChange, IdeaVote
from brand_hub.recommendations.models import ShareLink, ShareVisit

from .models import (
    ROLLUP_DIMENSIONS,
    ComplaintMade,
    DailyActivity,
    LastSeen,
    Metric,
    PageViewDay,
    ResolvedComment,
    RollupState,
    ScopeType,
    WeeklyActivity,
)

#: Page models whose pages are a scope of their own; an idea belongs to its board or challenge.
SCOPE_MODELS = {
    "communitygrouppage": ScopeType.GROUP,
    "ideaboardpage": ScopeType.BOARD,
    "ideachallengepage": ScopeType.CHALLENGE,
}
IDEA_MODEL = "ideapage"
#: The kinds of comment the brand resolves, whose time to resolution is a figure.
RESOLVED_KINDS = (CommentKind.COMPLAINT, CommentKind.QUESTION)


@dataclass(frozen=True)
class PagePlace:
    """Where a page's activity is counted: its locale and its group, board or challenge."""

    locale: str
    scope_type: str = ScopeType.NONE
    scope_id: int = 0

    def fields(self) -> dict:
        return {"locale": self.locale, "scope_type": self.scope_type, "scope_id": self.scope_id}


def page_places(page_ids) -> dict[int, PagePlace]:
    """{page id: its place}, in two queries whatever the number of pages."""
    rows = list(
        Page.objects.filter(pk__in=page_ids).values_list(
            "pk", "path", "content_type__model", "locale__language_code"
        )
    )
    idea_parent_paths = {path[: -Page.steplen] for _, path, model, _ in rows if model == IDEA_MODEL}
    parents = {
        path: (pk, model)
        for pk, path, model in Page.objects.filter(path__in=idea_parent_paths).values_list(
            "pk", "path", "content_type__model"
        )
    }
    places = {}
    for pk, path, model, locale in rows:
        holder_id, holder_model = (
            parents.get(path[: -Page.steplen], (0, "")) if model == IDEA_MODEL else (pk, model)
        )
        scope_type = SCOPE_MODELS.get(holder_model, ScopeType.NONE)
        places[pk] = PagePlace(locale, scope_type, holder_id if scope_type else 0)
    return places


def _day_range(field: str, start: datetime.date | None, end: datetime.date) -> Q:
    """`field` within [start, end) as local days; no lower bound when start is None."""
    tz = timezone.get_current_timezone()
    upper = Q(**{f"{field}__lt": datetime.datetime.combine(end, datetime.time.min, tzinfo=tz)})
    if start is None:
        return upper
    return upper & Q(**{f"{field}__gte": datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)})


def _per_day(rows, moment: str, start, end, page: str, kind: str = "", sentiment: str = ""):
    """(day, page id, kind, sentiment, count) of `rows` grouped by the local day of `moment`."""
    fields = [field for field in (page, kind, sentiment) if field]
    grouped = (
        rows.filter(_day_range(moment, start, end))
        .annotate(day=TruncDate(moment))
        .values("day", *fields)
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in grouped:
        yield row["day"], row[page], row[kind] if kind else "", row[sentiment] if sentiment else "", row["n"]


def _implemented(start, end):
    """(day, idea id, value kind, 1, value) of ideas last made implemented in the days, and still so."""
    implemented_at = dict(
        IdeaStatusChange.objects.filter(to_status=IdeaStatus.IMPLEMENTED, idea__status=IdeaStatus.IMPLEMENTED)
        .values("idea_id")
        .annotate(at=Max("changed_at"))
        .values_list("idea_id", "at")
        .order_by()
    )
    days = {idea_id: timezone.localdate(at) for idea_id, at in implemented_at.items()}
    window = [idea_id for idea_id, day in days.items() if (start is None or day >= start) and day < end]
    for pk, value, value_kind, currency in IdeaPage.objects.filter(pk__in=window).values_list(
        "pk", "estimated_value", "value_kind", "value_currency"
    ):
        kind = f"{value_kind}:{currency}" if value_kind and value is not None else ""
        yield days[pk], pk, kind, 1, value if kind else 0


def _counted_rows(start, end):
    """(metric, day, page id, kind, sentiment, count, amount) for everything that happened in the days."""
    comments = CommunityComment.objects.exclude(state=CommentState.REMOVED)
    sources = (
        (Metric.COMMENT, _per_day(comments, "submit_date", start, end, "page_id", "kind", "sentiment")),
        (Metric.COMMENT_RESOLVED, _per_day(comments, "resolved_at", start, end, "page_id", "kind")),
        (Metric.IDEA, _per_day(IdeaPage.objects.all(), "submitted_at", start, end, "pk", "", "sentiment")),
        (
            Metric.REACTION,
            _per_day(CommentReaction.objects.all(), "created_at", start, end, "comment__page_id", "value"),
        ),
        (Metric.VOTE, _per_day(IdeaVote.objects.all(), "created_at", start, end, "idea_id")),
        (Metric.SHARE, _per_day(ShareLink.objects.all(), "created_at", start, end, "page_id", "channel")),
        (
            Metric.SHARE_VISIT,
            _per_day(ShareVisit.objects.all(), "visited_at", start, end, "link__page_id", "link__channel"),
        ),
    )
    for metric, rows in sources:
        for day, page_id, kind, sentiment, count in rows:
            yield metric, day, page_id, kind, sentiment, count, 0
    for day, page_id, kind, count, amount in _implemented(start, end):
        yield Metric.IDEA_IMPLEMENTED, day, page_id, kind, "", count, amount
    views = PageViewDay.objects.filter(day__lt=end, **({"day__gte": start} if start else {}))
    for row in views.values("day", "page_id").annotate(n=Sum("views")).order_by():
        yield Metric.PAGE_VIEW, row["day"], row["page_id"], "", "", row["n"], 0


def rebuild(start: datetime.date | None, end: datetime.date) -> int:
    """Replace the roll-up rows of the days [start, end) (all days before `end` when start is None)."""
    totals: dict[tuple, list] = defaultdict(lambda: [0, Decimal(0)])
    counted = list(_counted_rows(start, end))
    places = page_places({row[2] for row in counted})
    for metric, day, page_id, kind, sentiment, count, amount in counted:
        place = places.get(page_id)
        if place is None:  # the page went while the roll-up ran
            continue
        key = (day, metric, place.locale, place.scope_type, place.scope_id, kind or "", sentiment or "")
        totals[key][0] += count
        totals[key][1] += amount or 0
    rows = [
        DailyActivity(
            day=day,
            metric=metric,
            locale=locale,
            scope_type=scope_type,
            scope_id=scope_id,
            kind=kind,
            sentiment=sentiment,
            count=count,
            amount=amount,
        )
        for (day, metric, locale, scope_type, scope_id, kind, sentiment), (count, amount) in totals.items()
    ]
    with transaction.atomic():
        for model in (DailyActivity, ResolvedComment, ComplaintMade):
            stale = model.objects.filter(day__lt=end)
            if start is not None:
                stale = stale.filter(day__gte=start)
            stale.delete()
        DailyActivity.objects.bulk_create(rows, batch_size=2000)
        weeks = _rebuild_weeks(start, end)
        facts = _rebuild_facts(start, end)
        _update_last_seen(start, end)
    return len(rows) + weeks + facts


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def as_date(value) -> datetime.date:
    # Truncating a date column gives a date on PostgreSQL and a datetime on SQLite.
    return value.date() if isinstance(value, datetime.datetime) else value


def _rebuild_weeks(start, end) -> int:
    """The weekly sums of every week that has a day in [start, end), from the daily rows (all of it
    when start is None). A week's days before `start` are summed too: they stand as they were."""
    weeks = WeeklyActivity.objects.filter(week__lt=end)
    days = DailyActivity.objects.filter(
        day__lt=monday(end - datetime.timedelta(days=1)) + datetime.timedelta(days=7)
    )
    if start is not None:
        weeks = weeks.filter(week__gte=monday(start))
        days = days.filter(day__gte=monday(start))
    weeks.delete()
    dimensions = ROLLUP_DIMENSIONS[1:]
    sums = (
        days.annotate(week=TruncWeek("day"))
        .values("week", *dimensions)
        .annotate(total=Sum("count"), money=Sum("amount"))
        .order_by()
    )
    rows = [
        WeeklyActivity(
            week=as_date(row["week"]),
            **{name: row[name] for name in dimensions},
            count=row["total"],
            amount=row["money"],
        )
        for row in sums
    ]
    WeeklyActivity.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def summed(filters, fields, *, per_week: bool = False) -> list[dict]:
    """The period's roll-ups summed by `fields` (and by week, as `period`, with per_week), as rows
    with `n` and `money`: its full weeks from the weekly rows, the days around them from the daily
    ones. A group may come twice, once from each; callers add the rows up."""
    days = DailyActivity.objects.filter(filters.dimensions_q())
    reads = []
    weeks = filters.full_weeks()
    if weeks is None:
        reads.append((days.filter(day__gte=filters.start, day__lte=filters.end), "day"))
    else:
        first, last = weeks
        after_last = last + datetime.timedelta(days=7)
        days = days.filter(
            Q(day__gte=filters.start, day__lt=first) | Q(day__gte=after_last, day__lte=filters.end)
        )
        reads.append((days, "day"))
        reads.append(
            (WeeklyActivity.objects.filter(filters.dimensions_q(), week__gte=first, week__lte=last), "week")
        )
    rows = []
    for rows_read, moment in reads:
        grouped = fields
        if per_week:
            rows_read = rows_read.annotate(period=TruncWeek(moment) if moment == "day" else F("week"))
            grouped = ("period", *fields)
        found = rows_read.values(*grouped).annotate(n=Sum("count"), money=Sum("amount")).order_by()
        for row in found:
            if per_week:
                row["period"] = as_date(row["period"])
            rows.append(row)
    return rows


def _rebuild_facts(start, end) -> int:
    """The resolved questions and complaints, and the complaints with their authors, of the days."""
    comments = CommunityComment.objects.exclude(state=CommentState.REMOVED).order_by()
    resolved = list(
        comments.filter(_day_range("resolved_at", start, end), kind__in=RESOLVED_KINDS).values_list(
            "pk", "kind", "page_id", "submit_date", "resolved_at", "resolved_by_idea"
        )
    )
    complaints = list(
        comments.filter(
            _day_range("submit_date", start, end), kind=CommentKind.COMPLAINT, user__isnull=False
        ).values_list("pk", "user_id", "page_id", "submit_date")
    )
    places = page_places({row[2] for row in resolved} | {row[2] for row in complaints})
    facts = [
        ResolvedComment(
            comment_id=pk,
            kind=kind,
            day=timezone.localdate(resolved_at),
            **places[page_id].fields(),
            hours=(resolved_at - posted_at).total_seconds() / 3600,
            by_idea=by_idea,
        )
        for pk, kind, page_id, posted_at, resolved_at, by_idea in resolved
        if page_id in places
    ]
    ResolvedComment.objects.bulk_create(facts, batch_size=5000)
    made = [
        ComplaintMade(
            comment_id=pk,
            person_id=person_id,
            posted_at=posted_at,
            day=timezone.localdate(posted_at),
            **places[page_id].fields(),
        )
        for pk, person_id, page_id, posted_at in complaints
        if page_id in places
    ]
    ComplaintMade.objects.bulk_create(made, batch_size=5000)
    return len(facts) + len(made)


def _update_last_seen(start, end) -> None:
    """Each person's latest comment, idea, vote or reaction; all of them again when start is None.

    The database groups the window's activity per person and upserts it in one statement, keeping
    the later of the stored and the new moment: no row comes to Python.
    """
    activity = (
        (CommunityComment.objects.exclude(state=CommentState.REMOVED), "user_id", "submit_date"),
        (IdeaPage.objects.all(), "proposed_by_id", "submitted_at"),
        (IdeaVote.objects.all(), "voter_id", "created_at"),
        (CommentReaction.objects.all(), "user_id", "created_at"),
    )
    latest = [
        rows.filter(_day_range(moment, start, end), **{f"{person}__isnull": False})
        .order_by()
        .values(who=F(person))
        .annotate(last=Max(moment))
        .values_list("who", "last")
        for rows, person, moment in activity
    ]
    sql, params = latest[0].union(*latest[1:], all=True).query.sql_with_params()
    if start is None:
        LastSeen.objects.all().delete()
    table = connection.ops.quote_name(LastSeen._meta.db_table)
    later = "GREATEST" if connection.vendor == "postgresql" else "MAX"  # SQLite's MAX of two values
    with connection.cursor() as cursor:
        # WHERE 1 = 1: SQLite's upsert after a SELECT needs a WHERE to parse ON CONFLICT.
        cursor.execute(
            f"INSERT INTO {table} (person_id, at) SELECT who, MAX(last) FROM ({sql}) activity WHERE 1 = 1 "
            f"GROUP BY who ON CONFLICT (person_id) DO UPDATE SET at = {later}({table}.at, excluded.at)",
            params,
        )


def refresh(
    *,
    full: bool = False,
    now: datetime.datetime | None = None,
    unless_newer_than: datetime.timedelta | None = None,
) -> int:
    """Bring the roll-ups up to now; returns the number of rows written.

    One refresh at a time: the state row is locked, and a refresh that waited for another
    finds the work done (when `unless_newer_than` says how recent is recent enough).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        RollupState.objects.get_or_create(pk=1)
        state = RollupState.objects.select_for_update().get(pk=1)
        if (
            unless_newer_than is not None
            and state.refreshed_at
            and now - state.refreshed_at < unless_newer_than
        ):
            return 0
        if full or state.settled_before is None:
            start = None
        else:
            overlap = datetime.timedelta(days=settings.INSIGHTS_REFRESH_OVERLAP_DAYS)
            start = min(state.settled_before, today) - overlap
        written = rebuild(start, today + datetime.timedelta(days=1))
        state.settled_before = today
        state.refreshed_at = now
        state.save()
    return written


def ensure_fresh() -> datetime.datetime | None:
    """Queue a refresh when the roll-ups are older than INSIGHTS_MAX_AGE_SECONDS (read paths call this);
    returns when they were last refreshed, to show how recent the figures are.

    The reader never waits for it: the task worker refreshes, and the reader gets the figures as they
    stand (the immediate backend of development and tests refreshes before answering). Only one read
    per INSIGHTS_MAX_AGE_SECONDS queues it, whatever the number of readers.
    """
    from .tasks import refresh_rollups

    now = timezone.now()
    max_age = datetime.timedelta(seconds=settings.INSIGHTS_MAX_AGE_SECONDS)
    state, _created = RollupState.objects.get_or_create(pk=1)
    if state.refreshed_at is not None and now - state.refreshed_at < max_age:
        return state.refreshed_at
    not_queued = Q(refresh_queued_at__isnull=True) | Q(refresh_queued_at__lte=now - max_age)
    if RollupState.objects.filter(not_queued, pk=1).update(refresh_queued_at=now):
        result = refresh_rollups.enqueue()
        if result.is_finished:  # run at once by the immediate backend
            return RollupState.objects.values_list("refreshed_at", flat=True).get(pk=1)
    return state.refreshed_at
