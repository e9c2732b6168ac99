"""The one rule for a public page, checked against Wagtail's own `Page.objects.live().public()`."""

import pytest

from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.api.querysets import get_public_pages_queryset
from wagtail.models import Page, PageViewRestriction, Site

from brand_hub.core.selectors import is_public, public_page_sql, public_pages
from brand_hub.headless.querysets import public_pages_queryset
from tests.brand_hub.community.calls import say


def add_page(parent: Page, slug: str, *, live: bool = True) -> Page:
    return parent.add_child(instance=Page(title=slug, slug=slug, live=live))


def restrict(page: Page, kind: str, *, groups=()) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, password="secret")
    restriction.groups.set(groups)
    return restriction


@pytest.fixture
def members(db) -> Group:
    return Group.objects.create(name="Members")


@pytest.fixture
def tree(home, members) -> dict[str, Page]:
    """Open pages beside every kind of restriction, on a page and on an ancestor, and unpublished ones."""
    pages = {"home": home, "open": add_page(home, "open")}
    pages["open-child"] = add_page(pages["open"], "open-child")
    for kind in (PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS):
        section = pages[kind] = add_page(home, kind)
        child = pages[f"{kind}-child"] = add_page(section, f"{kind}-child")
        pages[f"{kind}-grandchild"] = add_page(child, f"{kind}-grandchild")
        restrict(section, kind, groups=[members] if kind == PageViewRestriction.GROUPS else [])
    # A restriction on a page below an open one, and one on a page whose ancestor is restricted too.
    pages["restricted-leaf"] = add_page(pages["open"], "restricted-leaf")
    restrict(pages["restricted-leaf"], PageViewRestriction.LOGIN)
    restrict(pages["login-child"], PageViewRestriction.PASSWORD)
    pages["draft"] = add_page(home, "draft", live=False)
    pages["live-under-draft"] = add_page(pages["draft"], "live-under-draft")
    pages["draft-under-open"] = add_page(pages["open"], "draft-under-open", live=False)
    # A sibling whose path shares the restricted page's prefix digits but not its branch.
    pages["neighbour"] = add_page(home, "neighbour")
    return pages


def wagtail_public_ids() -> set[int]:
    return set(Page.objects.live().public().values_list("pk", flat=True))


def sql_public_ids() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page.id FROM wagtailcore_page page WHERE page.depth >= %s AND {public_page_sql('page')}",
            [1],
        )
        return {row[0] for row in cursor.fetchall()}


def test_the_selector_answers_as_wagtails_live_public_over_every_kind_of_restriction(tree):
    expected = wagtail_public_ids()

    assert set(public_pages().values_list("pk", flat=True)) == expected
    assert sql_public_ids() == expected
    assert {slug for slug, page in tree.items() if is_public(page.pk)} == {
        slug for slug, page in tree.items() if page.pk in expected
    }
    # The tree is not trivially public or private: each kind of page is on the expected side.
    assert {"home", "open", "open-child", "neighbour", "live-under-draft"} <= {
        slug for slug, page in tree.items() if page.pk in expected
    }
    assert not {"password-grandchild", "login-child", "groups", "restricted-leaf", "draft"} & {
        slug for slug, page in tree.items() if page.pk in expected
    }


def test_the_selector_keeps_agreeing_after_restrictions_are_removed(tree):
    PageViewRestriction.objects.filter(page=tree["login"]).delete()

    assert set(public_pages().values_list("pk", flat=True)) == wagtail_public_ids()
    assert is_public(tree["login"].pk)
    assert not is_public(tree["login-child"].pk)  # its own password restriction stays


def test_a_narrowed_queryset_keeps_its_filters(tree):
    children = public_pages(tree["open"].get_children())

    assert set(children) == {tree["open-child"]}


def request_of(user=None, *, passed_password_of: PageViewRestriction | None = None):
    request = RequestFactory().get("/api/v2/pages/")
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    if passed_password_of is not None:
        passed_password_of.mark_as_passed(request)
    return request


def test_the_content_api_answers_as_wagtails_public_pages_for_each_kind_of_reader(
    tree, members, django_user_model
):
    member = django_user_model.objects.create_user("member", "member@example.com", "pw-member-12345")
    member.groups.add(members)
    outsider = django_user_model.objects.create_user("outsider", "outsider@example.com", "pw-outsider-1")
    password = PageViewRestriction.objects.get(page=tree["password"])
    readers = {
        "anonymous": request_of(),
        "signed in, in no group": request_of(outsider),
        "signed in, a member": request_of(member),
        "with the password": request_of(passed_password_of=password),
    }

    for reader, request in readers.items():
        ours = set(public_pages_queryset(request).values_list("pk", flat=True))
        assert ours == set(get_public_pages_queryset(request).values_list("pk", flat=True)), reader
    assert tree["groups-child"].pk in set(
        public_pages_queryset(readers["signed in, a member"]).values_list("pk", flat=True)
    )


def test_the_site_a_host_reads_is_looked_up_once_and_followed_when_it_changes(tree):
    """A vote or a content read asks the public pages of its site: the site is found once per content
    generation, and a changed site (which bumps the generation) is read again at once."""
    assert tree["open"].pk in set(public_pages_queryset(request_of()).values_list("pk", flat=True))

    with CaptureQueriesContext(connection) as queries:
        public_pages_queryset(request_of())
    assert [query["sql"] for query in queries if "wagtailcore_site" in query["sql"]] == []

    site = Site.objects.get(root_page=tree["home"])
    site.hostname, site.is_default_site = "elsewhere.example", False
    site.save()
    assert not public_pages_queryset(request_of()).exists()  # testserver now reads no site


def test_a_public_profile_no_longer_lists_comments_on_a_page_restricted_later(destination, lucia, client):
    post = destination["posts"][0]
    assert say(lucia, post, "Me encanta").status_code == 201
    assert say(lucia, destination["posts"][1], "También").status_code == 201

    PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.LOGIN)
    profile = client.get(f"/api/community/people/{lucia.user.pk}/").json()

    assert [comment["page_id"] for comment in profile["recent_comments"]] == [destination["posts"][1].pk]
    assert profile["counts"]["comments"] == 1
