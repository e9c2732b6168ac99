"""Shapes of the search API: validated queries (a wrong value is a 400 naming it) and the answers."""

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, SerializerFunctionWrapHandler, field_validator, model_serializer
from pydantic.json_schema import SkipJsonSchema

from brand_hub.community.models import CommentKind
from brand_hub.headless.schemas import Id, IsoDate, PageQuery, PageSchema
from brand_hub.ideas.models import IdeaStatus
from brand_hub.mentions.models import Network
from brand_hub.sentiment.labels import Sentiment

from .page_types import page_type_label, page_type_literal

Locale = Literal["es", "en", "pl"]
CommentState = Literal["published", "held", "removed"]
IdeaState = Literal["published", "unpublished"]
HitState = Literal["published", "held", "removed", "unpublished"]
HitType = Literal["comment", "idea", "mention"]
#: Where a hit was said: `site` (comments and ideas) or a mention's network.
Source = Literal[("site", *Network.values)]  # ty: ignore[invalid-type-form]
ParentType = Literal["board", "challenge"]
#: `ideas.IdeaPage`, as v3 names page types; the lower-case `ideas.ideapage` is read as the same.
PageType = Annotated[page_type_literal(), BeforeValidator(page_type_label)]


class FacetedQuery(PageQuery):
    q: str | None = Field(None, max_length=500, description="Words, in Spanish, English or Polish")
    facets: str | None = Field(
        None, description="Comma-separated facet names to count (default: all; empty: none)"
    )

    @field_validator("q")
    @classmethod
    def blank_is_none(cls, value: str | None) -> str | None:
        return " ".join(value.split()) or None if value is not None else None

    def facet_names(self) -> list[str] | None:
        if self.facets is None:
            return None
        return [name.strip() for name in self.facets.split(",") if name.strip()]


class CommentSearchQuery(FacetedQuery):
    locale: list[Locale] | None = Field(None, description="The page's locale; repeat for any of several")
    language: list[Locale] | None = Field(None, description="The language the comment is written in")
    kind: list[CommentKind] | None = None
    resolved: bool | None = None
    page_id: Id | None = Field(None, description="Only comments on this page")
    page_type: list[PageType] | None = Field(
        None, description="The page's type as v3 names it, e.g. blog.BlogPage"
    )
    group: list[Id] | None = Field(None, description="Community group page id")
    challenge: list[Id] | None = Field(None, description="Idea challenge page id")
    board: list[Id] | None = Field(None, description="Ideas board page id")
    author: Id | None = Field(None, description="The author's user id")
    date_from: IsoDate | None = Field(None, description="ISO date, inclusive")
    date_to: IsoDate | None = Field(None, description="ISO date, inclusive")
    sentiment: list[Sentiment] | None = Field(None, description="positive, neutral or negative")
    state: list[CommentState] | None = Field(None, description="Moderators only see other than published")
    sort: Literal["relevance", "newest", "oldest"] | None = Field(
        None, description="Default: relevance with q, newest without"
    )


def facet_value_schema(name: str, value_type: Any, description: str) -> type[Schema]:
    """One value of a facet with how many hits have it, the value typed as its filter takes it."""
    annotations = {"value": value_type, "count": int}
    fields = {"count": Field(description="Hits with this value (as if the facet's own filter were not set)")}
    return type(Schema)(
        name,
        (Schema,),
        {"__annotations__": annotations, "__doc__": description, **fields},
    )


