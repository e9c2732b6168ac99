"""Absolute URLs in API answers, built one way: pages at the frontend, everything else at the API.

A page's URL (`html_url`, a translation's, a card's, an idea's, a search hit's) is the frontend's
public origin (FRONTEND_URL) followed by the page's path with its locale prefix (/es/..., /en/...):
prosumers read pages on the frontend, not on the Wagtail site. An API address (`detail_url`), an
image rendition, a document or another media file is at the API's public origin: PUBLIC_API_URL
when it is set (behind a proxy or a CDN), else the host the request came to, which Django has
checked against ALLOWED_HOSTS; outside a request (e-mails, commands) WAGTAILADMIN_BASE_URL's.

Wagtail writes its own `detail_url`, `html_url` and `download_url` from the Site record's host or
WAGTAILAPI_BASE_URL; `use_public_urls_in_wagtail_apis` points those at the functions below.
"""

from collections.abc import Callable
from contextvars import ContextVar
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls.exceptions import NoReverseMatch

from wagtail.models import Page

_current_request: ContextVar[HttpRequest | None] = ContextVar("brand_hub_current_request", default=None)


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of `url`, without its path."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def page_path(page: Page, request: HttpRequest | None = None) -> str | None:
    """The page's path on its site, with its locale prefix (/en/blog/...); None when not routable.

    A page known only by its id and url_path (`Page(id=..., url_path=...)`) is enough: no query.
    """
    try:
        parts = page.get_url_parts(request=request)
    except NoReverseMatch:
        return None
    return (parts[2] or None) if parts else None


def frontend_url(path: str) -> str:
    """`path` at the frontend's origin; a URL a Wagtail site gave keeps only its path and query."""
    parts = urlsplit(path)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return settings.FRONTEND_URL.rstrip("/") + "/" + path.lstrip("/")


def public_page_url(page: Page, request: HttpRequest | None = None) -> str | None:
    """Where a visitor reads `page`: the frontend, at the page's locale-prefixed path."""
    path = page_path(page, request)
    return frontend_url(path) if path is not None else None


def api_origin(request: HttpRequest | None = None) -> str:
    """The origin API, image and media URLs are written with (see the module's docstring)."""
    if settings.PUBLIC_API_URL:
        return origin_of(settings.PUBLIC_API_URL)
    request = request if request is not None else _current_request.get()
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return origin_of(settings.WAGTAILADMIN_BASE_URL)


def api_url(path: str, request: HttpRequest | None = None) -> str:
    """`path` (an API address, MEDIA_URL's file) made absolute at the API's origin.

    A URL that is absolute already, as a storage on another domain (S3, a CDN) gives, stays.
    """
    if urlsplit(path).scheme:
        return path
    return api_origin(request) + "/" + path.lstrip("/")


class RequestOriginMiddleware:
    """Remembers the request being answered, so a URL built deep inside a serialiser (a rendition in
    a block) gets the request's host without every caller passing the request down."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def _replace_resolver(schema: type, field: str, resolve: Callable) -> None:
    """Ninja copies a schema's `resolve_<field>` into every subclass when the subclass is made:
    Wagtail's generated page, image and document schemas exist already, so each one takes it."""
    from ninja.schema import Resolver

    original = schema._ninja_resolvers[field]
    replacement = Resolver(staticmethod(resolve))
    pending = [schema]
    while pending:
        cls = pending.pop()
        if cls._ninja_resolvers.get(field) is original:
            cls._ninja_resolvers[field] = replacement
        pending.extend(cls.__subclasses__())
    setattr(schema, f"resolve_{field}", staticmethod(resolve))


def use_public_urls_in_wagtail_apis() -> None:
    """Wagtail's v2 and v3 URLs from the functions above; called from the headless app's ready().

    `detail_url` and a document's `download_url` go through wagtail.api.utils.get_base_url (every
    module imports get_full_url, which reads get_base_url from its own module); `html_url` and an
    image's `download_url` are written by one field in v2 and one resolver in v3.
    """
    import wagtail.api.utils
    from wagtail.api.v2.serializers import PageHtmlUrlField
    from wagtail.api.v3.schemas.pages import SimpleBasePageMetaSchema
    from wagtail.images.api.v2.serializers import ImageDownloadUrlField
    from wagtail.images.api.v3.schemas import ImageMetaSchema

    wagtail.api.utils.get_base_url = api_origin

    def html_url(page: Page, context: dict | None = None) -> str | None:
        return public_page_url(page, (context or {}).get("request"))

    def image_download_url(image, context: dict | None = None) -> str | None:
        return api_url(image.file.url, (context or {}).get("request")) if image.file else None

    PageHtmlUrlField.to_representation = lambda field, page: html_url(page, field.context)
    ImageDownloadUrlField.to_representation = lambda field, image: image_download_url(image, field.context)
    _replace_resolver(SimpleBasePageMetaSchema, "html_url", html_url)
    _replace_resolver(ImageMetaSchema, "download_url", image_download_url)
