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
from brand_hub.headless.router import ProjectRouter
from brand_hub.users.auth import BrowserSessionAuth

pytestmark = pytest.mark.django_db


def test_django_run_on_commit_holds_savepoints_callable_robust_triples_dropped_on_rollback():
    """search/outbox.py looks for its nudge in the transaction's on-commit list."""
    kept, dropped = (lambda: None), (lambda: None)
    with transaction.atomic():
        connection = transaction.get_connection()
        transaction.on_commit(kept)
        with pytest.raises(RuntimeError), transaction.atomic():
            transaction.on_commit(dropped)
            assert any(func is dropped for _savepoints, func, _robust in connection.run_on_commit)
            raise RuntimeError("rolled back to the savepoint")
        registered = [func for _savepoints, func, _robust in connection.run_on_commit]

    assert kept in registered, "Django's run_on_commit changed shape: update search/outbox.py"
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


def test_ninja_decorators_hand_add_api_operation_the_response_and_auth_and_cookie_auth_says_csrf():
    """brand_hub/headless/router.py adds the shared error statuses in add_api_operation, read from its
    `response` and `auth` keywords, and documents the CSRF 403 for the auths whose `csrf` is true."""
    router = ProjectRouter()

    @router.post("/things/{thing_id}", response={201: None}, auth=[BrowserSessionAuth()])
    def create_thing(request, thing_id: int):
        return 201, None

    (operation,) = router.path_operations["/things/{thing_id}"].operations
    assert BrowserSessionAuth().csrf is True
    assert sorted(operation.response_models) == [201, 400, 401, 403, 404, 413]
