"""The project API's pagination: `limit` and `offset` in, `{count, limit, offset, items}` out, for lists
that hold still; and, for a feed that grows at its top while it is read, an opaque cursor
(`limit` and `cursor` in, `{limit, next_cursor, items}` out) that never repeats or skips an item."""

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any

from ninja.pagination import PaginationBase, paginate

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from brand_hub.core.errors import Refused

from .schemas import PageQuery, PageSchema

#: What a view may hand the pagination instead of its rows: a function reading one window of them,
#: answering (count, items); for a page that needs shaping (or reading) beyond a plain slice.
Window = Callable[..., tuple[int, list]]


class Pagination(PaginationBase):
    """Ninja's pagination with the project's bounded query and envelope.

    A paginated view returns a queryset or a list (counted and sliced here), or a `Window`.
    """

    Input = PageQuery
    Output = PageSchema

    def paginate_queryset(
        self, queryset: QuerySet | Sequence | Window, pagination: PageQuery, request, **params
    ):
        if callable(queryset):
            count, items = queryset(offset=pagination.offset, limit=pagination.limit)
        else:
            count = self._items_count(queryset)
            items = list(queryset[pagination.offset : pagination.offset + pagination.limit])
        return {"count": count, "limit": pagination.limit, "offset": pagination.offset, "items": items}


def shaped(rows: QuerySet, shape: Callable[[list], list[Any]]) -> Window:
    """Rows counted and sliced by the pagination; `shape` turns the page read into its items, loading
    what those rows need in a fixed number of queries."""

    def window(*, offset: int, limit: int) -> tuple[int, list]:
        return rows.count(), shape(list(rows[offset : offset + limit]))

    return window


#: The decorator of every list endpoint, under its `@router.get(..., response={200: list[ItemSchema]})`.
paginated = paginate(Pagination)


def encode_cursor(position: list) -> str:
    """An opaque cursor for `position` (JSON-ready values): clients hand it back, never read it."""
    return base64.urlsafe_b64encode(json.dumps(position, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list:
    """The position a cursor of `encode_cursor` holds; anything else is a 400 naming `cursor`."""
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        position = None
    if not isinstance(position, list):
        raise bad_cursor()
    return position


def bad_cursor() -> Refused:
    """The 400 for a cursor the API did not give (or a position it cannot read back)."""
    return Refused(_("This cursor is not one the API gave: start again without it."), field="cursor")
