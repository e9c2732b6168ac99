"""Schemas shared by every router of the project's API: errors, ids and the one pagination."""

from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

#: The largest id the project stores: pages and comments have 32-bit keys in PostgreSQL, and the search
#: index keeps every id as a 32-bit integer, so a larger one names nothing anywhere.
MAX_ID = 2**31 - 1

#: An id sent by a client (in a path, a query or a body); out of range is a 400 naming the field.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

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


class PageSchema(Schema):
    """The envelope of every paginated answer."""

    count: int = Field(description="How many items there are in all the pages")
    limit: int
    offset: int
    items: list[Any]
