"""Which pages anyone may open: the one rule every app uses, the rule of Wagtail's `live().public()`.

A page is public when it is live and no view restriction (password, login or groups) sits on it or
on an ancestor. An unpublished ancestor does not hide a live page, as in Wagtail. The rule comes
three ways: a queryset (`public_pages`), a condition on a related page (`public_page_q("page__")`)
and an SQL condition for the hot path that reads a page in one plain query (`public_page_sql`).
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet


def _restricted(path_field: str, passed: Iterable[int]) -> Exists:
    # A restriction covers the page when the restricted page's path starts the page's path; Wagtail's
    # paths hold only digits and capitals, so the prefix compares the same on every database.
    restrictions = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(path_field), 1, Length("page__path"))
    )
    passed = list(passed)
    if passed:
        restrictions = restrictions.exclude(pk__in=passed)
    return Exists(restrictions)


def public_page_q(prefix: str = "", *, passed: Iterable[int] = ()) -> Q:
    """Live and unrestricted, for the page at `prefix` (`"page__"` from a comment, `""` for pages).

    `passed` are view restrictions the reader has passed (a password given, signed in, in a group):
    their branches count as open to them, as Wagtail's page API has it.
    """
    return Q(**{f"{prefix}live": True}) & ~_restricted(f"{prefix}path", passed)


def public_pages(pages: PageQuerySet | None = None, *, passed: Iterable[int] = ()) -> PageQuerySet:
    """The public pages of `pages` (every page by default), in one query, however many restrictions."""
    return (Page.objects.all() if pages is None else pages).filter(public_page_q(passed=passed))


def is_public(page_id: int) -> bool:
    return public_pages().filter(pk=page_id).exists()


def passed_restrictions(request, restrictions: Iterable[PageViewRestriction]) -> list[int]:
    """The ids of the restrictions this request has passed; an anonymous request passes none."""
    return [restriction.pk for restriction in restrictions if restriction.accept_request(request)]


def public_page_sql(alias: str) -> str:
    """The rule as an SQL condition on the page table under `alias`, for queries written by hand.

    `%` is doubled for a query given parameters (cursor.execute or Page.objects.raw).
    """
    return f"""{alias}.live AND NOT EXISTS (
        SELECT 1 FROM wagtailcore_pageviewrestriction restriction
        JOIN wagtailcore_page restricted ON restricted.id = restriction.page_id
        WHERE {alias}.path LIKE restricted.path || '%%'
    )"""
