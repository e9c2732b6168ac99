"""The private internals of Django, Wagtail, ninja and xtd the project leans on, each pinned by name.

No public API does what these uses need. When an upgrade changes one of them, its test here fails
with the place that must change, instead of a quiet misbehaviour in service.
"""

import pytest
from django_comments_xtd.models import XtdComment, publish_or_unpublish_on_pre_save
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models.signals import pre_save

from wagtail.api.v2.filters import ChildOfFilter

from brand_hub.community.models import CommunityComment
from brand_hub.headless.prefetch import attach_renditions
from brand_hub.users.auth import BrowserSessionAuth

pytestmark = pytest.mark.django_db


def test_django_run_on_commit_holds_savepoints_callable_robust_triples_dropped_on_rollback():
    """search/outbox.py looks for its nudge in the transaction's on-commit list, and
    brand_hub/headless/revalidation.py for its batch."""
    kept, dropped = (lambda: None), (lambda: None)
    with transaction.atomic():
        connection = transaction.get_connection()
        transaction.on_commit(kept)
        with pytest.raises(RuntimeError), transaction.atomic():
            transaction.on_commit(dropped)
            assert any(func is dropped for _savepoints, func, _robust in connection.run_on_commit)
            raise RuntimeError("rolled back to the savepoint")
        registered = [func for _savepoints, func, _robust in connection.run_on_commit]

    assert kept in registered, (
        "Django's run_on_commit changed shape: update search/outbox.py and headless/revalidation.py"
    )
    assert dropped not in registered, "a savepoint's rollback no longer drops its on-commit calls"


def test_ninja_exception_handlers_map_validation_errors_to_wagtails_v3_handler():
    """brand_hub/api.py's v3_api() wraps the handler Wagtail's v3 API registered for ninja's errors."""
    from wagtail.api.v3.urls import api as wagtail_v3

    handlers = wagtail_v3._exception_handlers

    assert isinstance(handlers, dict), "ninja's _exception_handlers changed shape: update brand_hub/api.py"
    assert callable(handlers[NinjaValidationError])


def test_ninja_api_key_cookie_still_asks_get_key_for_the_cookie(rf):
    """brand_hub/users/auth.py overrides ninja's _get_key so that no cookie answers 401, not 403."""
    assert "_get_key" in vars(APIKeyCookie), "ninja's APIKeyCookie no longer has _get_key"

    request = rf.post("/api/community/comments/")  # no session cookie, no CSRF token
    request.user = AnonymousUser()

    assert BrowserSessionAuth()(request) is None  # ninja's own _get_key would raise 403 CSRF


def test_xtd_calculate_thread_data_and_its_pre_save_hook_are_still_there():
    """threads.place_reply is checked against xtd's _calculate_thread_data on random threads
    (test_thread_numbering.py), and community/apps.py disconnects xtd's publishing hook."""
    assert callable(getattr(XtdComment, "_calculate_thread_data", None)), "xtd renamed its thread maths"
    # Disconnected in CommunityConfig.ready(): disconnecting again finds nothing, and connecting it
    # as xtd does (by the model's label) is undone by the same call apps.py makes.
    assert pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=CommunityComment) is False
    pre_save.connect(publish_or_unpublish_on_pre_save, sender=CommunityComment._meta.label)
    pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=CommunityComment._meta.label)
    assert pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=CommunityComment) is False


def test_wagtail_child_of_filter_marks_the_queryset_with_filtered_by_child_of(home, rf):
    """headless/v2.py's locale filter carries Wagtail's private `_filtered_by_child_of` mark over."""
    from wagtail.models import Page

    request = rf.get("/api/v2/pages/", {"child_of": home.pk})
    request.site = None
    view = type("View", (), {"get_base_queryset": staticmethod(Page.objects.all), "request": request})()

    queryset = ChildOfFilter().filter_queryset(request, Page.objects.all(), view)

    marked = getattr(queryset, "_filtered_by_child_of", None)
    assert marked is not None and marked.pk == home.pk, "Wagtail renamed _filtered_by_child_of"


def test_django_prefetch_caches_let_attach_renditions_answer_without_queries(
    image, django_assert_num_queries
):
    """headless/prefetch.py fills _result_cache, _prefetch_done and _prefetched_objects_cache."""
    image.get_rendition("width-100")
    attach_renditions([image])

    with django_assert_num_queries(0):
        assert [rendition.filter_spec for rendition in image.renditions.all()] == ["width-100"]


def test_wagtail_writes_its_api_urls_where_public_urls_replaces_them():
    """headless/public_urls.py replaces wagtail.api.utils.get_base_url, through which every Wagtail API
    module's get_full_url writes detail and download URLs, and the one v2 field and v3 resolver each
    that write `html_url` and an image's `download_url` (ninja keeps resolvers in _ninja_resolvers)."""
    import wagtail.api.utils
    from wagtail.api.v2 import utils as v2_utils
    from wagtail.api.v2.serializers import PageHtmlUrlField
    from wagtail.api.v3.schemas import pages as v3_pages
    from wagtail.documents.api.v2 import serializers as documents_v2
    from wagtail.documents.api.v3 import schemas as documents_v3
    from wagtail.images.api.v2.serializers import ImageDownloadUrlField
    from wagtail.images.api.v3 import schemas as images_v3

    from brand_hub.headless.public_urls import api_origin

    assert wagtail.api.utils.get_base_url is api_origin
    assert "get_base_url" in wagtail.api.utils.get_full_url.__code__.co_names, (
        "get_full_url stopped reading it"
    )
    for module in (v2_utils, v3_pages, documents_v2, documents_v3, images_v3):
        assert module.get_full_url is wagtail.api.utils.get_full_url, (
            f"{module.__name__} builds URLs another way"
        )
    assert PageHtmlUrlField.to_representation.__module__ == "brand_hub.headless.public_urls"
    assert ImageDownloadUrlField.to_representation.__module__ == "brand_hub.headless.public_urls"
    for schema, field in (
        (v3_pages.SimpleBasePageMetaSchema, "html_url"),
        (images_v3.ImageMetaSchema, "download_url"),
    ):
        resolver = schema._ninja_resolvers[field]
        assert resolver._func.__module__ == "brand_hub.headless.public_urls"
        subclasses = [schema]
        while subclasses:
            cls = subclasses.pop()
            assert cls._ninja_resolvers[field] is resolver, f"{cls.__name__} keeps Wagtail's {field}"
            subclasses.extend(cls.__subclasses__())
