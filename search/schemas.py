"""Shapes of the search API: validated queries (a wrong value is a 400 naming it) and the answers."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

from brand_hub.community.models import CommentKind
from brand_hub.headless.schemas import Id, IsoDate, PageQuery, PageSchema
from brand_hub.ideas.models import IdeaStatus
from brand_hub.sentiment.labels import Sentiment

Locale = Literal["es", "en", "pl"]
CommentState = Literal["published", "held", "removed"]
IdeaState = Literal["published", "unpublished"]


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
    page_type: list[str] | None = Field(None, description="app_label.model, e.g. blog.blogpage")
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


class FacetValueSchema(Schema):
    value: str | int | bool
    count: int


class PageRefSchema(Schema):
    id: int
    title: str | None
    url: str | None
    type: str | None


class AuthorRefSchema(Schema):
    id: int
    name: str | None


class CommentHitSchema(Schema):
    comment_id: int
    text: str = Field(description="Plain text: escape it before showing it as HTML")
    highlight: list[str] = Field(description="HTML-safe fragments, matched words in <mark>")
    kind: str
    state: CommentState
    resolved: bool
    language: str | None
    locale: str | None
    page: PageRefSchema
    author: AuthorRefSchema | None
    like_count: int
    reply_count: int
    sentiment: str | None
    sentiment_score: float | None
    created_at: datetime
    thread_id: int | None
    parent_id: int | None
    score: float | None


class ResultPageSchema(PageSchema):
    """The envelope of every paginated answer, with the search's sort and facets."""

    sort: str
    facets: dict[str, list[FacetValueSchema]]
    took_ms: int = Field(description="Time Elasticsearch took")
    suggestion: str | None = Field(
        None,
        description=(
            "Did you mean: the query with its misspelt words corrected from the indexed words, given only "
            "when the query as typed found nothing (the items are then what a search forgiving typos found)"
        ),
    )


class CommentResultsSchema(ResultPageSchema):
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
    type: str | None = Field(description="board or challenge")


class IdeaHitSchema(Schema):
    id: int
    title: str
    description: str = Field(description="Plain text")
    highlight: IdeaHighlightSchema
    status: str | None
    state: IdeaState | None
    locale: str | None
    language: str | None
    topics: list[str]
    vote_count: int
    comment_count: int
    sentiment: str | None
    sentiment_score: float | None
    url: str | None
    parent: IdeaParentSchema | None
    author: AuthorRefSchema | None
    created_at: datetime | None
    score: float | None


class IdeaResultsSchema(ResultPageSchema):
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
    status: str | None
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
    type: list[Literal["comment", "idea"]] | None = None
    locale: list[Locale] | None = None
    language: list[Locale] | None = None
    sort: Literal["relevance", "newest"] | None = Field(None, description="Default: relevance with q")


class EverythingHitSchema(Schema):
    type: Literal["comment", "idea"]
    id: int = Field(description="The comment's or the idea's id")
    title: str | None = Field(description="The idea's title, or the title of the page a comment is on")
    text: str = Field(description="Plain text: the comment, or the idea's description")
    highlight: list[str] = Field(description="HTML-safe fragments, matched words in <mark>")
    url: str | None
    locale: str | None
    language: str | None
    state: str | None
    created_at: datetime | None
    score: float | None


class EverythingResultsSchema(ResultPageSchema):
    items: list[EverythingHitSchema]