LocaleCount = facet_value_schema("LocaleFacetValue", Locale, "A language: es, en or pl.")
CommentKindCount = facet_value_schema("CommentKindFacetValue", CommentKind, "A comment's kind.")
BooleanCount = facet_value_schema("BooleanFacetValue", bool, "Yes or no.")
IdCount = facet_value_schema("PageIdFacetValue", int, "A page's id (group, challenge or board).")
PageTypeCount = facet_value_schema("PageTypeFacetValue", PageType, "A page type, as v3 names it.")
SentimentCount = facet_value_schema("SentimentFacetValue", Sentiment, "A sentiment label.")
CommentStateCount = facet_value_schema(
    "CommentStateFacetValue", CommentState, "A comment's moderation state."
)
MonthCount = facet_value_schema("MonthFacetValue", str, "A month, YYYY-MM (filter with date_from, date_to).")
IdeaStatusCount = facet_value_schema("IdeaStatusFacetValue", IdeaStatus, "An idea's status.")
IdeaStateCount = facet_value_schema("IdeaStateFacetValue", IdeaState, "Whether an idea is published.")
ParentTypeCount = facet_value_schema("ParentTypeFacetValue", ParentType, "Where an idea was proposed.")
TopicCount = facet_value_schema("TopicFacetValue", str, "A topic's name.")
HitTypeCount = facet_value_schema("HitTypeFacetValue", HitType, "A comment, an idea or a mention.")
SourceCount = facet_value_schema("SourceFacetValue", Source, "The site, or a mention's network.")


def counted(value_schema: type[Schema]) -> Any:
    """A facet's values, present in the answer when `facets` asked for it (every facet by default)."""
    return list[value_schema] | SkipJsonSchema[None]  # ty: ignore[invalid-type-form]


class FacetsSchema(Schema):
    """The facets asked for, each a list of its values with their counts; the others are left out."""

    @model_serializer(mode="wrap")
    def leave_out_facets_not_asked_for(self, handler: SerializerFunctionWrapHandler):
        return {name: values for name, values in handler(self).items() if values is not None}


class CommentFacetsSchema(FacetsSchema):
    locale: counted(LocaleCount) = None
    language: counted(LocaleCount) = None
    kind: counted(CommentKindCount) = None
    resolved: counted(BooleanCount) = None
    page_type: counted(PageTypeCount) = None
    group: counted(IdCount) = None
    challenge: counted(IdCount) = None
    board: counted(IdCount) = None
    sentiment: counted(SentimentCount) = None
    state: counted(CommentStateCount) = None
    month: counted(MonthCount) = None


class IdeaFacetsSchema(FacetsSchema):
    status: counted(IdeaStatusCount) = None
    locale: counted(LocaleCount) = None
    parent_type: counted(ParentTypeCount) = None
    topics: counted(TopicCount) = None
    challenge: counted(IdCount) = None
    board: counted(IdCount) = None
    sentiment: counted(SentimentCount) = None
    state: counted(IdeaStateCount) = None


class EverythingFacetsSchema(FacetsSchema):
    type: counted(HitTypeCount) = None
    locale: counted(LocaleCount) = None
    language: counted(LocaleCount) = None
    source: counted(SourceCount) = None


class PageRefSchema(Schema):
    id: int
    title: str | None
    url: str | None
    type: PageType | None


class AuthorRefSchema(Schema):
    id: int
    name: str | None


class CommentHitSchema(Schema):
    comment_id: int
    text: str = Field(description="Plain text: escape it before showing it as HTML")
    highlight: list[str] = Field(description="HTML-safe fragments, matched words in <mark>")
    kind: CommentKind
    state: CommentState
    resolved: bool
    language: Locale | None = Field(description="The language the text is written in")
    locale: Locale | None = Field(description="The language of the page it is on")
    page: PageRefSchema
    author: AuthorRefSchema | None
    like_count: int
    reply_count: int
    sentiment: Sentiment | None
    sentiment_score: float | None
    created_at: datetime
    thread_id: int | None
    parent_id: int | None
    score: float | None


class ResultPageSchema(PageSchema):
    """The envelope of every paginated answer, with the search's sort and facets."""

    took_ms: int = Field(description="Time Elasticsearch took")
    suggestion: str | None = Field(
        None,
        description=(
            "Did you mean: the query with its misspelt words corrected from the indexed words, given only "
            "when the query as typed found nothing (the items are then what a search forgiving typos found)"
        ),
    )


class CommentResultsSchema(ResultPageSchema):
    sort: Literal["relevance", "newest", "oldest"]
    facets: CommentFacetsSchema
    items: list[CommentHitSchema]


