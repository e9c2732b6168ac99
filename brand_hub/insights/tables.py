"""What the Insights dashboard shows: its figure cards and tables, each column once, for the page and its CSV.

A table's rows come from the insights services as dicts keyed by column name; the admin page renders
them through Wagtail's table component and the CSV download writes the same rows, unformatted.
"""

import datetime
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, Table, TitleColumn

from brand_hub.mentions.models import Network

from . import alerts, influence, kpis, series
from .filters import InsightFilters, Interval

TOP_INFLUENCERS = 20
#: The alerts the dashboard lists, the oldest first; the CSV has up to alerts.LONGEST_LIST, the desk all.
DASHBOARD_ALERTS = 50
#: A spreadsheet runs a cell that starts with one of these as a formula; people's text must not.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Kind(StrEnum):
    """How a figure reads on the page; the CSV always has the plain value."""

    TEXT = "text"
    EXCERPT = "excerpt"
    COUNT = "count"
    RATE = "rate"  # a fraction, shown as a percentage
    HOURS = "hours"
    AMOUNT = "amount"
    SCORE = "score"
    MOMENT = "moment"


def shown(value, kind: Kind, labels: dict | None = None) -> str:
    """The value as the page shows it, in the reader's language and formats."""
    if value is None or value == "":
        return "—"
    if labels and value in labels:
        return str(labels[value])
    if kind == Kind.RATE:
        # number_format cuts digits off; rounding first keeps 55.56 % from showing as 55.5 %.
        return f"{formats.number_format(round(value * 100, 1), 1)} %"
    if kind in (Kind.HOURS, Kind.SCORE):
        places = 1 if kind == Kind.HOURS else 2
        return formats.number_format(round(value, places), places)
    if kind == Kind.AMOUNT:
        return formats.number_format(round(value, 2), 2)
    if kind == Kind.MOMENT:
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if kind == Kind.EXCERPT:
        return Truncator(value).chars(140)
    return str(value)


