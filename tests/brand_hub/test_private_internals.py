"""The private internals of Django, Wagtail, ninja and xtd the project leans on, each pinned by name.

No public API does what these uses need. When an upgrade changes one of them, its test here fails
with the place that must change, instead of a quiet misbehaviour in service.
"""

import inspect

import pytest
from django_comments_xtd.models import XtdComment, publish_or_unpublish_on_pre_save
from ninja import File, Form, NinjaAPI, Router, Schema, UploadedFile
from ninja.pagination import PaginationBase
from ninja.security import APIKeyCookie

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models.signals import pre_save

from wagtail.api.v2.filters import ChildOfFilter
from wagtail.models import Page

from brand_hub.community.models import CommunityComment
from brand_hub.headless.pagination import Pagination
from brand_hub.headless.prefetch import attach_renditions
from brand_hub.headless.router import ProjectRouter
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


def test_wagtail_v3_schema_building_and_serving_go_through_the_instances_the_project_wraps(client, rf):
    """brand_hub/headless: apps.py runs the v3 apps' ready() in English by replacing it on their
    AppConfig instance (Django calls it on the instance); errors.py wraps the v3 NinjaAPI's
    get_openapi_schema, which ninja's openapi view calls on the instance; v3.check_token reads the
    AnonymousUser that Wagtail's BearerTokenAuth leaves on the request for a token it cannot resolve."""
    from django.apps import apps

    from wagtail.api.v3.auth import BearerTokenAuth

    assert apps.get_app_config("wagtailimages").ready.__name__ == "english_ready"
    assert "ErrorSchema" in client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    request = rf.get("/api/v3/pages/", HTTP_AUTHORIZATION="Bearer wrong")
    assert BearerTokenAuth()(request) is None
    assert isinstance(request.user, AnonymousUser), "Wagtail's bearer auth no longer resets request.user"


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


def test_ninja_marks_an_operations_function_with_its_operation():
    """headless/v3.py's `guarded` finds which operation it wraps through the function's _ninja_operation."""
    router = Router()

    @router.post("/copy", operation_id="pages_actions_copy")
    def copy(request):
        return {}

    operation = getattr(copy, "_ninja_operation", None)
    assert operation is not None, (
        "ninja no longer marks functions with _ninja_operation: update headless/v3.py"
    )
    assert operation.operation_id == "pages_actions_copy"


def test_every_v3_action_guard_names_an_operation_wagtail_still_has():
    """headless/v3.py's ACTION_GUARDS are keyed by Wagtail's operation ids: a renamed one is unguarded."""
    from wagtail.api.v3.urls import api as wagtail_v3

    from brand_hub.headless.v3 import ACTION_GUARDS

    operation_ids = {
        operation["operationId"]
        for methods in wagtail_v3.get_openapi_schema()["paths"].values()
        for operation in methods.values()
    }

    assert set(ACTION_GUARDS) <= operation_ids, set(ACTION_GUARDS) - operation_ids


def test_ninja_operations_keep_their_body_and_form_models_as_headless_v3_reads_them():
    """headless/v3.py's check_unknown_fields reads an operation's parameter models: their source, the
    one body argument they read the whole body into, the form fields a schema is flattened into,
    and Wagtail's page update reading its type from the page when the body names none."""
    from wagtail.api.v3.schemas.pages import PageTypeInjectingBodyModel

    from brand_hub.headless.v3 import field_discriminator

    router = Router()

    class Thing(Schema):
        name: str

    @router.post("/things", operation_id="things_create")
    def create(request, data: Thing):
        return {}

    @router.post("/uploads", operation_id="uploads_create")
    def upload(request, data: Form[Thing], file: File[UploadedFile]):
        return {}

    body = {model.__ninja_param_source__: model for model in create._ninja_operation.models}["body"]
    assert body.__read_from_single_attr__ == "data", "ninja reads a lone body argument differently"
    assert body.model_fields["data"].annotation is Thing
    form = {model.__ninja_param_source__: model for model in upload._ninja_operation.models}
    assert form["form"].__ninja_flatten_map__ == {"name": ("data", "name")}
    assert set(form["file"].model_fields) == {"file"}
    assert callable(PageTypeInjectingBodyModel.get_meta_type), "Wagtail's page update finds its type anew"

    from wagtail.api.v3.routers.pages import PageCreateSchema

    class Pages(Schema):
        data: PageCreateSchema

    assert field_discriminator(Pages.model_fields["data"]) is not None, (
        "Wagtail's page schemas are no longer a union discriminated by a callable"
    )


