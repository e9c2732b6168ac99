"""Guards on Wagtail's v3 API: inputs that its own code answers with a 500 (or wrongly) get a 4xx instead.

The body's shape is checked before ninja reads it; the other guards run after ninja has validated
the request and checked its token, just before Wagtail's view. Either way the answer is the
project's error shape (brand_hub.headless.errors): 400 for a query, 422 for a write.
"""

from collections.abc import Callable
from functools import wraps
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from pydantic import BaseModel, Discriminator
from pydantic.fields import FieldInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.http.response import HttpResponseRedirectBase
from django.utils.translation import gettext as _

from wagtail.api.v3.schemas.params import RevisionFilterSchema, SearchSchema
from wagtail.api.validators import SiteFilterValidator
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, Site

from brand_hub.core.errors import Refused
from brand_hub.core.middleware import FORM_TYPES, json_data

from .errors import invalid_request, validation_status
from .limits import offset_problem, search_problem
from .routing import page_at_path

#: Move positions that place the page inside the destination; the others place it beside.
CHILD_POSITIONS = ("first-child", "last-child")


def invalid(field: str, message: str, status: int = 422) -> Refused:
    """A refused input, named as the client sent it: 400 in a query, 422 in a write."""
    return Refused(message, field=field, status=status)


def check_listing(request, values: dict[str, Any]) -> None:
    """Pagination, search, locale and revision filters, wherever Wagtail declares them."""
    offset = getattr(values.get("ninja_pagination"), "offset", None)  # limit-offset paginators only
    if offset is not None and (problem := offset_problem(offset)):
        raise invalid("offset", problem, 400)
    for value in values.values():
        if isinstance(value, SearchSchema) and value.search and (problem := search_problem(value.search)):
            raise invalid("search", problem, 400)
        if isinstance(value, RevisionFilterSchema) and value.user_id is not None:
            try:
                get_user_model()._meta.pk.to_python(value.user_id)
            except DjangoValidationError:
                raise invalid("user_id", _("user_id must be the id of a user"), 400) from None
        # Wagtail answers an unknown locale with a 404, as if the listing itself were missing.
        locale = getattr(value, "locale", None)
        if isinstance(locale, str) and locale and not Locale.objects.filter(language_code=locale).exists():
            codes = ", ".join(code for code, _name in settings.LANGUAGES)
            message = _("locale '%(locale)s' does not exist; use one of %(codes)s") % {
                "locale": locale,
                "codes": codes,
            }
            raise invalid("locale", message, validation_status(request))


def check_body(request) -> None:
    """A JSON body must be an object. Ninja reads fields off anything else as absent, and Wagtail's
    page update then fails looking up the type of a list or a string (a 500). A multipart body must
    be one Django can read (a missing boundary was a 500)."""
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    if request.content_type.startswith("multipart/"):
        try:
            request.POST  # noqa: B018  (parses the body, as ninja is about to)
        except MultiPartParserError as error:
            message = _("The multipart body cannot be read: %(reason)s") % {"reason": error}
            raise invalid("body", message) from None
        return
    if request.content_type != "application/json":
        return
    try:
        body = json_data(request) if request.body else {}
    except ValueError:
        return  # ninja answers 400 "Cannot parse request body"
    if not isinstance(body, dict):
        raise invalid("body", _("The body must be a JSON object."))


def is_tree_root(page_id: int) -> bool:
    return Page.objects.filter(pk=page_id, depth=1).exists()


def check_copy(*, page_id: int, data, **values) -> None:
    # Wagtail looks for a free slug beside the page, and the tree root has no parent to look in.
    if is_tree_root(page_id):
        raise invalid("page_id", _("The root of the page tree cannot be copied."))


def check_create_alias(*, page_id: int, data, **values) -> None:
    if is_tree_root(page_id):
        raise invalid("page_id", _("The root of the page tree cannot be aliased."))


def check_move(*, page_id: int, data, **values) -> None:
    # Beside the destination means under its parent, and the tree root has none.
    if data.position not in CHILD_POSITIONS and is_tree_root(data.destination_id):
        raise invalid(
            "position",
            _("A page cannot be placed beside the root of the page tree; use first-child or last-child."),
        )


