"""Fixtures shared by every test: locales and a published brand destination."""

import pytest

from django.core.cache import caches

from wagtail.models import Locale, Page, Site

from tests.factories.images import ImageFactory
from tests.factories.pages import build_blog, build_community, build_home, build_ideas


@pytest.fixture(autouse=True)
def fresh_caches():
    """Rate-limit counters and cached responses must not leak from one test into the next."""
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("es", "en", "pl")}


@pytest.fixture
def tree_root(locales) -> Page:
    return Page.get_first_root_node()


@pytest.fixture
def image(db):
    return ImageFactory()


@pytest.fixture
def home(tree_root, image):
    home = build_home(tree_root, image=image)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "port": 80, "root_page": home}
    )
    Site.clear_site_root_paths_cache()
    return home


@pytest.fixture
def destination(home, image) -> dict:
    from brand_hub.blog.models import Author

    author = Author.objects.create(name="Ana Ruiz", role="Community lead", photo=image)
    posts = build_blog(home, posts=3, image=image, author=author)
    group = build_community(home, image=image)
    return {"home": home, "posts": posts, "group": group, "author": author, **build_ideas(home)}