def test_ninja_keeps_an_apis_routers_in_router_registrations_and_routers():
    """headless/v3.py's unmount_empty_snippets takes a router out of both private lists."""
    api, router = NinjaAPI(urls_namespace="internals"), Router()
    api.add_router("/things/", router)

    registrations = getattr(api, "_router_registrations", None)
    routers = getattr(api, "_routers", None)

    assert isinstance(registrations, list), "ninja renamed _router_registrations: update headless/v3.py"
    assert ("/things/", router) in [entry[:2] for entry in registrations], "entries changed shape"
    assert isinstance(routers, list), "ninja renamed _routers: update headless/v3.py"
    assert ("/things/", router) in routers, "_routers no longer holds (prefix, router) pairs"


def test_ninja_schemas_keep_their_resolvers_in_ninja_resolvers():
    """headless/typed_pages.py copies a read schema's resolvers to its card through _ninja_resolvers."""

    class Read(Schema):
        title: str

        @staticmethod
        def resolve_title(obj):
            return obj["name"]

    resolvers = getattr(Read, "_ninja_resolvers", None)
    assert isinstance(resolvers, dict), "ninja renamed _ninja_resolvers: update headless/typed_pages.py"
    assert "title" in resolvers
    assert Read.model_validate({"name": "Trail"}).title == "Trail"


def test_ninja_pagination_counts_through_items_count():
    """headless/pagination.py counts a queryset or a list with PaginationBase._items_count."""
    assert callable(getattr(PaginationBase, "_items_count", None)), "ninja renamed _items_count"
    assert Pagination()._items_count(Page.objects.all()) == Page.objects.count()
    assert Pagination()._items_count([1, 2, 3]) == 3


def test_wagtail_edit_action_edits_through_edit_and_clean_instance():
    """community/views.py's ChangeCommentKind overrides EditAction._edit and calls _clean_instance."""
    from wagtail.actions.edit import EditAction

    assert callable(getattr(EditAction, "_edit", None)), "Wagtail renamed EditAction._edit"
    assert callable(getattr(EditAction, "_clean_instance", None)), (
        "Wagtail renamed EditAction._clean_instance"
    )
    assert "self._edit(" in inspect.getsource(EditAction.execute), "EditAction.execute no longer calls _edit"


def test_wagtail_connects_its_review_outcome_emails_under_the_dispatch_uids_the_ideas_replace():
    """ideas/review.py's replace_outcome_emails swaps Wagtail's notifiers by their dispatch_uid."""
    from wagtail.admin import signal_handlers

    from brand_hub.ideas.review import OUTCOME_EMAILS

    source = inspect.getsource(signal_handlers)
    for _signal, dispatch_uid, _notifier in OUTCOME_EMAILS:
        assert f'dispatch_uid="{dispatch_uid}"' in source, f"Wagtail renamed {dispatch_uid}"


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


def test_django_connections_say_whether_they_are_in_an_atomic_block_and_check_their_health():
    """brand_hub/core/db_router.py reads the primary inside an atomic block (in_atomic_block), and
    drops a kept replica connection that stopped answering before its first read of a request
    (close_if_health_check_failed, what Django's own cursors call with CONN_HEALTH_CHECKS)."""
    from django.db import connection
    from django.db.backends.base.base import BaseDatabaseWrapper

    assert callable(getattr(BaseDatabaseWrapper, "close_if_health_check_failed", None)), (
        "Django renamed its health check: update brand_hub/core/db_router.replica_usable"
    )
    with transaction.atomic():
        assert connection.in_atomic_block


def test_ninja_answers_an_exception_raised_by_an_auth_callback_through_the_api_handlers():
    """brand_hub.apikeys.auth.ApiKeyAuth raises Refused (401) and NotAllowed (403) from `authenticate`;
    ninja's Operation._run_authentication must hand them to the API's exception handlers, not crash."""
    from ninja.operation import Operation

    source = inspect.getsource(Operation._run_authentication)
    assert "except Exception as exc" in source and "self.api.on_exception(request, exc)" in source


def test_wagtail_generic_create_and_edit_views_save_through_save_instance_and_answer_in_save_action():
    """brand_hub.apikeys.views: the create view makes the key in save_instance and shows it once in
    save_action's answer; the edit view revokes in save_instance."""
    from wagtail.admin.views.generic import CreateView, EditView

    for view in (CreateView, EditView):
        source = inspect.getsource(view.form_valid)
        assert "self.object = self.save_instance()" in source and "self.save_action()" in source, view


def test_wagtail_generic_inspect_template_shows_its_fields_in_the_main_content_block():
    """segments/templates/segments/admin/inspect.html puts the segment's size and preview before the
    generic inspect view's fields by overriding its `main_content` block and calling block.super."""
    from django.template.loader import get_template

    source = get_template("wagtailadmin/generic/inspect.html").template.source

    assert "{% block main_content %}" in source, "Wagtail's generic inspect template lost main_content"
    assert "{% block fields_output %}" in source, "Wagtail's inspect fields moved out of main_content"