class IdeaSearchQuery(FacetedQuery):
    status: list[IdeaStatus] | None = None
    locale: list[Locale] | None = None
    board: list[Id] | None = Field(None, description="Ideas board page id")
    challenge: list[Id] | None = Field(None, description="Idea challenge page id")
    parent_type: list[Literal["board", "challenge"]] | None = None
    topic: list[str] | None = Field(None, description="A topic's name, e.g. sostenibilidad")
    author: Id | None = Field(None, description="The proposer's user id")
    sentiment: list[Sentiment] | None = Field(None, description="positive, neutral or negative")
    state: list[IdeaState] | None = Field(None, description="Editors and moderators see unpublished ideas")
    sort: Literal["relevance", "newest", "top"] | None = Field(
        None, description="Default: relevance with q, top (most votes) without"
    )


class IdeaHighlightSchema(Schema):
    title: str | None = Field(description="The whole title, HTML-safe, matched words in <mark>")
    description: list[str]


class IdeaParentSchema(Schema):
    id: int
    type: ParentType | None = Field(description="board or challenge")


class IdeaHitSchema(Schema):
    id: int
    title: str
    description: str = Field(description="Plain text")
    highlight: IdeaHighlightSchema
    status: IdeaStatus | None
    state: IdeaState | None
    locale: Locale | None = Field(description="The language of the idea's page")
    language: Locale | None = Field(description="The language the idea is written in")
    topics: list[str]
    vote_count: int
    comment_count: int
    sentiment: Sentiment | None
    sentiment_score: float | None
    url: str | None
    parent: IdeaParentSchema | None
    author: AuthorRefSchema | None
    created_at: datetime | None
    score: float | None


class IdeaResultsSchema(ResultPageSchema):
    sort: Literal["relevance", "newest", "top"]
    facets: IdeaFacetsSchema
    items: list[IdeaHitSchema]


class SimilarIdeasQuery(Schema):
    text: str = Field(min_length=1, max_length=5000, description="The draft as typed: title and description")
    exclude: Id | None = Field(None, description="An idea id to leave out (the one being edited)")
    locale: Locale | None = None
    limit: int = Field(5, ge=1, le=20)

    @field_validator("text")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("Type a few words first.")
        return value


class SimilarIdeaSchema(Schema):
    id: int
    title: str
    url: str | None
    status: IdeaStatus | None
    vote_count: int
    score: float


class TrendingQuery(Schema):
    locale: Locale = Field(description="The language whose comments are read: es, en or pl")
    group: Id | None = Field(None, description="Only comments in this community group (page id)")
    days: int = Field(7, ge=1, le=90, description="How recent 'recent' is")
    size: int = Field(10, ge=1, le=50)


class TrendingTermSchema(Schema):
    term: str = Field(description="The word's stem, as the language analyzer makes it")
    score: float
    doc_count: int = Field(description="Recent comments with the word")
    bg_count: int = Field(description="All comments with the word")


class EverythingQuery(FacetedQuery):
    type: list[HitType] | None = None
    locale: list[Locale] | None = None
    language: list[Locale] | None = None
    source: list[Source] | None = Field(
        None, description="site (comments and ideas) or a network (mentions: moderators and editors only)"
    )
    sort: Literal["relevance", "newest"] | None = Field(None, description="Default: relevance with q")


class EverythingHitSchema(Schema):
    type: HitType
    id: int = Field(description="The comment's, the idea's or the mention's id")
    title: str | None = Field(description="The idea's title, or the title of the page a comment is on")
    text: str = Field(description="Plain text: the comment, or the idea's description")
    highlight: list[str] = Field(description="HTML-safe fragments, matched words in <mark>")
    kind: CommentKind | None = Field(description="A comment's kind (null for an idea)")
    status: IdeaStatus | None = Field(description="An idea's status (null for a comment)")
    url: str | None
    locale: Locale | None = Field(description="The language of the page")
    language: Locale | None = Field(description="The language the text is written in")
    state: HitState | None = Field(
        description="A comment's or an idea's state (others than published: moderators)"
    )
    created_at: datetime | None
    score: float | None
    source: Source = Field(description="site for comments and ideas, the network for a mention")
    reach: int | None = Field(description="A mention's reach (null for comments and ideas)")
    author_handle: str | None = Field(description="A mention's author on its network")


class EverythingResultsSchema(ResultPageSchema):
    sort: Literal["relevance", "newest"]
    facets: EverythingFacetsSchema
    items: list[EverythingHitSchema]
