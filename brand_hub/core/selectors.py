"""Which pages anyone may open: the one rule every app uses, the rule of Wagtail's `live().public()`.

A page is public when it is live and no view restriction (password, login or groups) sits on it or
on an ancestor. An unpublished ancestor does not hide a live page, as in Wagtail. The rule comes
three ways: a queryset (`public_pages`), a condition on a related page (`public_page_q("page__")`)
and an SQL condition for the hot path that reads a page in one plain query (`public_page_sql`).

What one person may read is the same rule with the restrictions their account passes (`passed_by`):
the group restrictions of their groups (internal challenges and groups, for employees or a partner
programme). `readable_pages`, `readable_page_q` and `public_page_sql(alias, passed=...)` are the
rule for a reader; an anonymous reader passes nothing, without a query, and gets exactly the
public rule.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import connections, router
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet


def _restricted(path_field: str, passed: Iterable[int], *, kinds: Iterable[str] = ()) -> Exists:
    # A restriction covers the page when the restricted page's path starts the page's path; Wagtail's
    # paths hold only digits and capitals, so the prefix compares the same on every database.
    restrictions = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(path_field), 1, Length("page__path"))
    )
    if kinds:
        restrictions = restrictions.filter(restriction_type__in=list(kinds))
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


def passed_by(user) -> list[int]:
    """The group restrictions a signed-in account passes: those naming one of its groups (all of them
    for a superuser, as in Wagtail's `accept_request`). An internal challenge or group is restricted
    to groups of accounts; password and login restrictions keep a page out of the community as
    before. None for an anonymous reader, without a query; one query otherwise."""
    if user is None or not user.is_authenticated:
        return []
    if user.is_superuser:
        sql, params = PASSED_BY_SUPERUSER_SQL, [PageViewRestriction.GROUPS]
    else:
        memberships = user.groups.through._meta.db_table
        sql, params = PASSED_BY_SQL.format(memberships=memberships), [PageViewRestriction.GROUPS, user.pk]
    # Where the ORM would have read it (the replica, inside `replica_reads()`).
    with connections[router.db_for_read(PageViewRestriction)].cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


# `passed_by` in plain queries: every community write asks it, and the ORM's building of the join
# through the groups cost most of its CPU.
PASSED_BY_SQL = """
    SELECT DISTINCT restriction.id FROM wagtailcore_pageviewrestriction restriction
    JOIN wagtailcore_pageviewrestriction_groups allowed ON allowed.pageviewrestriction_id = restriction.id
    JOIN {memberships} membership ON membership.group_id = allowed.group_id
    WHERE restriction.restriction_type = %s AND membership.user_id = %s
    ORDER BY restriction.id
"""
PASSED_BY_SUPERUSER_SQL = """
    SELECT restriction.id FROM wagtailcore_pageviewrestriction restriction
    WHERE restriction.restriction_type = %s ORDER BY restriction.id
"""


def readable_page_q(user, prefix: str = "") -> Q:
    """`public_page_q` for what `user` (None or anonymous: anyone) may read."""
    return public_page_q(prefix, passed=passed_by(user))


def readable_pages(user, pages: PageQuerySet | None = None) -> PageQuerySet:
    """The pages of `pages` that `user` may read: public ones, and those behind restrictions they pass."""
    return public_pages(pages, passed=passed_by(user))


def closed_to(user, prefix: str = "") -> Exists:
    """The page at `prefix` is in an internal space `user` is not a member of: behind a group
    restriction they do not pass. For their writes on what they cannot see (a reaction or a flag on
    a comment by its id), where other restrictions keep the community's earlier rules."""
    return _restricted(f"{prefix}path", passed_by(user), kinds=[PageViewRestriction.GROUPS])


def members_who_may_read(users, page_id: int):
    """Of `users` (a queryset of accounts), those the page's group restrictions let in: a member of one
    of the groups of each group restriction on the page or an ancestor, or a superuser. For what is
    sent to people about a page (notifications): someone who left an internal space hears no more."""
    readers = page_readers(page_id)
    return users.none() if readers is None else users.filter(readers)


def page_readers(page_id: int) -> Q | None:
    """The condition on accounts of `members_who_may_read`, to filter several querysets of accounts
    with (two queries, once); None when the page does not exist."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is None:
        return None
    ancestors = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
    covering = PageViewRestriction.objects.filter(
        restriction_type=PageViewRestriction.GROUPS, page__path__in=ancestors
    ).prefetch_related("groups")
    memberships = get_user_model().groups.through.objects
    readers = Q()
    for restriction in covering:
        in_groups = memberships.filter(
            user_id=OuterRef("pk"), group_id__in=[group.pk for group in restriction.groups.all()]
        )
        readers &= Q(is_superuser=True) | Exists(in_groups)
    return readers


def is_readable(user, page_id: int) -> bool:
    return readable_pages(user).filter(pk=page_id).exists()


def public_page_sql(alias: str, *, passed: Iterable[int] = ()) -> str:
    """The rule as an SQL condition on the page table under `alias`, for queries written by hand.

    `passed` are the restrictions the reader passes (`passed_by`), written in as numbers.
    `%` is doubled for a query given parameters (cursor.execute or Page.objects.raw).
    """
    passed_ids = ", ".join(str(int(pk)) for pk in passed)
    except_passed = f" AND restriction.id NOT IN ({passed_ids})" if passed_ids else ""
    return f"""{alias}.live AND NOT EXISTS (
        SELECT 1 FROM wagtailcore_pageviewrestriction restriction
        JOIN wagtailcore_page restricted ON restricted.id = restriction.page_id
        WHERE {alias}.path LIKE restricted.path || '%%'{except_passed}
    )"""