def check_not_alias(*, page_id: int, **values) -> None:
    """An alias follows its original and has no revisions of its own: Wagtail's update, publish and
    revert save one and fail (a 500)."""
    if Page.objects.filter(pk=page_id, alias_of__isnull=False).exists():
        raise invalid(
            "page_id",
            _(
                "This page is an alias: it follows its original page. Edit the original, or first "
                "make it an ordinary page with actions/convert_alias/."
            ),
        )


def attribute(data, path: str):
    for name in path.split("."):
        data = getattr(data, name, None)
    return data


def check_body_ids(*, data=None, page_id: int | None = None, **values) -> None:
    """A page or revision id in a write's body names one: Wagtail looks it up with get_object_or_404,
    and a 404 would say that the operation's own page is missing. 422, naming the id as sent."""
    for path in ("meta.parent_id", "destination_id"):
        value = attribute(data, path)
        if isinstance(value, int) and not Page.objects.filter(pk=value).exists():
            raise invalid(path, _("No page has this id."))
    revision_id = attribute(data, "revision_id")
    page = Page.objects.filter(pk=page_id).first() if isinstance(revision_id, int) else None
    if page is not None and not page.revisions.filter(pk=revision_id).exists():
        raise invalid("revision_id", _("This page has no revision with this id."))


ACTION_GUARDS: dict[str, Callable[..., None]] = {
    "pages_actions_copy": check_copy,
    "pages_actions_create_alias": check_create_alias,
    "pages_actions_move": check_move,
    "pages_update": check_not_alias,
    "pages_actions_publish": check_not_alias,
    "pages_actions_revert": check_not_alias,
}


def find_by_locale_path(request, values: dict[str, Any]) -> dict[str, Any]:
    """`find/?html_path=` understanding the locale prefix of the site's URLs: Wagtail routes the
    path from the site's root page, so /pl/... found nothing. The page found is handed to Wagtail's
    view as its `id`, which still applies the API's visibility rules and redirects to the detail."""
    html_path = values.get("html_path")
    if not html_path:
        return values
    try:
        site = SiteFilterValidator(site=values.get("site"), request=request).site_obj
    except (Http404, ValueError):
        return values  # Wagtail's view answers an unknown or ambiguous site
    page = page_at_path(site=site, html_path=html_path, request=request) if site else None
    if page is None:
        return values
    return {**values, "html_path": None, "id": page.pk}


def find_redirect_as_stored(request, values: dict[str, Any]) -> dict[str, Any]:
    """`redirects/find/?html_path=` looked up as Wagtail's redirect middleware does: normalised the
    way old paths are stored (no trailing slash, query sorted), then without the query. A frontend
    asks with the address it was given, /es/old-post/?utm_source=x, stored as /es/old-post."""
    html_path = values.get("html_path")
    if not html_path:
        return values
    with_query = Redirect.normalise_path(html_path)
    without_query = Redirect.normalise_path(html_path.partition("?")[0])
    found = Redirect.objects.filter(old_path=with_query).exists()
    return {**values, "html_path": with_query if found else without_query}


#: Operations whose inputs are translated before Wagtail's view reads them.
REWRITES: dict[str, Callable[..., dict[str, Any]]] = {
    "pages_find": find_by_locale_path,
    "redirects_find": find_redirect_as_stored,
}


def without_empty_query(response):
    """Wagtail's find/ redirects to `detail/?` + what is left of the query, `?` included when nothing is."""
    if isinstance(response, HttpResponseRedirectBase) and response["Location"].endswith("?"):
        response["Location"] = response["Location"][:-1]
    return response


def guarded(view_func: Callable) -> Callable:
    """The operation's view, preceded by the checks that apply to it."""
    operation_id = getattr(getattr(view_func, "_ninja_operation", None), "operation_id", None)
    action_guard = ACTION_GUARDS.get(operation_id)
    rewrite = REWRITES.get(operation_id)

    @wraps(view_func)
    def view(request, **values):
        check_token(request)
        check_listing(request, values)
        if action_guard is not None:
            action_guard(**values)
        if request.method in ("POST", "PUT", "PATCH"):
            check_body_ids(**values)
        if rewrite is not None:
            values = rewrite(request, values)
        return without_empty_query(view_func(request, **values))

    return view


def check_token(request) -> None:
    """A bearer token that resolves to no active account is a 401, even where a visitor may read:
    Wagtail reads on as a visitor, and a client would take the public answer for its token's."""
    if request.headers.get("Authorization", "").lower().startswith("bearer ") and not (
        request.user.is_authenticated
    ):
        raise AuthenticationError()


