"""Shapes of the ideas API: validated input (bodies and queries) and the answers."""

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field, field_validator

from django.utils.translation import gettext as _

from wagtail.rich_text import expand_db_html

from brand_hub.headless.public_urls import public_page_url
from brand_hub.headless.schemas import Id, LocaleCode

from .models import IdeaStatus

MAX_TOPICS = 5


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError(_("This cannot be empty."))
    return value.strip()


class IdeaSubmissionSchema(Schema):
    parent: Id = Field(description="Id of the ideas board or of a challenge that is collecting ideas")
    title: str = Field(min_length=5, max_length=120)
    description: str = Field(
        min_length=1, max_length=5000, description="Plain text; blank lines part paragraphs"
    )
    topics: list[str] = Field(default_factory=list, max_length=MAX_TOPICS)

    @field_validator("title")
    @classmethod
    def one_line_title(cls, value: str) -> str:
        title = " ".join(value.split())
        if len(title) < 5:
            raise ValueError(_("Give the idea a title of at least 5 characters."))
        return title

    @field_validator("description")
    @classmethod
    def not_blank(cls, value: str) -> str:
        return _not_blank(value)

    @field_validator("topics")
    @classmethod
    def clean_topics(cls, topics: list[str]) -> list[str]:
        cleaned: list[str] = []
        for topic in topics:
            name = " ".join(topic.split()).lower()
            if not name or len(name) > 50:
                raise ValueError(_("Each topic has 1 to 50 characters."))
            if name not in cleaned:
                cleaned.append(name)
        return cleaned


class IdeaListQuery(Schema):
    board: Id | None = Field(default=None, description="Only ideas on this ideas board (page id)")
    challenge: Id | None = Field(default=None, description="Only ideas answering this challenge (page id)")
    status: IdeaStatus | None = None
    topic: str | None = Field(default=None, max_length=100, description="A topic's slug")
    locale: LocaleCode | None = Field(default=None, description="Language code: es, en or pl")
    author: Id | None = Field(default=None, description="Id of the person who proposed the ideas")
    sort: Literal["top", "newest", "trending"] = Field(
        default="top", description="top: most votes; newest; trending: recent votes weigh more"
    )


# Read from an idea of a listing, whose parent and review state the listing attached in a fixed
# number of queries (brand_hub.ideas.selectors.with_parents, with_moderation).


def idea_topics(idea) -> list:
    return [tagged.tag for tagged in idea.tagged_topics.all()]


def idea_locale(idea) -> str:
    return idea.locale.language_code


def idea_created(idea) -> datetime | None:
    return idea.first_published_at


def idea_parent(idea):
    return idea.listed_parent


def idea_url(idea, context) -> str | None:
    return public_page_url(idea, context["request"])


def idea_author(idea) -> str | None:
    """The proposer's public name, as everywhere else."""
    proposer = idea.proposed_by
    return (proposer.display_name or _("Community member")) if proposer else None


def idea_author_id(idea) -> int | None:
    return idea.proposed_by_id


class ListedIdeaSchema(Schema):
    # The resolvers both shapes of an idea share (no fields: each shape lists its own, in its order).
    resolve_topics = staticmethod(idea_topics)
    resolve_locale = staticmethod(idea_locale)
    resolve_created = staticmethod(idea_created)
    resolve_parent = staticmethod(idea_parent)


class TopicSchema(Schema):
    name: str
    slug: str


class ParentSchema(Schema):
    id: int
    title: str


class IdeaItemSchema(ListedIdeaSchema):
    id: int
    title: str
    url: str | None
    status: IdeaStatus
    vote_count: int
    author: str | None = Field(description="The proposer's display name")
    author_id: int | None = Field(
        description="The proposer's id, their public profile at /api/community/people/{id}/ (null: erased)"
    )
    topics: list[TopicSchema]
    locale: str
    created: datetime | None = Field(description="When the idea was first published")
    parent: ParentSchema | None
    has_voted: bool = Field(description="Whether the signed-in person voted for it (false when anonymous)")
    answer_count: int = Field(
        description="Published complaints and questions the brand linked to it as answered by it"
    )

    resolve_url = staticmethod(idea_url)
    resolve_author = staticmethod(idea_author)
    resolve_author_id = staticmethod(idea_author_id)

    @staticmethod
    def resolve_has_voted(idea) -> bool:
        return getattr(idea, "has_voted", False)


