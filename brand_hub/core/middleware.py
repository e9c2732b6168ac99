"""Middleware: the language of the locale-prefixed site, and what every request's input must keep to."""

import json

from ninja.parser import Parser

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .errors import Refused, error_body

#: The URL namespace of the project's own API (brand_hub.api).
PROJECT_API = "brand_hub_api"
#: The APIs whose query and path texts are checked here for NUL characters: the project's, and Wagtail's
#: v3, which answers in the same error shape.
NUL_CHECKED_APIS = (PROJECT_API, "wagtailapi_v3")
#: No request of the project or of allauth nests deeper than a few levels; far deeper JSON only
#: exhausts the recursion of the parsers and validators that read it.
MAX_JSON_DEPTH = 32
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that an API 404 stays a 404.

    Django redirects any unprefixed 404 to its /<language>/ twin when that path resolves,
    and the Wagtail catch-all under /es/ resolves everything, so a missing API object
    would turn into a redirect to an HTML page.
    """

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)


def nul_refused(field: str) -> Refused:
    return Refused(
        _("This text contains a NUL character (\\u0000), which cannot be stored."), field=field or "body"
    )


def check_json(data) -> None:
    """Refuses JSON nested deeper than MAX_JSON_DEPTH, and any string holding a NUL character, which
    PostgreSQL's text columns cannot store; the field is named as a dotted path (`topics.1`).

    Iterative, since recursion is what deep JSON exhausts.
    """
    stack = [("", data, 1)]
    while stack:
        where, value, depth = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                raise nul_refused(where)
        elif isinstance(value, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise Refused(
                    _("The JSON body nests deeper than %(depth)s levels.") % {"depth": MAX_JSON_DEPTH},
                    field="body",
                )
            children = value.items() if isinstance(value, dict) else enumerate(value)
            for key, child in reversed(list(children)):
                path = f"{where}.{key}" if where else str(key)
                if "\x00" in path:
                    raise nul_refused(where)
                stack.append((path, child, depth + 1))


def json_data(request):
    """The request's JSON body, parsed once: as RequestInputMiddleware kept it, or parsed now
    (a ValueError if it is not JSON)."""
    if not hasattr(request, "json_data"):
        request.json_data = json.loads(request.body)
    return request.json_data


class JsonDataParser(Parser):
    """Ninja's parser, reading the body RequestInputMiddleware already parsed instead of parsing it again."""

    def parse_body(self, request):
        return json_data(request)


class RequestInputMiddleware:
    """Refuses, before any view reads it, input that would otherwise end in a 500: a JSON body over
    DATA_UPLOAD_MAX_MEMORY_SIZE (413), JSON nested too deep or holding a NUL character, and, in the
    project's API and Wagtail's v3, a body that is not a JSON object and a NUL character in the query or
    the path too (400). Answered in the error shape of the API asked: allauth's under /_allauth/, the
    project's elsewhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path_info.startswith("/api/")
            and response.get("Content-Type", "").startswith("text/html")
        ):
            # With DEBUG on, Django answers an unmatched address with its HTML page and never calls
            # handler404: an API client meets the same JSON 404 in development as in production.
            from brand_hub.api import page_not_found

            return page_not_found(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        namespace = request.resolver_match.namespace if request.resolver_match is not None else None
        project_api = namespace == PROJECT_API
        try:
            if namespace in NUL_CHECKED_APIS:
                for name, values in request.GET.lists():
                    if any("\x00" in value for value in [name, *values]):
                        raise nul_refused(name)
                for name, value in view_kwargs.items():
                    if isinstance(value, str) and "\x00" in value:
                        raise nul_refused(name)
            if self.reads_json(request, project_api):
                check_json(self.json_body(request, project_api))
        except Refused as refusal:
            return self.refusal(request, refusal)
        return None

    @staticmethod
    def reads_json(request, project_api: bool) -> bool:
        """JSON bodies, and in the project's API every body but a form's (ninja reads them as JSON)."""
        content_type = request.content_type or ""
        if content_type == "application/json" or content_type.endswith("+json"):
            return True
        return project_api and content_type not in FORM_TYPES

    @staticmethod
    def json_body(request, project_api: bool):
        try:
            body = request.body
        except RequestDataTooBig:
            raise Refused(
                _("The body is larger than %(size)s.")
                % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)},
                field="body",
                status=413,
            ) from None
        if not body:
            return None
        try:
            data = json.loads(body)
        except RecursionError:
            raise Refused(
                _("The JSON body nests deeper than %(depth)s levels.") % {"depth": MAX_JSON_DEPTH},
                field="body",
            ) from None
        except ValueError:
            if project_api:
                raise Refused(_("The body is not valid JSON."), field="body") from None
            return None  # the view answers in its own words
        if project_api and not isinstance(data, dict):
            # Every body of the project's API is an object; ninja's schemas read any other value's
            # attributes as absent, so `[]` or `null` passed as an empty change and was answered 200.
            raise Refused(_("The body must be a JSON object."), field="body")
        request.json_data = data
        return data

    @staticmethod
    def refusal(request, refusal: Refused) -> JsonResponse:
        if request.path_info.startswith("/_allauth/"):
            error = {"message": refusal.message, "code": "invalid", "param": refusal.field}
            return JsonResponse({"status": refusal.status, "errors": [error]}, status=refusal.status)
        return JsonResponse(error_body(refusal.message, field=refusal.field), status=refusal.status)
