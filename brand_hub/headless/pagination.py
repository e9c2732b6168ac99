"""The one pagination of the project's API: `limit` and `offset` in, `{count, limit, offset, items}` out."""

from collections.abc import Callable, Sequence
from typing import Any

from ninja.pagination import PaginationBase, paginate

from django.db.models import QuerySet

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
