"""Schemas shared by every router of the project's API: errors, ids, dates, locales and the one pagination."""

import re
from datetime import date
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from django.conf import settings
from django.utils.translation import gettext as _

#: The largest id the project stores: pages and comments have 32-bit keys in PostgreSQL, and the search
#: index keeps every id as a 32-bit integer, so a larger one names nothing anywhere.
MAX_ID = 2**31 - 1

#: An id sent by a client (in a path, a query or a body); out of range is a 400 naming the field.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD, as the document's `format: date` says: pydantic alone also reads a number
    (`date_to=0`) as a Unix timestamp."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(_("Write the date as YYYY-MM-DD."))
    return value


#: A day sent by a client, written as ISO 8601's calendar date.
IsoDate = Annotated[date, BeforeValidator(iso_date)]


def known_locale(value: str) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    if value not in codes:
        raise ValueError(
            _("Unknown locale '%(locale)s'; use one of %(codes)s.")
            % {"locale": value, "codes": ", ".join(codes)}
        )
    return value


#: A language the site is published in (settings.LANGUAGES), listed in the document as its choices.
LocaleCode = Annotated[
    str,
    AfterValidator(known_locale),
    WithJsonSchema({"type": "string", "enum": [code for code, _name in settings.LANGUAGES]}),
]

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
#: PostgreSQL reads and drops every skipped row, so paging is bounded; filters narrow a longer list.
MAX_OFFSET = 100_000


class FieldErrorSchema(Schema):
    field: str
    message: str


class ErrorSchema(Schema):
    detail: str
    errors: list[FieldErrorSchema] = []


class PageQuery(Schema):
    """Which slice of a list to answer: the query of every paginated endpoint."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items to answer")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip")


class CursorQuery(Schema):
    """Which part of a cursor-paginated list to answer: the first page, or the one after `cursor`."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items to answer")
    cursor: str | None = Field(
        None, max_length=500, description="The `next_cursor` of the page before; none for the first page"
    )


class PageSchema(Schema):
    """The envelope of every paginated answer."""

    count: int = Field(description="How many items there are in all the pages")
    limit: int
    offset: int
    items: list[Any]
