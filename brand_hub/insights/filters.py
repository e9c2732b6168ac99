"""What a reader of the insights narrows them to: a period, a locale, a board, challenge or group, and
whether internal spaces count (the `scope`).

An internal space is a challenge, board or group whose privacy limits it to groups of accounts
(employees, a partner programme). Its ideas and comments are counted in its own scope (`scope=<its
id>`, the same as `board=` or `group=`) and left out of the public figures (`scope=public`, the
default) unless editors ticked its "count in public figures"; `scope=all` counts everything."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page, PageViewRestriction

from brand_hub.core.errors import Refused

from .models import ScopeType
from .rollups import SCOPE_MODELS

DEFAULT_PERIOD_DAYS = 90
#: A period longer than this is refused: the daily series would be unreadable and slow to draw.
LONGEST_PERIOD_DAYS = 366 * 5


class Scope(StrEnum):
    PUBLIC = "public"
    ALL = "all"


@dataclass(frozen=True)
class InternalSpace:
    scope_type: str
    scope_id: int
    path: str


def internal_spaces(*, counted_too: bool = False) -> tuple[InternalSpace, ...]:
    """Boards, challenges and groups behind a group restriction (on them or an ancestor), less those
    counted in public figures unless `counted_too`: two queries, one when no page is restricted."""
    restricted = list(
        PageViewRestriction.objects.filter(restriction_type=PageViewRestriction.GROUPS).values_list(
            "page__path", flat=True
        )
    )
    if not restricted:
        return ()
    under = Q()
    for path in restricted:
        under |= Q(path__startswith=path)
    rows = Page.objects.filter(under, content_type__model__in=SCOPE_MODELS).values_list(
        "pk", "path", "content_type__model"
    )
    counted = Q(ideachallengepage__count_in_public_figures=True) | Q(
        communitygrouppage__count_in_public_figures=True
    )
    if not counted_too:
        rows = rows.exclude(counted)
    return tuple(InternalSpace(SCOPE_MODELS[model], pk, path) for pk, path, model in rows.order_by("path"))


class Interval(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class InsightFilters:
    start: datetime.date
    end: datetime.date  # inclusive
    locale: str | None = None
    scope_type: str | None = None  # a ScopeType value
    scope_id: int | None = None
    scope_path: str | None = None
    interval: Interval = Interval.WEEK
    #: Internal spaces left out (the public figures); none when narrowed to a scope or for scope=all.
    left_out: tuple[InternalSpace, ...] = ()

    @property
    def period_start(self) -> datetime.datetime:
        return datetime.datetime.combine(
            self.start, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )

    @property
    def period_end(self) -> datetime.datetime:
        """The first moment after the period."""
        day_after = self.end + datetime.timedelta(days=1)
        return datetime.datetime.combine(day_after, datetime.time.min, tzinfo=timezone.get_current_timezone())

    def during(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.period_start, f"{field}__lt": self.period_end})

    def rollup_q(self) -> Q:
        """The filters on DailyActivity rows and the facts rebuilt with them."""
        return Q(day__gte=self.start, day__lte=self.end) & self.dimensions_q()

    def dimensions_q(self) -> Q:
        """The locale and scope filters on roll-up rows, daily or weekly."""
        q = Q()
        if self.locale:
            q &= Q(locale=self.locale)
        if self.scope_type:
            q &= Q(scope_type=self.scope_type, scope_id=self.scope_id)
        for space in self.left_out:
            q &= ~Q(scope_type=space.scope_type, scope_id=space.scope_id)
        return q

    def full_weeks(self) -> tuple[datetime.date, datetime.date] | None:
        """The Mondays of the first and last weeks (Monday to Sunday) wholly inside the period, if any."""
        first = self.start + datetime.timedelta(days=(7 - self.start.weekday()) % 7)
        last_sunday = self.end - datetime.timedelta(days=(self.end.weekday() + 1) % 7)
        last = last_sunday - datetime.timedelta(days=6)
        return (first, last) if first <= last else None

    def pages_q(self, page_field: str, locale_field: str | None = None) -> Q:
        """The filters on rows that point at a page (`page_field`), for reads of the stored rows."""
        q = Q()
        if self.locale:
            q &= (
                Q(**{locale_field: self.locale})
                if locale_field
                else Q(**{f"{page_field}__locale__language_code": self.locale})
            )
        if self.scope_path:
            # The scope page itself and, for boards and challenges, the ideas under it.
            q &= Q(**{f"{page_field}__path__startswith": self.scope_path})
        for space in self.left_out:
            q &= ~Q(**{f"{page_field}__path__startswith": space.path})
        return q

    @property
    def influence_scope(self) -> str:
        if self.scope_type == ScopeType.GROUP:
            return f"group:{self.scope_id}"
        if self.locale:
            return f"locale:{self.locale}"
        return "all"


def parse_filters(
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    locale: str | None = None,
    board: int | None = None,
    group: int | None = None,
    interval: str | None = None,
    scope: str | None = None,
    locales: list[str],
) -> InsightFilters:
    """Validated filters; a `Refused` names the field that is wrong."""
    board, group, left_out = _scope(scope, board=board, group=group)
    today = timezone.localdate()
    if end is not None and end > today + datetime.timedelta(days=LONGEST_PERIOD_DAYS):
        raise Refused(_("The end may lie at most five years ahead."), field="end")
    end = end or today
    start = start or end - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    if start > end:
        raise Refused(_("The start must not be after the end."), field="start")
    if (end - start).days >= LONGEST_PERIOD_DAYS:
        raise Refused(
            _("A period may last at most %(days)s days.") % {"days": LONGEST_PERIOD_DAYS}, field="start"
        )
    if locale and locale not in locales:
        raise Refused(
            _("Unknown locale: choose one of %(codes)s.") % {"codes": ", ".join(locales)}, field="locale"
        )
    if board is not None and group is not None:
        raise Refused(_("Filter by a board or challenge, or by a group, not both."), field="group")
    scope_type = scope_id = scope_path = None
    if board is not None or group is not None:
        field = "board" if board is not None else "group"
        wanted = (ScopeType.BOARD, ScopeType.CHALLENGE) if field == "board" else (ScopeType.GROUP,)
        wanted_id = board if field == "board" else group
        row = Page.objects.filter(pk=wanted_id).values_list("content_type__model", "path").first()
        scope_type = SCOPE_MODELS.get(row[0]) if row else None
        if scope_type not in wanted:
            message = (
                _("No ideas board or challenge has this id.")
                if field == "board"
                else _("No community group has this id.")
            )
            raise Refused(message, field=field)
        scope_id, scope_path = wanted_id, row[1]
    try:
        interval_value = Interval(interval or Interval.WEEK)
    except ValueError:
        raise Refused(_("Choose day, week or month."), field="interval") from None
    return InsightFilters(
        start,
        end,
        locale or None,
        scope_type,
        scope_id,
        scope_path,
        interval_value,
        left_out if scope_type is None else (),
    )


def _scope(
    scope: str | None, *, board: int | None, group: int | None
) -> tuple[int | None, int | None, tuple[InternalSpace, ...]]:
    """(board, group, internal spaces left out) for `scope`: public, all, or one internal space's id."""
    scope = (scope or Scope.PUBLIC).strip()
    if scope == Scope.ALL:
        return board, group, ()
    if scope == Scope.PUBLIC:
        return board, group, internal_spaces()
    spaces = {space.scope_id: space for space in internal_spaces(counted_too=True)}
    space = spaces.get(int(scope)) if scope.isdigit() and len(scope) <= 10 else None
    if space is None:
        raise Refused(
            _("Choose public, all, or the id of a challenge or group restricted to groups of accounts."),
            field="scope",
        )
    if board is not None or group is not None:
        raise Refused(_("Filter by a scope, or by a board, challenge or group, not both."), field="scope")
    if space.scope_type == ScopeType.GROUP:
        return None, space.scope_id, ()
    return space.scope_id, None, ()