def written(value) -> str | int | float:
    """The value as the CSV has it: unlocalized numbers, ISO dates, text that cannot run as a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


@dataclass(frozen=True)
class Field:
    """One figure: its key (the CSV's column name, as in /api/insights/), label and kind.

    `link` makes the page's cell a link (row → admin URL); `on_page=False` keeps an id for the CSV only.
    """

    name: str
    label: str
    kind: Kind = Kind.COUNT
    labels: dict | None = None
    link: Callable[[dict], str] | None = None
    on_page: bool = True

    def column(self) -> Column:
        if self.link:
            return FieldLinkColumn(self, get_url=self.link)
        return FieldColumn(self)


class FieldColumn(Column):
    def __init__(self, field: Field, **kwargs):
        numeric = field.kind not in (Kind.TEXT, Kind.EXCERPT, Kind.MOMENT)
        super().__init__(
            field.name, label=field.label, classname="w-text-right" if numeric else None, **kwargs
        )
        self.field = field

    def get_value(self, instance):
        return shown(instance.get(self.field.name), self.field.kind, self.field.labels)

    def render_cell_html(self, instance, parent_context):
        """The markup of Wagtail's cell template, without a template render per cell: a dashboard
        shows a few thousand cells."""
        value = self.get_value(instance)
        attrs = format_html(' class="{}"', self.classname) if self.classname else ""
        return format_html("<td{}>{}</td>", attrs, "" if value is None else value)


class FieldLinkColumn(FieldColumn, TitleColumn):
    def render_cell_html(self, instance, parent_context):
        """Wagtail's title cell with its link, rendered directly like the plain cells."""
        classes = f"{self.classname} title" if self.classname else "title"
        value = self.get_value(instance)
        url = self.get_link_url(instance, parent_context)
        title = format_html('<a href="{}">{}</a>', url, value) if url else value
        return format_html('<td class="{}"><div class="title-wrapper">{}</div></td>', classes, title)


class Figures:
    """The services' answers for one set of filters, each asked once and only when something shows it."""

    def __init__(self, filters: InsightFilters, *, alert_limit: int = alerts.LONGEST_LIST):
        self.filters = filters
        self.alert_limit = alert_limit

    @cached_property
    def tally(self) -> kpis.Tally:
        return kpis.Tally(self.filters)

    @cached_property
    def loyalty(self) -> dict:
        return kpis.loyalty(self.tally)

    @cached_property
    def recommendation(self) -> dict:
        return kpis.recommendation(self.tally)

    @cached_property
    def cost(self) -> dict:
        return kpis.cost(self.tally)

    @cached_property
    def innovation(self) -> dict:
        return kpis.innovation(self.tally)

    @cached_property
    def reputation(self) -> dict:
        return kpis.reputation(self.tally)

    @cached_property
    def charts(self) -> list[dict]:
        return series.timeline(self.filters)

    @cached_property
    def alerts(self) -> list[dict]:
        return alerts.alert_rows(self.filters, limit=self.alert_limit)

    @cached_property
    def mention_alerts(self) -> list[dict]:
        return alerts.negative_mentions_with_high_reach(self.filters, limit=self.alert_limit)

    @cached_property
    def influencers(self) -> list[dict]:
        ranked = influence.top_influencers(scope=self.filters.influence_scope, limit=TOP_INFLUENCERS)
        return [{**asdict(row), "name": row.display_name} for row in ranked]


# The figure cards: one per objective, reading the top level of its kpis dict ("a.b" reads a nested dict).


@dataclass(frozen=True)
class Card:
    objective: str
    title: str
    fields: tuple[Field, ...]

    def values(self, figures: Figures) -> list[tuple[Field, object]]:
        found = getattr(figures, self.objective)
        pairs = []
        for field in self.fields:
            value = found
            for key in field.name.split("."):
                value = value[key]
            pairs.append((field, value))
        return pairs

    def shown_values(self, figures: Figures) -> list[tuple[Field, str]]:
        return [(field, shown(value, field.kind, field.labels)) for field, value in self.values(figures)]


CARDS = (
    Card(
        "loyalty",
        _("Loyalty"),
        (
            Field("complaints_received", _("Complaints received")),
            Field("complaints_resolved", _("Complaints resolved")),
            Field("complaints_resolved_by_ideas", _("Complaints resolved by ideas")),
            Field("median_hours_to_resolve", _("Median hours to resolve"), Kind.HOURS),
            Field("complainants", _("People who complained")),
            Field("complainants_retained", _("Of them, took part again")),
            Field("retention_rate", _("Retention"), Kind.RATE),
        ),
    ),
    Card(
        "recommendation",
        _("Recommendation"),
        (
            Field("shares_created", _("Shares created")),
            Field("share_visits", _("Visits through shares")),
            Field("signups", _("Sign-ups through shares")),
            Field("referred_contributors", _("Of them, took part")),
            Field("first_contributions", _("Their first contributions")),
        ),
    ),
    Card(
        "cost",
        _("Cost"),
        (
            Field("questions_received", _("Questions asked")),
            Field("questions_resolved", _("Questions answered")),
            Field("median_hours_to_resolve", _("Median hours to answer"), Kind.HOURS),
        ),
    ),
    Card(
        "innovation",
        _("Innovation"),
        (
            Field("ideas_received", _("Ideas received")),
            Field("ideas_implemented", _("Implemented in the period")),
            Field("implementation_rate", _("Of the ideas received, implemented"), Kind.RATE),
        ),
    ),
    Card(
        "reputation",
        _("Reputation"),
        (
            Field("mentions", _("Mentions (site and networks)")),
            Field("reach", _("Reach (site and networks)")),
            Field("page_views", _("Page views")),
            Field("sentiment.positive_share", _("Positive comments"), Kind.RATE),
            Field("sentiment.neutral_share", _("Neutral comments"), Kind.RATE),
            Field("sentiment.negative_share", _("Negative comments"), Kind.RATE),
        ),
    ),
)


def summary_rows(figures: Figures) -> list[dict]:
    return [
        {"objective": card.objective, "figure": field.name, "value": value}
        for card in CARDS
        for field, value in card.values(figures)
    ]


# The tables.


def page_editor(page_id_key: str) -> Callable[[dict], str]:
    return lambda row: reverse("wagtailadmin_pages:edit", args=[row[page_id_key]])


def comment_on_desk(row: dict) -> str:
    return reverse("community_comments:inspect", args=[row["comment_id"]])


def period_label(day: datetime.date, interval: Interval) -> str:
    return day.strftime("%Y-%m") if interval == Interval.MONTH else day.isoformat()


def timeline_rows(figures: Figures) -> list[dict]:
    """One row per period with every chart's lines as columns: the charts' figures as a table."""
    charts = figures.charts
    rows = [{"period": period_label(day, figures.filters.interval)} for day in charts[0]["periods"]]
    for chart in charts:
        for line in chart["series"]:
            for row, value in zip(rows, line["data"], strict=True):
                row[f"{chart['key']}_{line['key']}"] = value
    return rows


CO_CREATION = {"guided": _("Guided (challenges)"), "open": _("Open (boards)")}
SCOPE_TYPES = {"board": _("Board"), "challenge": _("Challenge"), "group": _("Group")}
VALUE_KINDS = {"savings": _("Savings"), "revenue": _("Revenue")}
LANGUAGE_NAMES = dict(settings.LANGUAGES)
SOURCE_NAMES = {"site": _("The site (comments and ideas)"), **dict(Network.choices)}
OBJECTIVES = {card.objective: card.title for card in CARDS}
FIGURE_LABELS = {field.name: field.label for card in CARDS for field in card.fields}
IMPLEMENTATION = (
    Field("ideas_received", _("Ideas received")),
    Field("ideas_implemented", _("Implemented in the period")),
    Field("implementation_rate", _("Of those received, implemented"), Kind.RATE),
)


@dataclass(frozen=True)
class InsightTable:
    """A table of the dashboard: `name` is its address (/admin/insights/export/<name>.csv)."""

    name: str
    title: str
    fields: tuple[Field, ...]
    rows: Callable[[Figures], list[dict]]
    description: str = ""
    empty: str = _("Nothing in this period.")

    def header(self) -> list[str]:
        return [field.name for field in self.fields]

    def csv_row(self, row: dict) -> list:
        return [written(row.get(field.name)) for field in self.fields]

    def component(self, rows: list[dict]) -> Table:
        columns = [field.column() for field in self.fields if field.on_page]
        return Table(columns, rows, caption=self.title)


TABLES = (
    InsightTable(
        "summary",
        _("Every figure of the cards"),
        (
            Field("objective", _("Objective"), Kind.TEXT, labels=OBJECTIVES),
            Field("figure", _("Figure"), Kind.TEXT, labels=FIGURE_LABELS),
            Field("value", _("Value"), Kind.TEXT),
        ),
        summary_rows,
    ),
    InsightTable(
        "timeline",
        _("The charts' figures"),
        (
            Field("period", _("Period starting"), Kind.TEXT),
            *(
                Field(f"{key}_{line_key}", format_lazy("{}: {}", title, label))
                for key, title, lines in series.CHARTS
                for line_key, label, *_metric in lines
            ),
        ),
        timeline_rows,
    ),
    InsightTable(
        "channels",
        _("Shares by channel"),
        (
            Field("channel", _("Channel"), Kind.TEXT, on_page=False),
            Field("label", _("Channel"), Kind.TEXT),
            Field("shares", _("Shares created")),
            Field("visits", _("Visits through shares")),
            Field("signups", _("Sign-ups through shares")),
            Field("first_contributions", _("Their first contributions")),
        ),
        lambda figures: figures.recommendation["by_channel"],
    ),
    InsightTable(
        "sharers",
        _("Top sharers"),
        (
            Field("person_id", _("Person id"), on_page=False),
            Field("name", _("Name"), Kind.TEXT),
            Field("shares", _("Shares created")),
            Field("visits", _("Visits through their shares")),
        ),
        lambda figures: figures.recommendation["by_prosumer"],
        _("The prosumers whose shares brought the most visits in the period."),
    ),
    InsightTable(
        "referrers",
        _("Top referrers"),
        (
            Field("person_id", _("Person id"), on_page=False),
            Field("name", _("Name"), Kind.TEXT),
            Field("signups", _("Sign-ups through their shares")),
            Field("referred_contributors", _("Of them, took part")),
            Field("first_contributions", _("Their first contributions")),
        ),
        lambda figures: figures.recommendation["by_referrer"],
        _("The prosumers whose shares brought the most new members in the period."),
    ),
    InsightTable(
        "boards",
        _("Ideas by board and challenge"),
        (
            Field("scope_id", _("Page id"), on_page=False),
            Field("title", _("Board or challenge"), Kind.TEXT, link=page_editor("scope_id")),
            Field("scope_type", _("Type"), Kind.TEXT, labels=SCOPE_TYPES),
            Field("co_creation", _("Co-creation"), Kind.TEXT, labels=CO_CREATION),
            *IMPLEMENTATION,
        ),
        lambda figures: figures.innovation["by_board"],
        _(
            "Implemented in the period: ideas whose status became implemented in the period. "
            "Rate: of the ideas received in the period, the share implemented by now."
        ),
    ),
    InsightTable(
        "co_creation",
        _("Guided against open co-creation"),
        (Field("co_creation", _("Co-creation"), Kind.TEXT, labels=CO_CREATION), *IMPLEMENTATION),
        lambda figures: figures.innovation["by_co_creation"],
    ),
    InsightTable(
        "value",
        _("Estimated value of the ideas implemented"),
        (
            Field("kind", _("Kind"), Kind.TEXT, labels=VALUE_KINDS),
            Field("currency", _("Currency"), Kind.TEXT),
            Field("amount", _("Amount"), Kind.AMOUNT),
        ),
        lambda figures: figures.innovation["estimated_value"],
    ),
    InsightTable(
        "sentiment",
        _("Sentiment of the comments by language"),
        (
            Field("locale", _("Language"), Kind.TEXT, labels=LANGUAGE_NAMES),
            Field("scored", _("Comments scored")),
            Field("positive", _("Positive")),
            Field("neutral", _("Neutral")),
            Field("negative", _("Negative")),
            Field("positive_share", _("Positive share"), Kind.RATE),
            Field("neutral_share", _("Neutral share"), Kind.RATE),
            Field("negative_share", _("Negative share"), Kind.RATE),
        ),
        lambda figures: figures.reputation["sentiment_by_locale"],
    ),
    InsightTable(
        "sources",
        _("Mentions, reach and sentiment by source"),
        (
            Field("source", _("Source"), Kind.TEXT, labels=SOURCE_NAMES),
            Field("mentions", _("Mentions")),
            Field("reach", _("Reach")),
            Field("scored", _("Scored")),
            Field("positive_share", _("Positive share"), Kind.RATE),
            Field("neutral_share", _("Neutral share"), Kind.RATE),
            Field("negative_share", _("Negative share"), Kind.RATE),
        ),
        lambda figures: figures.reputation["by_source"],
        _(
            "The site: its comments and ideas, reached through page views, reactions and votes, and the "
            "sentiment of its comments. A network: the mentions listening tools sent, published in the "
            "period, with the reach they counted."
        ),
    ),
    InsightTable(
        "influencers",
        _("Influencers"),
        (
            Field("rank", _("Rank")),
            Field("person_id", _("Person id"), on_page=False),
            Field("name", _("Name"), Kind.TEXT),
            Field("score", _("Influence"), Kind.SCORE),
            Field("comments", _("Comments")),
            Field("ideas", _("Ideas")),
            Field("replies_received", _("Replies received")),
            Field("reactions_received", _("Reactions received")),
            Field("votes_received", _("Votes received")),
            Field("share_visits", _("Visits through their shares")),
            Field("responders", _("People who responded")),
            Field("referred_members", _("Members their shares brought who took part")),
            Field("computed_at", _("Computed"), Kind.MOMENT, on_page=False),
        ),
        lambda figures: figures.influencers,
        _(
            "Who the community responds to, over the last months (not the period), in the language or group "
            "chosen; 1.0 is an even share of the influence. The figures are the reasons for the score."
        ),
        _("No scores yet: they come from manage.py insights_influence, which runs nightly."),
    ),
    InsightTable(
        "alerts",
        _("Negative complaints without an answer"),
        (
            Field("comment_id", _("Comment id"), on_page=False),
            Field("text", _("Complaint"), Kind.EXCERPT, link=comment_on_desk),
            Field("author", _("Author"), Kind.TEXT),
            Field("page_id", _("Page id"), on_page=False),
            Field("page_title", _("Page"), Kind.TEXT, link=page_editor("page_id")),
            Field("locale", _("Language"), Kind.TEXT, labels=LANGUAGE_NAMES),
            Field("submitted_at", _("Posted"), Kind.MOMENT),
            Field("hours_waiting", _("Hours waiting"), Kind.HOURS),
            Field("sentiment_score", _("Sentiment score"), Kind.SCORE),
        ),
        lambda figures: figures.alerts,
        _("Oldest first, whatever the period: an alert stays until the brand answers or resolves it."),
        _("No negative complaint is waiting for an answer."),
    ),
    InsightTable(
        "mention_alerts",
        _("Negative mentions reaching many people"),
        (
            Field("mention_id", _("Mention id"), on_page=False),
            Field("text", _("Mention"), Kind.EXCERPT, link=lambda row: row["url"]),
            Field("network", _("Source"), Kind.TEXT, labels=SOURCE_NAMES),
            Field("author_handle", _("Author"), Kind.TEXT),
            Field("language", _("Language"), Kind.TEXT, labels=LANGUAGE_NAMES),
            Field("published_at", _("Published"), Kind.MOMENT),
            Field("reach", _("Reach")),
            Field("sentiment_score", _("Sentiment score"), Kind.SCORE),
        ),
        lambda figures: figures.mention_alerts,
        _("Widest reach first, from the last days whatever the period (INSIGHTS_MENTION_ALERT_DAYS)."),
        _("No negative mention has reached many people lately."),
    ),
)
TABLES_BY_NAME = {table.name: table for table in TABLES}