class IdeaModerationSchema(Schema):
    state: Literal["draft", "in_moderation", "rejected", "published", "unpublished"]
    reason: str = Field(description="The editor's comment when the idea was rejected")
    at: datetime | None


class MyIdeaSchema(ListedIdeaSchema):
    id: int
    title: str
    url: str | None = Field(description="Only once published")
    status: IdeaStatus
    official_response: str
    vote_count: int
    topics: list[TopicSchema]
    locale: str
    created: datetime | None
    parent: ParentSchema | None
    moderation: IdeaModerationSchema

    @staticmethod
    def resolve_url(idea, context) -> str | None:
        return public_page_url(idea, context["request"]) if idea.live else None

    @staticmethod
    def resolve_official_response(idea) -> str:
        return expand_db_html(idea.official_response)


class VoteSchema(Schema):
    idea: int
    vote_count: int
    has_voted: bool


class StatusChangeInput(Schema):
    status: IdeaStatus
    official_response: str = Field(
        default="", max_length=5000, description="Plain text; empty keeps the response already published"
    )


class StatusChangeSchema(Schema):
    from_status: IdeaStatus
    to_status: IdeaStatus
    official_response: str = Field(description="HTML, empty when this change kept the previous response")
    changed_at: datetime

    @staticmethod
    def resolve_official_response(change) -> str:
        return expand_db_html(change.official_response)


class HistorySchema(Schema):
    idea: int
    status: IdeaStatus
    changes: list[StatusChangeSchema]


class MergeInput(Schema):
    target: Id = Field(description="Id of the idea that absorbs this one")


class MergeSchema(Schema):
    source: int
    target: IdeaItemSchema
    redirect_from: str | None = Field(description="The source's old path, now redirected to the target")


class AnswerLinksInput(Schema):
    comment_ids: list[Id] = Field(
        min_length=1, max_length=100, description="Ids of published complaints or questions, on any page"
    )


class AnswerLinksSchema(Schema):
    idea: int
    answer_count: int = Field(description="Published complaints and questions the idea answers now")
    comment_ids: list[int] = Field(description="Every comment linked to the idea, newest link first")


class InActionQuery(Schema):
    locale: LocaleCode | None = Field(default=None, description="Language code: es, en or pl")


class CommunityPartSchema(Schema):
    vote_count: int
    comment_count: int = Field(description="Published comments on the idea")
    linked_complaint_count: int = Field(description="Published complaints the idea answers")
    linked_question_count: int = Field(description="Published questions the idea answers")


class IdeaInActionSchema(ListedIdeaSchema):
    id: int
    title: str
    url: str | None
    locale: str
    topics: list[TopicSchema]
    parent: ParentSchema | None
    author: str | None = Field(description="The proposer's display name (null: erased)")
    author_id: int | None = Field(description="The proposer's id, their public profile (null: erased)")
    implemented_at: datetime | None
    official_response: str = Field(description="HTML: what the brand says changed")
    implementation_note: str = Field(
        description="HTML: the response published with the change to implemented (empty: it kept the "
        "earlier one)"
    )
    community: CommunityPartSchema

    resolve_url = staticmethod(idea_url)
    resolve_author = staticmethod(idea_author)
    resolve_author_id = staticmethod(idea_author_id)

    @staticmethod
    def resolve_official_response(idea) -> str:
        return expand_db_html(idea.official_response)

    @staticmethod
    def resolve_implementation_note(idea) -> str:
        return expand_db_html(idea.implementation_note)

    @staticmethod
    def resolve_community(idea) -> dict:
        return {
            "vote_count": idea.vote_count,
            "comment_count": idea.comment_count,
            "linked_complaint_count": idea.linked_complaint_count,
            "linked_question_count": idea.linked_question_count,
        }
