"""The demo seeder: the Senda destination in three languages, built once, passwords shown once."""

import re
from io import StringIO

import pytest

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory, TestCase
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from brand_hub.blog.models import Author, BlogPage
from brand_hub.community_groups.models import CommunityGroupPage
from brand_hub.core.models import LocalizedSiteSettings
from brand_hub.home.models import HomePage
from brand_hub.ideas.models import (
    IdeaBoardPage,
    IdeaChallengePage,
    IdeaPage,
    IdeaStatus,
)

pytestmark = pytest.mark.django_db

PASSWORD_LINE = re.compile(r"^(admin|editor|prosumer) password: (\S+)$", re.MULTILINE)


def seed_demo() -> str:
    """Run the command as `manage.py seed_demo` does, translations published at commit."""
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker) -> str:
    """The output of one full seeding shared by this module's tests, rolled back after the last.

    Seeding takes several seconds; each test runs inside its own savepoint on top of it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo()
        transaction.set_rollback(True)


def demo_counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "authors": Author.objects.count(),
        "site settings": LocalizedSiteSettings.objects.count(),
        "locales": Locale.objects.count(),
    }


def test_the_demo_seeder_builds_the_destination_in_three_languages(first_run):
    for code in ("es", "en", "pl"):
        pages = Page.objects.filter(locale__language_code=code)
        assert pages.type(BlogPage).count() >= 10
        assert pages.type(CommunityGroupPage).count() == 3
        assert pages.type(IdeaBoardPage).count() == 1
        assert pages.type(IdeaChallengePage).count() == 2
        ideas = IdeaPage.objects.filter(locale__language_code=code)
        assert ideas.count() >= 20
        assert set(ideas.values_list("status", flat=True)) == set(IdeaStatus.values)
        assert not pages.filter(live=False).exists()
        assert LocalizedSiteSettings.objects.filter(locale__language_code=code).count() == 1

    challenges = IdeaChallengePage.objects.filter(locale__language_code="es")
    assert sorted(challenge.phase for challenge in challenges) == ["collecting", "voting"]

    spanish_post = BlogPage.objects.filter(locale__language_code="es").first()
    polish_post = spanish_post.get_translation(Locale.objects.get(language_code="pl"))
    english_post = spanish_post.get_translation(Locale.objects.get(language_code="en"))
    assert polish_post.translation_key == english_post.translation_key == spanish_post.translation_key
    assert polish_post.title != spanish_post.title
    assert polish_post.intro != spanish_post.intro
    assert polish_post.get_parent().get_translation(spanish_post.locale).pk == spanish_post.get_parent().pk

    # The Polish home features Polish pages, not the Spanish ones wagtail-localize would keep.
    polish_home = HomePage.objects.get(locale__language_code="pl")
    featured = [page for row in polish_home.featured for page in row.value["pages"]]
    assert featured and {page.locale.language_code for page in featured} == {"pl"}

    # Every page is reached at its URL: /es/, /en/ and /pl/ lead to the home page in that
    # language (Wagtail routes from the default site's root page localized to the URL prefix).
    Site.clear_site_root_paths_cache()
    assert polish_post.url.startswith("/pl/blog/")
    for page in Page.objects.filter(depth__gt=1):
        code, path = page.url.strip("/").partition("/")[::2]
        with translation.override(code):
            request = RequestFactory().get(page.url, HTTP_HOST="localhost")
            routed, _args, _kwargs = Page.route_for_request(request, path)
        assert routed.pk == page.pk
        assert page.locale.language_code == code


def test_running_the_demo_seeder_twice_creates_no_duplicates(first_run):
    assert first_run.startswith("seed_demo: 126 pages created, 0 already there")
    first = demo_counts()

    output = seed_demo()

    assert demo_counts() == first
    assert output.startswith("seed_demo: 0 pages created, ")


def test_the_demo_seeder_prints_generated_passwords_once(first_run):
    passwords = dict(PASSWORD_LINE.findall(first_run))
    assert set(passwords) == {"admin", "editor", "prosumer"}
    assert len(set(passwords.values())) == 3
    editor = authenticate(username="editor", password=passwords["editor"])
    assert editor is not None and editor.has_perm("wagtailadmin.access_admin")
    prosumer = authenticate(username="prosumer", password=passwords["prosumer"])
    assert prosumer is not None and not prosumer.has_perm("wagtailadmin.access_admin")

    second_output = seed_demo()

    assert not PASSWORD_LINE.search(second_output)
    assert not any(password in second_output for password in passwords.values())
    assert "changepassword editor" in second_output
