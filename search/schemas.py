"""Shapes of the search API: validated queries (a wrong value is a 400 naming it) and the answers."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

Locale = Literal["es", "en", "pl"]
Kind = Literal["question", "complaint", "suggestion", "praise", "other"]
CommentState = Literal["published", "held", "removed"]
IdeaStatus = Literal["submitted", "under_review", "planned", "in_progress", "done", "declined"]


class WindowQuery(Schema):
    """Pages (page, page_size) or a window (limit, offset): one or the other."""

    page: int | None = Field(None, ge=1, description="1-based page number")
    page_size: int | None = Field(None, ge=1, le=100, description="Hits per page (default 20)")
    limit: int | None = Field(None, ge=1, le=100, description="Instead of page_size, with offset")
    offset: int | None = Field(None, ge=0)


class FacetedQuery(WindowQuery):
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
    kind: list[Kind] | None = None
    resolved: bool | None = None
    page_id: int | None = Field(None, description="Only comments on this page")
    page_type: list[str] | None = Field(None, description="app_label.model, e.g. blog.blogpage")
    group: list[int] | None = Field(None, description="Community group page id")
    challenge: list[int] | None = Field(None, description="Idea challenge page id")
    board: list[int] | None = Field(None, description="Ideas board page id")
    author: int | None = Field(None, description="The author's user id")
    date_from: date | None = Field(None, description="ISO date, inclusive")
    date_to: date | None = Field(None, description="ISO date, inclusive")
    sentiment: list[str] | None = None
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
    created_at: datetime
    thread_id: int | None
    parent_id: int | None
    score: float | None


class ResultPageSchema(Schema):
    count: int
    offset: int
    limit: int
    page: int
    sort: str
    facets: dict[str, list[FacetValueSchema]]
    took_ms: int = Field(description="Time Elasticsearch took")


class CommentResultsSchema(ResultPageSchema):
    items: list[CommentHitSchema]
