"""Wagtail's v3 and v2 APIs answer errors in the project's one shape, in the request's language.

`{"detail": ..., "errors": [{"field": ..., "message": ...}]}`, as the project API does
(brand_hub/api.py): Wagtail's v3 handlers (RFC 7807 problems, in English) are replaced on its
NinjaAPI, each operation documents the statuses it can answer with that one schema, and v2's
`{"message"}` keeps its `message` beside the shape for the clients that read it.
"""

import re
from typing import Any

from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.api.rich_text import RichTextFormatError
from wagtail.utils.forms import FormValidationError

from brand_hub.core.errors import Refused, error_body
from brand_hub.core.validation_messages import field_errors, field_name

from .schemas import ErrorSchema

#: Wagtail's own English messages, each matched and said again in the request's language; the
#: named groups are the message's details. A message not listed keeps Wagtail's words.
WAGTAIL_MESSAGES = [
    (
        re.compile(r"^limit cannot be higher than (?P<max>\d+)$"),
        gettext_lazy("limit cannot be higher than %(max)s"),
    ),
    (
        re.compile(r"^Field filter error, '(?P<value>.*)' is not a valid value for (?P<field>\w+)\. "),
        gettext_lazy("'%(value)s' is not a valid value for %(field)s."),
    ),
    (
        re.compile(r"^No \w+ matches the given (?P<field>\w+) value\.$"),
        gettext_lazy("No page has the id given in %(field)s."),
    ),
    (
        re.compile(r"^Cannot (filter|order) by '(?P<field>\w+)' while searching"),
        gettext_lazy("%(field)s cannot be used while searching."),
    ),
    (
        re.compile(r"^rich_text_format must be one of (?P<allowed>.*), got '(?P<value>.*)'$"),
        gettext_lazy("rich_text_format must be one of %(allowed)s."),
    ),
    (
        re.compile(r"^Rich text input format must be one of (?P<allowed>.*), got '(?P<value>.*)'$"),
        gettext_lazy("The rich text's format must be one of %(allowed)s."),
    ),
    (
        re.compile(r"^Rich text input (must be|objects must provide)"),
        gettext_lazy("Rich text is a text, or an object with a format and a text content."),
    ),
    (
        re.compile(r"^filtering by (?P<first>\w+) with (?P<second>\w+) is not supported\.$"),
        gettext_lazy("%(first)s and %(second)s cannot be used together."),
    ),
    (
        re.compile(r"^Cannot parse request body"),
        gettext_lazy("The body is not valid JSON."),
    ),
]

#: What each part of v3 holds, as a 403 names it.
SECTIONS = {
    "pages": gettext_lazy("pages"),
    "images": gettext_lazy("images"),
    "documents": gettext_lazy("documents"),
    "redirects": gettext_lazy("redirects"),
    "sites": gettext_lazy("sites"),
}


def translated(message: str) -> str:
    """One of Wagtail's English messages in the request's language, when it is a known one."""
    message = str(message).removeprefix("Value error, ")
    for pattern, translation in WAGTAIL_MESSAGES:
        if match := pattern.match(message):
            return str(translation) % match.groupdict()
    return message


def error_response(body: dict[str, Any], status: int) -> JsonResponse:
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def refusal(message: str, *, field: str, status: int) -> JsonResponse:
    return error_response(error_body(message, field=field), status)


def validation_status(request: HttpRequest) -> int:
    """A bad query is a bad request (400); a write that cannot be carried out as sent, 422."""
    return 400 if request.method in ("GET", "HEAD") else 422


def invalid_request(request: HttpRequest, errors: list[dict[str, str]]) -> JsonResponse:
    for error in errors:
        error["message"] = translated(error["message"])
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
        "Authenticate with an API token: create one in the admin (Account, API tokens) and send it "
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
    message = translated(exc.message)
    field = "body" if message != exc.message and "JSON" in exc.message else "request"
    if match := re.match(r"^(\w+) cannot be higher than", exc.message):
        field = match.group(1)
    return refusal(message, field=field, status=exc.status_code)


def rich_text_format_error(request: HttpRequest, exc: RichTextFormatError) -> JsonResponse:
    field = "rich_text_format" if str(exc).startswith("rich_text_format") else "body"
    return refusal(translated(str(exc)), field=field, status=400)


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
            for status in error_statuses(method, path, operation):
                responses.setdefault(
                    str(status),
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
            "An API token created in the Wagtail admin (Account, API tokens), sent as "
            "`Authorization: Bearer <token>`. Reads of public content need none."
        )
    return document


def document_error_responses(api: NinjaAPI) -> None:
    """Make `api`'s OpenAPI document (its docs page, /openapi.json and the committed snapshot)
    carry the error responses; once per API."""
    if getattr(api, "brand_hub_errors_documented", False):
        return
    build = api.get_openapi_schema

    def get_openapi_schema(*args, **kwargs):
        return with_error_responses(build(*args, **kwargs))

    api.get_openapi_schema = get_openapi_schema
    api.brand_hub_errors_documented = True
