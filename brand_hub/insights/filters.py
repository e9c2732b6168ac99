"""What a reader of the insights narrows them to: a period, a locale, and a board, challenge or group."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from brand_hub.core.errors import Refused

from .models import ScopeType
from .rollups import SCOPE_MODELS

DEFAULT_PERIOD_DAYS = 90
#: A period longer than this is refused: the daily series would be unreadable and slow to draw.
LONGEST_PERIOD_DAYS = 366 * 5


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
    locales: list[str],
) -> InsightFilters:
    """Validated filters; a `Refused` names the field that is wrong."""
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
    return InsightFilters(start, end, locale or None, scope_type, scope_id, scope_path, interval_value)
