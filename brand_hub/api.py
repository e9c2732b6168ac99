"""The one place where API routers are assembled: the project's API and Wagtail's v2 and v3."""

from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from brand_hub.community.api import router as comments_router
from brand_hub.community.preferences_api import router as notification_preferences_router
from brand_hub.community_groups.api import router as groups_router
from brand_hub.core.errors import Refused, error_body
from brand_hub.core.middleware import JsonDataParser
from brand_hub.core.rate_limits import RateLimited
from brand_hub.core.validation_messages import field_errors
from brand_hub.events.api import router as live_router
from brand_hub.headless.api import router as content_router
from brand_hub.headless.timestamps import TimestampJSONRenderer
from brand_hub.headless.v2 import BrandDocumentsAPIViewSet, BrandImagesAPIViewSet, BrandPagesAPIViewSet
from brand_hub.ideas.api import router as ideas_router
from brand_hub.insights.api import router as insights_router
from brand_hub.mentions.api import router as listening_router
from brand_hub.recommendations.api import router as shares_router
from brand_hub.segments.api import router as segments_router
from brand_hub.trust.api import router as trust_router
from brand_hub.users.api import router as people_router
from brand_hub.users.csrf import CSRF_FIELD, csrf_failure_message
from search.api import router as search_router
from search.queries.base import SearchUnavailable


def bad_request(api: NinjaAPI, request: HttpRequest, exc: NinjaValidationError):
    return api.create_response(
        request,
        {"detail": _("The request has invalid parameters."), "errors": field_errors(exc.errors)},
        status=400,
    )


api = NinjaAPI(
    title="Brand Hub API",
    version="1.0.0",
    description=(
        "The project's own endpoints: content helpers, community, search and insights. Pages are read "
        "from Wagtail's v3 API (`/api/v3/`, typed per page type in its own document). Its v2 API "
        "(`/api/v2/`) has no description: the shape of a v2 answer depends on its `fields=` and `type=`, "
        "so no one schema describes it; it stays for existing Wagtail frontends. Page URLs point at the "
        "frontend (FRONTEND_URL and the page's locale path); timestamps are UTC with milliseconds "
        "(`2026-12-06T04:32:49.521Z`)."
    ),
    urls_namespace="brand_hub_api",
    openapi_url="/schema/",
    docs_url="/docs/",
    parser=JsonDataParser(),
    renderer=TimestampJSONRenderer(),
)
api.add_router("/", content_router)
api.add_router("/community/", people_router)
api.add_router("/community/", comments_router)
api.add_router("/community/", notification_preferences_router)
api.add_router("/community/ideas/", ideas_router)
api.add_router("/community/groups/", groups_router)
api.add_router("/community/shares/", shares_router)
api.add_router("/community/", live_router)
api.add_router("/search", search_router)
api.add_router("/insights/", insights_router)
api.add_router("/segments/", segments_router)
api.add_router("/listening/", listening_router)
api.add_router("/trust/", trust_router)
api.add_exception_handler(NinjaValidationError, lambda request, exc: bad_request(api, request, exc))


@api.exception_handler(Refused)
def refused(request: HttpRequest, exc: Refused):
    return api.create_response(request, error_body(exc.message, field=exc.field), status=exc.status)


@api.exception_handler(AuthenticationError)
def not_signed_in(request: HttpRequest, exc: AuthenticationError):
    """401 for an endpoint that needs a person: say what to send, not just "Unauthorized"."""
    message = _(
        "Sign in first: an app sends the X-Session-Token header it received from "
        "/_allauth/app/v1/auth/login; a browser sends the session cookie of /_allauth/browser/v1/auth/login. "
        "The token is missing, expired or wrong."
    )
    scope = getattr(request, "api_key_scope", None)  # set by brand_hub.apikeys.auth.ApiKeyAuth
    if scope is not None:
        key_message = _("Send an API key allowed %(scope)s: Authorization: Bearer bh_<prefix>_<secret>.") % {
            "scope": scope
        }
        return api.create_response(request, error_body(key_message, field="Authorization"), status=401)
    return api.create_response(request, error_body(message, field="X-Session-Token"), status=401)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError):
    """Ninja's own refusals; its one 403 is the session cookie's failed CSRF check."""
    if exc.status_code == 403 and "CSRF" in exc.message:
        message = csrf_failure_message(request)
        return api.create_response(request, error_body(message, field=CSRF_FIELD), status=403)
    return api.create_response(request, error_body(exc.message), status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    """An id in the path that names nothing (get_object_or_404): the same shape as every other error,
    naming the path's id, and not the model's class name that Django's message carries."""
    ids = [
        name
        for name in (request.resolver_match.kwargs if request.resolver_match else {})
        if name.endswith("id")
    ]
    return api.create_response(
        request, error_body(_("Nothing has this id."), field=ids[-1] if ids else "path"), status=404
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None):
    """The site's 404 (handler404); under /api/, a path that matches no endpoint (an id that is not a
    number, a typo) answers in the project's error shape instead of an HTML page."""
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            error_body(_("Nothing answers at this address of the API."), field="path"), status=404
        )
    return defaults.page_not_found(request, exception)


@api.exception_handler(RateLimited)
def rate_limited(request: HttpRequest, exc: RateLimited):
    response = api.create_response(request, {"detail": str(exc), "errors": []}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(SearchUnavailable)
def search_unavailable(request: HttpRequest, exc: SearchUnavailable):
    """The refusal's 503, with Retry-After: a client waits and tries again instead of giving up."""
    response = refused(request, exc)
    response["Retry-After"] = str(exc.retry_after)
    return response


v2_router = WagtailAPIRouter("wagtailapi_v2")
v2_router.register_endpoint("pages", BrandPagesAPIViewSet)
v2_router.register_endpoint("images", BrandImagesAPIViewSet)
v2_router.register_endpoint("documents", BrandDocumentsAPIViewSet)

#: Stock Wagtail v2, mounted only for the benchmark that compares it with ours.
stock_v2_router = WagtailAPIRouter("wagtailapi_v2_stock")
stock_v2_router.register_endpoint("pages", PagesAPIViewSet)


def v3_api() -> NinjaAPI:
    """Wagtail's v3 API object, answering every error in the project's shape and documenting them
    (brand_hub.headless.errors), with the inputs Wagtail's own code fails on refused, and the
    snippets taken off while the project has none to serve (brand_hub.headless.v3)."""
    from wagtail.api.v3.urls import api as wagtail_v3

    from brand_hub.headless.errors import document_errors_in_english, install_error_handlers
    from brand_hub.headless.typed_pages import document_page_unions
    from brand_hub.headless.v3 import install_guards, unmount_empty_snippets

    install_error_handlers(wagtail_v3)
    document_errors_in_english(wagtail_v3)
    document_page_unions(wagtail_v3)
    wagtail_v3.renderer = TimestampJSONRenderer()  # one timestamp format with the project API and v2
    wagtail_v3.parser = JsonDataParser()
    install_guards(wagtail_v3)
    unmount_empty_snippets(wagtail_v3)

    return wagtail_v3