def test_a_streaming_response_keeps_the_views_generator_as_its_iterator(client):
    """tests/brand_hub/events/test_live_api.py closes a live stream through
    `StreamingHttpResponse._iterator` in the test's own thread: the test client's wrapper closes the
    response but not the view's generator, which the garbage collector would finalise in another."""
    from django.http import StreamingHttpResponse

    closed = []

    def stream():
        try:
            yield b"part"
            yield b"endless"
        finally:
            closed.append(True)

    response = StreamingHttpResponse(stream())
    parts = iter(response.streaming_content)
    assert next(parts) == b"part"
    response._iterator.close()
    assert closed == [True], (
        "StreamingHttpResponse no longer keeps the generator as _iterator: update test_live_api.py"
    )


def test_wagtail_bulk_actions_run_prepare_then_execute_with_the_execution_context():
    """community/bulk_actions.py keeps the whole selection in prepare_action, hands itself to execute_action
    through get_execution_context, sums up in get_success_message, and answers "select all in listing"
    (the id "all") with no comments through get_all_objects_in_listing_query."""
    from wagtail.admin.views.bulk_action import BulkAction

    form_valid = inspect.getsource(BulkAction.form_valid)
    for call in (
        "self.prepare_action(objects, objects_without_access)",
        "self.execute_action(",
        "**self.get_execution_context()",
        "self.get_success_message(",
    ):
        assert call in form_valid, f"BulkAction.form_valid no longer calls {call}"
    assert form_valid.index("self.prepare_action(") < form_valid.index("self.execute_action(")
    actionable = inspect.getsource(BulkAction.get_actionable_objects)
    assert '"all" in object_ids' in actionable and "self.get_all_objects_in_listing_query(" in actionable


def test_wagtails_log_entry_internals_the_audit_log_builds_on():
    """brand_hub/audit: AuditLogEntry subclasses BaseLogEntry with ModelLogEntryManager (log_action
    sets object_id); its report filters with the history views' HistoryFilterSet (action, user,
    timestamp_from/_to) and renders the Site history's results template (entry.edit_url, label,
    message); the Site history unions every model registered with register_model and asks each for
    viewable_by_user; the admin's views run in a LogContext whose uuid groups a request's roles change."""
    from django.template.loader import get_template

    from wagtail.admin.views.generic.history import HistoryFilterSet
    from wagtail.admin.views.reports.audit_logging import LogEntriesView
    from wagtail.log_actions import registry
    from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager

    from brand_hub.audit.models import AuditLogEntry

    assert issubclass(AuditLogEntry, BaseLogEntry) and issubclass(
        type(AuditLogEntry.objects), ModelLogEntryManager
    )
    assert "object_id=str(instance.pk)" in inspect.getsource(ModelLogEntryManager.log_action)
    assert {"action", "user", "timestamp"} <= set(HistoryFilterSet.base_filters), "HistoryFilterSet changed"
    source = get_template("wagtailadmin/reports/site_history_results.html").template.source
    assert all(name in source for name in ("entry.edit_url", "entry.label", "entry.message")), (
        "the Site history results template changed: brand_hub/audit/views.py renders it"
    )
    assert AuditLogEntry in registry.get_log_entry_models()
    assert "viewable_by_user" in inspect.getsource(LogEntriesView.get_filtered_queryset)
    from wagtail.admin import auth

    assert "LogContext(user=user)" in inspect.getsource(auth), (
        "Wagtail's admin views no longer set a LogContext"
    )


def test_django_caches_a_missing_reverse_one_to_one_so_trust_asks_once(
    django_user_model, django_assert_num_queries
):
    """brand_hub.trust.services.standing_of reads `user.trust_standing` on each write (the rate limit, the
    screener): an account without a row yet must cost one query, not one per read."""
    from brand_hub.trust.models import TrustStanding

    user = django_user_model.objects.create_user("nuevo", "nuevo@example.com", "pw-nuevo-12345")
    with django_assert_num_queries(1):
        for _ in range(2):
            with pytest.raises(TrustStanding.DoesNotExist):
                user.trust_standing  # noqa: B018


def test_wagtail_keeps_the_passed_page_passwords_in_the_session_under_its_restrictions_key(rf):
    """brand_hub/headless/caching.py reads that key to answer a session that passed a password
    `private`, never from the shared cache."""
    from django.contrib.sessions.backends.db import SessionStore

    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction(pk=7, restriction_type=PageViewRestriction.PASSWORD, password="x")
    request = rf.get("/")
    request.session = SessionStore()
    restriction.mark_as_passed(request)

    assert request.session[PageViewRestriction.passed_view_restrictions_session_key] == [7]
