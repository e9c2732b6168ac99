"""Fixtures shared by every test: locales and a published brand destination."""

import os
import uuid

import pytest
from django_redis import get_redis_connection
from redis.exceptions import ConnectionError as RedisConnectionError

from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import Client

from wagtail.models import Collection, Locale, Page, Site

from brand_hub.settings.base import cache_from_url
from brand_hub.users.roles import COMMUNITY_MODERATORS, PROSUMERS, ensure_roles
from tests.factories.images import ImageFactory
from tests.factories.pages import build_blog, build_community, build_home, build_ideas


@pytest.fixture(autouse=True)
def fresh_caches():
    """Rate-limit counters and cached responses must not leak from one test into the next."""
    for cache in caches.all():
        cache.clear()
    yield


def skip_or_fail(reason: str):
    """A test that needs a server skips without it on a developer's machine, and fails in CI."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the test command must provide it)")
    pytest.skip(reason)


@pytest.fixture
def shared_cache(settings):
    """The default cache pointed at the real Redis of CACHE_URL, under a key prefix of this test's own.

    Everything that goes through Django's cache (rate limits, page-view de-duplication, the blocklist,
    allauth's limits) then uses the Redis the web nodes share. The test's keys are deleted afterwards.
    """
    url = os.environ.get("CACHE_URL", "")
    if not url:
        skip_or_fail("needs the shared cache: set CACHE_URL (bash site/redis/redis.sh start prints it)")
    config = cache_from_url(url)
    config["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": config}
    try:
        get_redis_connection("default").ping()
    except RedisConnectionError as error:
        skip_or_fail(f"the shared cache at CACHE_URL={url} does not answer: {error}")
    cache = caches["default"]
    yield cache
    cache.delete_pattern("*")


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("es", "en", "pl")}


@pytest.fixture
def tree_root(locales) -> Page:
    """Wagtail's root page; a transactional test's flush removes it, so it is made again then."""
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locales["es"]))
        restore_default_workflow(root)
        ensure_roles()  # the roles' page permissions hang on the root; it restores the idea review too
    return root


def restore_default_workflow(root: Page) -> None:
    """What Wagtail's migrations create and a flush removes: moderators approve pages on the root.

    Ideas do not go there: `ensure_roles`, run after it, restores the editors' idea review
    (brand_hub.ideas.review), as it does after every migrate.
    """
    from django.contrib.auth.models import Group

    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    moderators, _created = Group.objects.get_or_create(name="Moderators")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)


@pytest.fixture
def image(db):
    if Collection.get_first_root_node() is None:  # flushed by a transactional test
        Collection.add_root(name="Root")
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


# People, each with a signed-in client (client.user is the account).


def person(django_user_model, name: str, *roles: str):
    user = django_user_model.objects.create_user(
        name, f"{name}@example.com", f"pw-{name}-12345", display_name=name.capitalize()
    )
    user.groups.add(*Group.objects.filter(name__in=roles))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def roles(db):
    return ensure_roles()


@pytest.fixture
def lucia(roles, django_user_model):
    return person(django_user_model, "lucia", PROSUMERS)


@pytest.fixture
def marek(roles, django_user_model):
    return person(django_user_model, "marek", PROSUMERS)


@pytest.fixture
def moderator(roles, django_user_model):
    return person(django_user_model, "tomasz", PROSUMERS, COMMUNITY_MODERATORS)


@pytest.fixture
def post(destination):
    """The blog post most discussion tests talk on."""
    return destination["posts"][0]


@pytest.fixture(autouse=True)
def search_sender_not_paused():
    """A failure to reach Elasticsearch pauses the sender in-process; each test starts unpaused."""
    from search import outbox

    outbox._paused_until = 0.0
    yield


@pytest.fixture
def json_parses(monkeypatch) -> list:
    """Every text json.loads parses during the test, wherever the parse happens."""
    import json

    parses, loads = [], json.loads

    def counting(text, *args, **kwargs):
        parses.append(text)
        return loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counting)
    return parses
