"""Wagtail's v3 and v2 APIs answer errors in the project's one shape, in the request's language.

`{"detail": ..., "errors": [{"field": ..., "message": ...}]}`, as the project API does
(brand_hub/api.py): Wagtail's v3 handlers (RFC 7807 problems, in English) are replaced on its
NinjaAPI, each operation documents the statuses it can answer with that one schema, and v2's
`{"message"}` keeps its `message` beside the shape for the clients that read it.
"""

import json
import re
from typing import Any

from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError
from rest_framework.response import Response

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.api.rich_text import RichTextFormatError
from wagtail.api.v2.utils import BadRequestError
from wagtail.utils.forms import FormValidationError

from brand_hub.core.errors import Refused, error_body
from brand_hub.core.validation_messages import field_errors, field_name

from .schemas import ErrorSchema

#: Wagtail's own English messages (v3's and v2's), each said again in the request's language: the
#: pattern, the field it names (a literal, or `%(group)s` from the match) and the translation, whose
#: details are the pattern's named groups. A message not listed keeps Wagtail's words.
WAGTAIL_MESSAGES = [
    (
        r"limit cannot be higher than (?P<max>\d+)$",
        "limit",
        gettext_lazy("limit cannot be higher than %(max)s"),
    ),
    (
        r"offset must be a positive integer$",
        "offset",
        gettext_lazy("offset must be a whole number, 0 or more"),
    ),
    (
        r"(?P<name>limit|child_of|ancestor_of|descendant_of|translation_of) must be a positive integer$",
        "%(name)s",
        gettext_lazy("%(name)s must be a positive whole number"),
    ),
    (
        r"field filter error[.,] '(?P<value>.*)' is not a valid value for (?P<name>\w+)",
        "%(name)s",
        gettext_lazy("'%(value)s' is not a valid value for %(name)s."),
    ),
    (
        r"field filter error\. null characters are not allowed for (?P<name>\w+)",
        "%(name)s",
        gettext_lazy("This text contains a NUL character (\\u0000), which cannot be stored."),
    ),
    (r"No \w+ matches the given (?P<name>\w+) value\.$", "%(name)s", gettext_lazy("No page has this id.")),
    (r"parent page doesn't exist$", "child_of", gettext_lazy("No page has this id.")),
    (r"ancestor page doesn't exist$", "descendant_of", gettext_lazy("No page has this id.")),
    (r"descendant page doesn't exist$", "ancestor_of", gettext_lazy("No page has this id.")),
    (r"translation_of page doesn't exist$", "translation_of", gettext_lazy("No page has this id.")),
    (r"type doesn't exist$", "type", gettext_lazy("No page type has this name.")),
    (
        r"cannot (filter|order) by '(?P<name>\w+)' while searching",
        "%(name)s",
        gettext_lazy("%(name)s cannot be used while searching."),
    ),
    (
        r"cannot order by '(?P<name>.*)' \((unknown|invalid) field\)$",
        "order",
        gettext_lazy("Cannot order by %(name)s: there is no such field."),
    ),
    (
        r"random ordering (cannot be combined with other fields|with offset is not supported)$",
        "order",
        gettext_lazy("Random order cannot be combined with other fields, nor with offset."),
    ),
    (r"search is disabled$", "search", gettext_lazy("Search is not available here.")),
    (
        r"invalid fields for model \w+: \['(?P<name>.*)'\]\.?$",
        "order",
        gettext_lazy("Cannot order by %(name)s: there is no such field."),
    ),
    (
        r"filtering by (?P<first>\w+) with (?P<second>\w+)( a search query)? is not supported\.?$",
        "%(first)s",
        gettext_lazy("%(first)s and %(second)s cannot be used together."),
    ),
    (
        r"query parameter is not an operation or a recognised field: (?P<names>.*)$",
        "%(names)s",
        gettext_lazy("Unknown query parameters: %(names)s."),
    ),
    (r"unknown fields: (?P<names>.*)$", "fields", gettext_lazy("Unknown fields: %(names)s.")),
    (
        r"'(?P<name>\w+)' does not support nested fields$",
        "fields",
        gettext_lazy("%(name)s has no nested fields."),
    ),
    (
        r"rich_text_format must be one of (?P<allowed>.*), got '.*'$",
        "rich_text_format",
        gettext_lazy("rich_text_format must be one of %(allowed)s."),
    ),
    (
        r"Rich text input format must be one of (?P<allowed>.*), got '.*'$",
        "body",
        gettext_lazy("The rich text's format must be one of %(allowed)s."),
    ),
    (
        r"Rich text input (must be|objects must provide)",
        "body",
        gettext_lazy("Rich text is a text, or an object with a format and a text content."),
    ),
    (r"Cannot parse request body", "body", gettext_lazy("The body is not valid JSON.")),
]
WAGTAIL_PATTERNS = [
    (re.compile(pattern, re.IGNORECASE), field, translation)
    for pattern, field, translation in WAGTAIL_MESSAGES
]

