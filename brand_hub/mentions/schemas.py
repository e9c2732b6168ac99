"""Shapes of the listening API: a batch of mentions, each item validated on its own, and the summary."""

from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict, field_validator

from brand_hub.headless.schemas import FieldErrorSchema

from .models import MentionLanguage, Network
from .urls import InvalidUrl, normalise_url

MAX_BATCH = 1000
NetworkName = Literal[tuple(Network.values)]  # ty: ignore[invalid-type-form]
#: Clocks differ: a post may say it was published a little ahead of the server's time.
FUTURE_TOLERANCE = timedelta(hours=1)


class MentionItem(BaseModel):
    """One mention as a listening tool sends it: a plain pydantic model, validated item by item (ninja's
    Schema adds its Django attribute resolvers, which cost five times as much on a batch of 1,000)."""

    model_config = ConfigDict(extra="forbid")

    network: NetworkName = Field(description="Where it was posted")
    url: str = Field(max_length=2000, description="The post's address: the de-duplication key, normalised")
    author_handle: str = Field("", max_length=200, description="The author's handle on that network")
    text: str = Field(min_length=1, max_length=10_000, description="The post's text, plain")
    language: str | None = Field(
        None,
        description=(
            "es, en or pl (a regional tag such as es-MX is read as es); other languages are refused. "
            "Left out or null: detected from the text, else the site's default language."
        ),
    )
    published_at: datetime = Field(description="ISO 8601; without a time zone it is read as UTC")
    reach: int = Field(0, ge=0, le=10**12, description="People it reached, as the tool counts them")

    @field_validator("url")
    @classmethod
    def normalised(cls, value: str) -> str:
        try:
            return normalise_url(value)
        except InvalidUrl as error:
            raise ValueError(str(error)) from error

    @field_validator("text")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("The text is empty.")
        return value.strip()

    @field_validator("author_handle")
    @classmethod
    def trimmed(cls, value: str) -> str:
        return value.strip()

    @field_validator("language")
    @classmethod
    def analysed_language(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        primary = value.strip().replace("_", "-").split("-")[0].lower()
        if primary not in MentionLanguage.values:
            raise ValueError(
                f"Only es, en and pl are analysed, not {value!r}; leave the language out to have it detected."
            )
        return primary

    @field_validator("published_at")
    @classmethod
    def aware_and_not_ahead(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        if value > datetime.now(UTC) + FUTURE_TOLERANCE:
            raise ValueError("This is in the future.")
        return value


class MentionBatch(Schema):
    """Items are checked one by one (see the endpoint), so one bad item does not refuse the others."""

    items: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        description=(
            "Up to 1,000 mentions, each {network, url, author_handle, text, language, published_at, reach}: "
            "network one of " + ", ".join(Network.values) + "; url http(s), at most 2,000 characters; "
            "text 1 to 10,000 characters; language es, en, pl or null (detected); published_at ISO 8601; "
            "reach a whole number from 0; any other field is refused"
        ),
    )


class StoredMention(Schema):
    index: int = Field(description="The item's position in the batch, from 0")
    id: int = Field(description="The mention's id (the same for the same URL, on a retry too)")
    url: str = Field(description="The URL as stored, normalised")


class IngestResult(Schema):
    detail: str
    accepted: int = Field(description="Items stored, or already stored before (a retry)")
    rejected: int = Field(description="Items refused, each named in `errors`")
    items: list[StoredMention]
    errors: list[FieldErrorSchema] = Field(description="Per refused item: `items[3].url` and why")
