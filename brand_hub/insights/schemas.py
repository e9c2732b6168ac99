"""The shapes of /api/insights/: filters in, figures out."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from brand_hub.headless.schemas import Id, IsoDate, LocaleCode
from brand_hub.mentions.models import Network


class InsightsQuery(Schema):
    start: IsoDate | None = Field(None, description="First day of the period (default: 90 days before end)")
    end: IsoDate | None = Field(None, description="Last day of the period, included (default: today)")
    locale: LocaleCode | None = Field(None, description="Only items in this locale: es, en or pl")
    board: Id | None = Field(None, description="Only this ideas board or challenge (page id)")
    group: Id | None = Field(None, description="Only this community group (page id)")
    interval: str | None = Field(None, description="Points of the charts: day, week (default) or month")
    scope: str | None = Field(
        None,
        description="public (default): without the challenges and groups restricted to groups of accounts "
        "(internal spaces), except those their editors count in public figures; all: everything; or the "
        "page id of one internal challenge or group, for its own figures",
        max_length=20,
    )


class InfluencersQuery(InsightsQuery):
    limit: int = Field(20, ge=1, le=100, description="How many of the top prosumers")


class AppliedFilters(Schema):
    start: datetime.date
    end: datetime.date
    locale: str | None
    scope_type: str | None = Field(description="board, challenge or group when narrowed to one")
    scope_id: int | None
    interval: str
    left_out: list[int] = Field(
        description="The internal challenges and groups (page ids) whose activity these figures leave out"
    )

    @staticmethod
    def resolve_interval(filters) -> str:
        return filters.interval.value

    @staticmethod
    def resolve_left_out(filters) -> list[int]:
        return [space.scope_id for space in filters.left_out]


class Loyalty(Schema):
    complaints_received: int
    complaints_resolved: int
    complaints_resolved_by_ideas: int = Field(
        description="Of the complaints resolved, those resolved because an idea linked to them was planned "
        "(or went further: in progress, implemented)"
    )
    median_hours_to_resolve: float | None
    complainants: int
    complainants_retained: int
    retention_rate: float | None


class Channel(Schema):
    channel: str
    label: str
    shares: int
    visits: int
    signups: int = Field(description="Members who signed up through the channel's shares in the period")
    first_contributions: int = Field(description="The first contributions of those members")


class Sharer(Schema):
    person_id: int
    name: str
    shares: int
    visits: int


class Referrer(Schema):
    person_id: int
    name: str
    signups: int = Field(description="Members who signed up through their shares in the period")
    referred_contributors: int = Field(description="Of those, the members who took part")
    first_contributions: int = Field(
        description="Their first comments, ideas and votes (REFERRAL_FIRST_CONTRIBUTIONS each)"
    )


class Recommendation(Schema):
    shares_created: int
    share_visits: int
    signups: int = Field(
        description="Members who signed up through a share within REFERRAL_WINDOW_DAYS of the visit"
    )
    referred_contributors: int = Field(description="Of those, the members who took part")
    first_contributions: int = Field(
        description="Their first comments, ideas and votes credited to the sharers"
    )
    by_channel: list[Channel]
    by_prosumer: list[Sharer]
    by_referrer: list[Referrer] = Field(description="The sharers who brought the most members in the period")


class Cost(Schema):
    questions_received: int
    questions_resolved: int
    median_hours_to_resolve: float | None


class EstimatedValue(Schema):
    kind: str = Field(description="savings or revenue")
    currency: str
    amount: Decimal


class CoCreationMode(Schema):
    co_creation: str = Field(description="guided (challenges) or open (boards)")
    ideas_received: int
    ideas_implemented: int
    implementation_rate: float | None


class BoardFigures(CoCreationMode):
    scope_type: str
    scope_id: int
    title: str


class Innovation(Schema):
    ideas_received: int
    ideas_implemented: int
    implementation_rate: float | None
    estimated_value: list[EstimatedValue]
    by_co_creation: list[CoCreationMode]
    by_board: list[BoardFigures]


class SentimentShares(Schema):
    scored: int
    positive: int
    neutral: int
    negative: int
    positive_share: float | None
    neutral_share: float | None
    negative_share: float | None


class LocaleSentiment(SentimentShares):
    locale: str


#: Where a figure was said: the brand's own site (comments and ideas), or a mention's network.
Source = Literal[("site", *Network.values)]  # ty: ignore[invalid-type-form]


class SourceFigures(SentimentShares):
    """The site's comments and ideas (reach: views, reactions, votes; sentiment: its comments), or one
    network's mentions (reach as the listening tool counted it)."""

    source: Source
    mentions: int
    reach: int


class Reputation(Schema):
    mentions: int = Field(description="Comments and ideas on the site plus mentions on other networks")
    comments: int
    ideas: int
    reach: int = Field(description="The site's reach plus the mentions' reach")
    page_views: int
    reactions: int
    votes: int
    sentiment: SentimentShares
    sentiment_by_locale: list[LocaleSentiment]
    by_source: list[SourceFigures] = Field(description="The site first, then each network by its mentions")


class Overview(Schema):
    filters: AppliedFilters
    figures_as_of: datetime.datetime | None = Field(
        description="When the roll-ups were last refreshed; a read finding them older than "
        "INSIGHTS_MAX_AGE_SECONDS queues a refresh and answers with these"
    )
    loyalty: Loyalty
    recommendation: Recommendation
    cost: Cost
    innovation: Innovation
    reputation: Reputation


class Line(Schema):
    key: str
    label: str
    data: list[int]


class Chart(Schema):
    key: str
    title: str
    periods: list[datetime.date]
    series: list[Line]


class Timeline(Schema):
    filters: AppliedFilters
    figures_as_of: datetime.datetime | None = Field(
        description="When the roll-ups were last refreshed; a read finding them older than "
        "INSIGHTS_MAX_AGE_SECONDS queues a refresh and answers with these"
    )
    charts: list[Chart]


class Influencer(Schema):
    rank: int
    person_id: int
    name: str
    score: float
    comments: int
    ideas: int
    replies_received: int
    reactions_received: int
    votes_received: int
    share_visits: int
    responders: int
    referred_members: int = Field(
        description="Members their shares brought who signed up in the window and took part"
    )


class Influencers(Schema):
    scope: str
    computed_at: datetime.datetime | None
    items: list[Influencer]


class Alert(Schema):
    comment_id: int
    author: str
    text: str
    locale: str
    page_id: int
    page_title: str
    submitted_at: datetime.datetime
    hours_waiting: float
    sentiment_score: float | None


class MentionAlert(Schema):
    mention_id: int
    network: Source
    url: str
    author_handle: str
    text: str
    language: str
    published_at: datetime.datetime
    reach: int
    sentiment_score: float | None


class Alerts(Schema):
    after_hours: int
    items: list[Alert]
    mention_reach_from: int = Field(
        description="INSIGHTS_MENTION_ALERT_REACH: the reach that raises an alert"
    )
    mentions: list[MentionAlert] = Field(
        description="Negative mentions reaching at least mention_reach_from people, published in the last "
        "INSIGHTS_MENTION_ALERT_DAYS days, widest reach first"
    )


class PageViewRequest(Schema):
    page_id: Id
    visitor_id: str = Field(min_length=8, max_length=128, description="The frontend's own id of this visitor")


class PageViewCounted(Schema):
    counted: bool = Field(description="False when this visitor's view of the page was already counted today")