#: What each part of v3 holds, as a 403 names it.
SECTIONS = {
    "pages": gettext_lazy("pages"),
    "images": gettext_lazy("images"),
    "documents": gettext_lazy("documents"),
    "redirects": gettext_lazy("redirects"),
    "sites": gettext_lazy("sites"),
}


def wagtail_message(message: str, field: str = "request") -> tuple[str, str]:
    """One of Wagtail's English messages in the request's language, with the field it is about; a
    message not known keeps its words and `field`."""
    message = str(message).removeprefix("Value error, ")
    for pattern, named, words in WAGTAIL_PATTERNS:
        if match := pattern.match(message):
            details = {name: value or "" for name, value in match.groupdict().items()}
            return named % details, str(words) % details
    return field, message


def error_response(body: dict[str, Any], status: int) -> JsonResponse:
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def refusal(message: str, *, field: str, status: int) -> JsonResponse:
    return error_response(error_body(message, field=field), status)


def validation_status(request: HttpRequest) -> int:
    """A bad query is a bad request (400); a write that cannot be carried out as sent, 422."""
    return 400 if request.method in ("GET", "HEAD") else 422


def invalid_request(request: HttpRequest, errors: list[dict[str, str]]) -> JsonResponse:
    for error in errors:
        field, error["message"] = wagtail_message(error["message"], field=error["field"])
        if error["field"] == "request":  # Wagtail's message names the field its location leaves out
            error["field"] = field
    if validation_status(request) == 400:
        detail = _("The request has invalid parameters.")
    else:
        detail = _("The request cannot be carried out as sent: see the fields named.")
    return error_response({"detail": detail, "errors": errors}, validation_status(request))


def ninja_invalid(request: HttpRequest, exc: NinjaValidationError) -> JsonResponse:
    return invalid_request(request, field_errors(exc.errors))


def pydantic_invalid(request: HttpRequest, exc: PydanticValidationError) -> JsonResponse:
    # Wagtail raises these from its own checks (filters, actions), located by the field's bare name.
    return invalid_request(request, field_errors(exc.errors()))


def django_invalid(request: HttpRequest, exc: DjangoValidationError) -> JsonResponse:
    """A form's or a model's validation: each message under its field's path (`carousel_items.0.link`)."""
    if isinstance(exc, FormValidationError):
        errors = [
            {"field": field_name(path), "message": message}
            for path, coded_messages in exc.loc_errors
            for message, _code in coded_messages
        ]
    elif hasattr(exc, "error_dict"):
        errors = [
            {"field": "body" if name == "__all__" else name, "message": message}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "body", "message": message} for message in exc.messages]
    return invalid_request(request, errors)


