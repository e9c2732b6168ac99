"""Conditional GET and caching headers for the public content API.

Public API responses depend only on the request URL (and the origin their absolute URLs are
written with) and on published content, so their ETag is derived from those and the content
generation: a conditional GET is answered with 304 after a single indexed read, without running
the view.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from wagtail.models import PageViewRestriction

from .models import ContentGeneration
from .public_urls import api_origin

#: Public, content-only API paths; previews, writes and authenticated calls are never cached.
CACHED_PATH_PREFIXES = (
    "/api/v2/",
    "/api/v3/pages/",
    "/api/v3/page-cards/",
    "/api/v3/sites/",
    "/api/site-settings/",
)
UNCACHED_PATH_PARTS = ("/preview/",)


def is_public_content_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(CACHED_PATH_PREFIXES)
        and not any(part in request.path for part in UNCACHED_PATH_PARTS)
        and "HTTP_AUTHORIZATION" not in request.META
        and request.GET.get("version") != "draft"
        and not reads_as_someone(request)
    )


def reads_as_someone(request: HttpRequest) -> bool:
    """A session signed in, or holding passed page passwords, or an app's session token: its answer
    may include pages behind a view restriction (an internal challenge), which a shared cache must
    never keep for others. Without a session cookie nothing is read."""
    if "HTTP_X_SESSION_TOKEN" in request.META:
        return True
    session = getattr(request, "session", None)
    if session is None or not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return False
    passwords = session.get(PageViewRestriction.passed_view_restrictions_session_key)
    return SESSION_KEY in session or bool(passwords)


def content_etag(request: HttpRequest, generation: ContentGeneration) -> str:
    origin = api_origin(request)
    key = f"{generation.number}|{origin}{request.get_full_path()}|{request.META.get('HTTP_ACCEPT', '')}"
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


class ContentCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_public_content_request(request):
            response = self.get_response(request)
            if request.path.startswith(CACHED_PATH_PREFIXES) and reads_as_someone(request):
                patch_cache_control(response, private=True)
            return response

        generation = request.content_generation = ContentGeneration.current()
        etag = content_etag(request, generation)
        last_modified = int(generation.changed_at.timestamp())

        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if_modified_since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        if if_none_match is not None:
            not_modified = etag in parse_etags(if_none_match) or if_none_match.strip() == "*"
        else:
            not_modified = if_modified_since is not None and last_modified <= if_modified_since
        if not_modified:
            response = HttpResponseNotModified()
            self.add_headers(response, etag, last_modified)
            return response

        response = self.get_response(request)
        if response.status_code == 200:
            self.add_headers(response, etag, last_modified)
        return response

    @staticmethod
    def add_headers(response: HttpResponse, etag: str, last_modified: int) -> None:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        # A signed-in reader's answer differs (brand_hub.headless.querysets): a shared cache keys on them.
        patch_vary_headers(response, ["Accept", "Cookie", "X-Session-Token"])