def check_path_ids(request, path: dict[str, Any]) -> None:
    """Ids in the path are numbers. Wagtail's page update reads `page_id` from the raw path to find
    the page type before ninja validates the path, and a word there failed the query (a 500)."""
    for name, value in path.items():
        if name.endswith("_id") and not str(value).isdigit():
            raise invalid(name, _("An id is a whole number."), validation_status(request))


def check_query(request) -> None:
    """`site` names one site: a port that is not a number failed Wagtail's Site lookup (a 500), and a
    host no site has answered a listing with a 404, as if the listing did not exist. (A NUL character
    in any query text is refused by brand_hub.core.middleware for v3 as for the project API.)"""
    site = request.GET.get("site")
    if not site:
        return
    hostname, _colon, port = site.partition(":")
    if port and not port.isdigit():
        raise invalid("site", _("site is a host name, or a host name and a port number."), 400)
    sites = Site.objects.filter(hostname=hostname, **({"port": port} if port else {})).count()
    if sites == 0:
        raise invalid("site", _("No site has this host name (and port)."), 400)
    if sites > 1:
        raise invalid("site", _("Several sites have this host name: add the port (host:port)."), 400)


def field_discriminator(field) -> Discriminator | None:
    """A field's callable discriminator: pydantic keeps an Annotated one in the field's metadata."""
    return next((item for item in field.metadata if isinstance(item, Discriminator)), None)


def body_schema(annotation, value, discriminator=None):
    """The schema `value` is read with: the annotation itself, the member of a union its
    discriminator picks (Wagtail's page schemas, by `meta.type`), or None for anything else."""
    while get_origin(annotation) is Annotated:
        annotation, *metadata = get_args(annotation)
        discriminator = next((item for item in metadata if isinstance(item, Discriminator)), discriminator)
    if get_origin(annotation) in (Union, UnionType):
        members = [member for member in get_args(annotation) if member is not type(None)]
        if isinstance(discriminator, Discriminator) and callable(discriminator.discriminator):
            try:
                tag = discriminator.discriminator(value)
            except (AttributeError, TypeError):
                return None  # not an object: ninja refuses it
            for member in members:
                member, *metadata = get_args(member) if get_origin(member) is Annotated else (member,)
                if any(getattr(item, "tag", None) == tag for item in metadata):
                    return body_schema(member, value)
            return None  # ninja refuses a type that names no member
        schemas = [member for member in members if body_schema(member, value) is not None]
        return body_schema(schemas[0], value) if len(schemas) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def read_names(schema: type[BaseModel]) -> dict[str, FieldInfo]:
    """The names a schema reads, as a client sends them: a field's alias, and its own name only
    where the schema also reads fields by name (Wagtail's `root_page_id` is read by its alias alone)."""
    by_name = schema.model_config.get("populate_by_name") or schema.model_config.get("validate_by_name")
    names = {}
    for name, field in schema.model_fields.items():
        alias = field.validation_alias if isinstance(field.validation_alias, str) else field.alias
        names[alias or name] = field
        if by_name:
            names[name] = field
    return names


def unknown_fields(schema: type[BaseModel], value, path: str = "") -> dict[str, list[str]]:
    """The keys of `value`, and of the objects nested in it, that `schema` has no field for (pydantic
    ignores them), each by its dotted path, with the fields accepted there."""
    if not isinstance(value, dict) or schema.model_config.get("extra") in ("allow", "forbid"):
        return {}
    fields = read_names(schema)
    accepted = sorted(fields)
    unknown = {}
    for key, item in value.items():
        where = f"{path}.{key}" if path else str(key)
        if key not in fields:
            unknown[where] = accepted
            continue
        annotation, discriminator = fields[key].annotation, field_discriminator(fields[key])
        items = enumerate(item) if isinstance(item, list) else [(None, item)]
        if isinstance(item, list) and get_origin(annotation) is list:
            annotation = get_args(annotation)[0] if get_args(annotation) else Any
        for index, element in items:
            if (nested := body_schema(annotation, element, discriminator)) is not None:
                unknown |= unknown_fields(nested, element, where if index is None else f"{where}.{index}")
    return unknown