def not_authenticated(request: HttpRequest, exc: Exception | None = None) -> JsonResponse:
    """401: say how v3 authenticates, not just "Unauthorized"."""
    message = _(
        "Authenticate with an API token: create one in the admin (Settings, API tokens) and send it "
        "in the Authorization header as `Authorization: Bearer <token>`. The token is missing, "
        "revoked or wrong."
    )
    response = refusal(message, field="Authorization", status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def permission_denied(request: HttpRequest, exc: PermissionDenied) -> JsonResponse:
    """v3 trusts only bearer tokens: without one that resolved, a refusal is a 401; with one, a 403
    that says what the token's account is missing."""
    if not request.user.is_authenticated:
        return not_authenticated(request)
    section = request.path_info.removeprefix("/api/v3/").split("/", 1)[0]
    message = _(
        "The API token's account may not do this: its groups lack the permission it needs on "
        "%(what)s. An administrator grants it in the admin, under Settings, Groups."
    ) % {"what": SECTIONS.get(section, section)}
    return refusal(message, field="Authorization", status=403)


def not_found(request: HttpRequest, exc: Http404) -> JsonResponse:
    """An id in the path that names nothing, or a find/ that finds nothing, naming what was asked."""
    path = request.resolver_match.kwargs if request.resolver_match else {}
    if path:
        field = list(path)[-1]
        message = _("Nothing has this id.") if field.endswith("id") else _("Nothing has this name.")
        return refusal(message, field=field, status=404)
    asked = [name for name in ("html_path", "id", "locale") if name in request.GET]
    return refusal(_("Nothing matches this."), field=asked[0] if asked else "path", status=404)


def http_error(request: HttpRequest, exc: HttpError) -> JsonResponse:
    field, message = wagtail_message(exc.message)
    return refusal(message, field=field, status=exc.status_code)


def rich_text_format_error(request: HttpRequest, exc: RichTextFormatError) -> JsonResponse:
    field, message = wagtail_message(str(exc), field="body")
    return refusal(message, field=field, status=400)


def refused(request: HttpRequest, exc: Refused) -> JsonResponse:
    return refusal(exc.message, field=exc.field, status=exc.status)


def server_error(request: HttpRequest, exc: Exception) -> JsonResponse:
    """With DEBUG on, the failure's own words (as Wagtail's handler gives them); otherwise Django's 500."""
    if not settings.DEBUG:
        raise exc
    return error_response({"detail": str(exc), "errors": []}, 500)


HANDLERS = {
    NinjaValidationError: ninja_invalid,
    PydanticValidationError: pydantic_invalid,
    DjangoValidationError: django_invalid,
    AuthenticationError: not_authenticated,
    PermissionDenied: permission_denied,
    Http404: not_found,
    HttpError: http_error,
    RichTextFormatError: rich_text_format_error,
    Refused: refused,
    Exception: server_error,
}


def install_error_handlers(api: NinjaAPI) -> None:
    """Every error of `api` in the one shape: these replace the handlers Wagtail registered."""
    for exception, handler in HANDLERS.items():
        api.add_exception_handler(exception, handler)


# v2 (Django REST framework): the same shape, with v2's own `message` kept beside it.


class BadParameter(BadRequestError):
    """A v2 query parameter refused by the project's own checks, naming it."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field


def v2_error(message: str, *, field: str, status: int) -> Response:
    """The project's shape plus v2's `message`, which existing v2 clients read."""
    return Response({**error_body(message, field=field), "message": message}, status=status)


class ProjectErrorsMixin:
    """A v2 viewset's errors in the project's shape and the request's language. Wagtail's viewsets
    answer `{"message"}` in English for a 404 and a bad parameter, and DRF `{"detail"}` for the rest."""

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            field = (
                "id" if "pk" in self.kwargs else "html_path" if "html_path" in self.request.GET else "path"
            )
            message = _("Nothing has this id.") if field == "id" else _("Nothing matches this.")
            return v2_error(message, field=field, status=404)
        if isinstance(exc, BadRequestError):
            field, message = wagtail_message(str(exc), field=getattr(exc, "field", "request"))
            return v2_error(message, field=field, status=400)
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            response.data = {
                **error_body(str(response.data["detail"])),
                "message": str(response.data["detail"]),
            }
        return response


# The OpenAPI document: each operation's error statuses, with the one schema.

ERROR_SCHEMA = ErrorSchema.__name__
STATUS_DESCRIPTIONS = {
    400: "Bad Request: a parameter, or the body, cannot be read",
    401: "Unauthorized: no valid API token (`Authorization: Bearer <token>`)",
    403: "Forbidden: the token's account lacks the permission",
    404: "Not Found",
    413: "Content Too Large: the body is over the upload limit",
    422: "Unprocessable Content: the write cannot be carried out as sent",
}
WRITES = ("post", "put", "patch", "delete")
#: What a find/ answers: a redirect to the detail of what it found (a client that follows it reads
#: the detail's 200).
FOUND = {
    "description": "Found: a redirect to the detail of what was found",
    "headers": {"Location": {"description": "The detail's URL", "schema": {"type": "string"}}},
}


def error_statuses(method: str, path: str, operation: dict) -> list[int]:
    """The error statuses an operation can answer, read from what it declares."""
    parameters = operation.get("parameters", [])
    has_body = "requestBody" in operation
    statuses = []
    if parameters or has_body:
        statuses.append(400)
    if operation.get("security"):
        statuses += [401, 403]
    if any(parameter["in"] == "path" for parameter in parameters) or path.endswith("/find/"):
        statuses.append(404)
    if has_body:
        statuses.append(413)
    if method in WRITES:
        statuses.append(422)
    return statuses


def with_error_responses(document: dict) -> dict:
    """`document` with every operation's error statuses documented by the one error schema, and its
    optional bearer token said the way OpenAPI says it (an empty alternative)."""
    schema = ErrorSchema.model_json_schema(ref_template="#/components/schemas/{model}")
    components = document.setdefault("components", {}).setdefault("schemas", {})
    components.update(schema.pop("$defs", {}))
    components[ERROR_SCHEMA] = schema
    reference = {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}
    anonymous = [
        name
        for name, scheme in document["components"].get("securitySchemes", {}).items()
        if scheme == {"type": "http"}
    ]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if security := operation.get("security"):
                # Wagtail's AllowAnonymous is no scheme: it means the token is optional.
                operation["security"] = [
                    {} if set(requirement) <= set(anonymous) else requirement for requirement in security
                ]
            responses = operation.setdefault("responses", {})
            if path.endswith("/find/"):
                responses.setdefault(302, FOUND)
            for status in error_statuses(method, path, operation):
                responses.setdefault(
                    status,  # ninja keys the responses by number
                    {
                        "description": STATUS_DESCRIPTIONS[status],
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    for name in anonymous:
        del document["components"]["securitySchemes"][name]
    bearer = document["components"].get("securitySchemes", {}).get("BearerTokenAuth")
    if bearer is not None:
        bearer["description"] = (
            "An API token created in the Wagtail admin (Settings, API tokens), sent as "
            "`Authorization: Bearer <token>`. Reads of public content need none."
        )
    return document


def document_errors_in_english(api: NinjaAPI) -> None:
    """Make `api`'s OpenAPI document (its docs page, /openapi.json and the committed snapshot) carry
    the error responses, and read in English whatever the request's language: the fields' help
    texts stay lazy in Wagtail's schemas and would follow Accept-Language. Once per API."""
    if getattr(api, "brand_hub_errors_documented", False):
        return
    build = api.get_openapi_schema

    def get_openapi_schema(*args, **kwargs) -> dict:
        with translation.override("en"):
            document = with_error_responses(build(*args, **kwargs))
            return json.loads(json.dumps(document, cls=DjangoJSONEncoder))

    api.get_openapi_schema = get_openapi_schema
    api.brand_hub_errors_documented = True