def written_schema(request, operation, path: dict[str, Any], body: dict):
    """The schema the operation reads `body` with, for its page type when it has one."""
    model = next((m for m in operation.models if m.__ninja_param_source__ == "body"), None)
    if model is None:
        return None
    attribute_name = getattr(model, "__read_from_single_attr__", None)
    if not attribute_name:
        return model
    meta = body.get("meta")
    if meta is not None and not isinstance(meta, dict):
        return None  # ninja refuses it
    get_meta_type = getattr(model, "get_meta_type", None)
    if get_meta_type is not None and not (meta and meta.get("type")):
        # A PATCH names no type: Wagtail reads it from the page, as here.
        try:
            body = {**body, "meta": {**(meta or {}), "type": get_meta_type(request, operation.api, path)}}
        except Http404:
            return None  # Wagtail's view answers the missing page
    field = model.model_fields[attribute_name]
    return body_schema(field.annotation, body, field_discriminator(field))


def form_names(model) -> set[str]:
    """The form (or file) fields a multipart model reads: ninja flattens a schema into its fields."""
    flattened = getattr(model, "__ninja_flatten_map__", None)
    return set(flattened) if flattened else set(read_names(model))


def unknown_in_body(request, operation, path: dict[str, Any]) -> dict[str, list[str]]:
    """What a write's body holds beyond what its operation reads, with what it reads there."""
    if request.content_type.startswith("multipart/") or request.content_type in FORM_TYPES:
        models = [m for m in operation.models if m.__ninja_param_source__ in ("form", "file")]
        if not models:
            return {}
        accepted = sorted(set().union(*(form_names(model) for model in models)))
        sent = [*request.POST, *request.FILES]
        return {name: accepted for name in dict.fromkeys(sent) if name not in accepted}
    if request.content_type != "application/json":
        return {}
    try:
        body = json_data(request) if request.body else None
    except ValueError:
        return {}  # ninja answers 400 "Cannot parse request body"
    if not isinstance(body, dict):
        return {}
    schema = written_schema(request, operation, path, body)
    return unknown_fields(schema, body) if schema is not None else {}


def check_unknown_fields(request, operation, path: dict[str, Any]) -> list[dict[str, str]]:
    """A write whose body holds a field its schema lacks is refused, naming each: pydantic drops
    them, and Wagtail then answered 201/200 without what the client sent (a page's `body`, a date)."""
    if request.method not in ("POST", "PUT", "PATCH"):
        return []
    return [
        {
            "field": field,
            "message": _(
                "%(field)s cannot be written through this API: this write accepts only %(accepted)s here."
            )
            % {"field": field.rsplit(".", 1)[-1], "accepted": ", ".join(accepted)},
        }
        for field, accepted in unknown_in_body(request, operation, path).items()
    ]


def body_checked(run: Callable) -> Callable:
    """The operation's run, refusing a body of the wrong shape before ninja reads it (it fails)."""
    operation = run.__self__

    @wraps(run)
    def checked_run(request, **kwargs):
        try:
            check_path_ids(request, kwargs)
            check_query(request)
            check_body(request)
        except Refused as error:
            return operation.api.on_exception(request, error)
        if unknown := check_unknown_fields(request, operation, kwargs):
            return invalid_request(request, unknown)
        return run(request, **kwargs)

    return checked_run


def install_guards(api: NinjaAPI) -> None:
    """Guard every operation of `api`, including routers other apps mount later; once per API."""
    if not getattr(api, "brand_hub_guarded", False):
        api.add_decorator(body_checked, mode="view")
        api.add_decorator(guarded, mode="operation")
        api.brand_hub_guarded = True


def unmount_empty_snippets(api: NinjaAPI) -> None:
    """Take /snippets/ off `api` while no snippet model has API fields, before its URLs are read.

    Wagtail mounts the router whatever the project registers; with no model to serve, each of its
    operations could only answer 400 (a `type` that must be ""), and the OpenAPI document would
    hand those operations to the clients frontends generate from it. Ninja keeps its routers in
    private lists (django-ninja 1.7): a test checks that the operations are gone.
    """
    from wagtail.snippets.api.v3 import router as snippets

    if snippets.enabled_models:
        return
    api._router_registrations = [
        entry for entry in api._router_registrations if entry[1] is not snippets.router
    ]
    api._routers = [(prefix, router) for prefix, router in api._routers if router is not snippets.router]
