"""Wagtail v3, typed for frontends: every page field and StreamField typed, a top-level `type`, card listings.

Wagtail builds the pages router's detail union from its content type registry when the router
is first imported (by wagtail.images' ready()), so `extend_wagtail_v3` runs from this app's
ready(), before that, and registers each page type's typed read schema in its place.
"""

import sys
from copy import copy
from dataclasses import replace
from typing import Annotated, Any, Literal, Union, get_type_hints

from ninja import Query, Router, Schema
from pydantic import Discriminator, Tag
from pydantic_core import PydanticUndefined

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, JsonResponse

from wagtail.api import APIField
from wagtail.api.conf import get_model_field
from wagtail.api.v3.schemas import BasePageSchema, read_generator
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from .block_schemas import streamfield_read_schema
from .prefetch import prefetch_for_api, prefetch_scope
from .timestamps import TimestampJSONEncoder

PAGES_ROUTER = "wagtail.api.v3.routers.pages"


def page_type_label(obj, context: dict) -> str:
    return (obj.specific_class or Page)._meta.label


class PageTypeSchema(Schema):
    """The page type at the top of a page, where TypeScript narrows a union on it."""

    type: str
    resolve_type = staticmethod(page_type_label)


class PageCardSchema(BasePageSchema, PageTypeSchema):
    """What a list of pages shows of each: Wagtail's listing item plus the type's `api_card_fields`."""


def property_schema(model, name: str) -> Any:
    """A computed API field (a property) is typed by its return annotation."""
    attribute = getattr(model, name, None)
    if not isinstance(attribute, property):
        return None
    annotation = get_type_hints(attribute.fget).get("return")
    if annotation is None:
        raise ImproperlyConfigured(
            f"{model.__name__}.{name} is an API field: annotate its return type so the API documents it."
        )
    return annotation


def typed_page_schema(model, schema: type[Schema]) -> type[Schema]:
    """Wagtail's generated read `schema` of `model` with a top-level `type`, its computed fields typed.

    Every API field is required in the document, as it is in every answer (null when empty): a
    frontend reads `page.author`, never wonders whether the key is there.
    """
    fields = {"type": (Literal[model._meta.label], ..., staticmethod(page_type_label))}  # ty: ignore[invalid-type-form]
    for api_field in APIField.get_fields_for_model(model):
        if api_field.name not in schema.model_fields:
            continue  # a reverse relation Wagtail leaves out
        info = copy(schema.model_fields[api_field.name])
        try:
            get_model_field(model, api_field.name)
        except FieldDoesNotExist:
            info.annotation = property_schema(model, api_field.name) or info.annotation
        info.default = PydanticUndefined
        info.default_factory = None
        # The resolver Wagtail generated for the field stays, inherited.
        fields[api_field.name] = (info.annotation, info, None)
    return read_generator.extend_schema(schema, schema.__name__, fields)


def page_card_schema(model, read_schema: type[Schema]) -> type[Schema]:
    """The card of `model`: its `api_card_fields`, typed and resolved as in its read schema."""
    names = tuple(getattr(model, "api_card_fields", ()))
    unknown = [name for name in names if name not in read_schema.model_fields]
    if unknown:
        raise ImproperlyConfigured(f"{model.__name__}.api_card_fields names no API field: {unknown}")
    namespace: dict[str, Any] = {"__annotations__": {"type": Literal[model._meta.label]}}  # ty: ignore[invalid-type-form]
    for name in names:
        namespace["__annotations__"][name] = read_schema.model_fields[name].annotation
        namespace[name] = copy(read_schema.model_fields[name])
    card = type(PageCardSchema)(f"{model._meta.object_name}CardSchema", (PageCardSchema,), namespace)
    card._ninja_resolvers.update(
        {name: read_schema._ninja_resolvers[name] for name in names if name in read_schema._ninja_resolvers}
    )
    return card


def page_type_of(value: Any) -> str | None:
    """The union member for a page, a built card or its JSON."""
    if isinstance(value, dict):
        return value.get("type")
    if isinstance(value, Schema):
        return getattr(value, "type", None)
    return (value.specific_class or Page)._meta.label


def register_typed_pages() -> dict[type, type[Schema]]:
    """Put each page type's typed read schema in Wagtail's registry; answer the card schemas."""
    from wagtail.api.v3.registry import registry

    cards = {}
    for model in get_page_models():
        registration = registry.get(model._meta.label)
        read_schema = typed_page_schema(model, registration.read_schema)
        registry.register(replace(registration, read_schema=read_schema))
        cards[model] = page_card_schema(model, read_schema)
    return cards


def card_union(cards: dict[type, type[Schema]]) -> Any:
    members = tuple(Annotated[card, Tag(model._meta.label)] for model, card in cards.items())
    return Annotated[Union[members], Discriminator(page_type_of)]  # noqa: UP007


def specific_pages(pages) -> list[Page]:
    """`pages` in their order as their specific types, with what their cards read loaded per type."""
    pages = list(pages)
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=[page.pk for page in pages]).specific()}
    specific = [by_id[page.pk] for page in pages if page.pk in by_id]
    by_type: dict[type, list[Page]] = {}
    for page in specific:
        by_type.setdefault(type(page), []).append(page)
    for model, group in by_type.items():
        related = (*getattr(model, "api_select_related", ()), *getattr(model, "api_prefetch_related", ()))
        if related:
            prefetch_related_objects(group, *related)
    return specific


def page_cards_router(cards: dict[type, type[Schema]]) -> Router:
    """`GET page-cards/`: the pages listing's filters, ordering, search and pagination, answering cards."""
    from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
    from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
    from wagtail.api.v3.routers.pages import PageFilterSchema, list_pages
    from wagtail.api.v3.schemas.params import OrderingSchema, SearchSchema

    card = card_union(cards)
    paged = type(Schema)(
        "PagedPageCardSchema", (Schema,), {"__annotations__": {"count": int, "items": list[card]}}
    )
    router = Router(tags=["pages"])

    @router.get(
        "/",
        response=paged,
        url_name="list_page_cards",
        summary="List pages as cards",
        description="The pages listing (same filters, ordering, search and pagination), each page "
        "with the fields a list shows, typed per page type and keyed by `type`.",
        operation_id="pages_cards_list",
        auth=[BearerTokenAuth(), AllowAnonymous()],
    )
    def list_page_cards(
        request: HttpRequest,
        filters: Query[PageFilterSchema],
        ordering: Query[OrderingSchema],
        search: Query[SearchSchema],
        # Named as ninja's paginator names it, so the v3 guards bound the offset here too.
        ninja_pagination: Query[WagtailLimitOffsetPagination.Input],
    ):
        # Wagtail's own listing query, unpaginated; the page is cut here to load it as cards.
        queryset = list_pages.__wrapped__(
            request, filters=filters, ordering=ordering, search=search, pagination_info=ninja_pagination
        )
        page = WagtailLimitOffsetPagination().paginate_queryset(queryset, ninja_pagination, request)
        pages = specific_pages(page["items"])
        context = {"request": request}
        with prefetch_scope(prefetch_for_api(pages, request=request)):
            items = [cards[type(page)].model_validate(page, context=context) for page in pages]
        # Each card is validated against its schema above; ninja would validate the page of them
        # again through their resolvers, which read pages, not cards.
        body = {"count": page["count"], "items": [item.model_dump() for item in items]}
        return JsonResponse(body, encoder=TimestampJSONEncoder)

    return router


#: What Wagtail writes on every page union of its document; true of the writes it reads, not of the reads.
WAGTAIL_UNION_DESCRIPTION = "A union of models, discriminated by the content type in `meta.type`."
PAGE_UNION_DESCRIPTION = (
    "A page, one schema per page type, keyed by the top-level `type` (the page type's label, such as "
    '`"blog.BlogPage"`): narrow the union on `type`. `meta.type` holds the same label but is typed as '
    "any string, so it does not narrow."
)


def page_union_members(schema: dict, components: dict) -> list[dict] | None:
    """The members of a union of the document, when every one of them is keyed by a top-level `type`."""
    names = [member.get("$ref", "").rpartition("/")[2] for member in schema.get("oneOf", [])]
    members = [components.get(name) for name in names]
    if members and all(member and "const" in member["properties"].get("type", {}) for member in members):
        return members
    return None


def describe_page_unions(document: dict) -> dict:
    """`document` with the read unions of pages (details, find, preview, actions, revisions) saying what
    frontends narrow on: Wagtail's text names `meta.type`, which every member types as a plain string."""
    components = document.get("components", {}).get("schemas", {})

    def visit(node):
        if isinstance(node, dict):
            if node.get("description") == WAGTAIL_UNION_DESCRIPTION and page_union_members(node, components):
                node["description"] = PAGE_UNION_DESCRIPTION
            for child in node.values():
                visit(child)
        elif isinstance(node, list):
            for child in node:
                visit(child)

    visit(document)
    return document


def document_page_unions(api) -> None:
    """Make `api`'s OpenAPI document describe its page unions as frontends read them. Once per API."""
    if getattr(api, "brand_hub_page_unions_documented", False):
        return
    build = api.get_openapi_schema

    def get_openapi_schema(*args, **kwargs) -> dict:
        return describe_page_unions(build(*args, **kwargs))

    api.get_openapi_schema = get_openapi_schema
    api.brand_hub_page_unions_documented = True


def extend_wagtail_v3() -> None:
    """Type Wagtail v3's pages and add the card listing; called from the app's ready()."""
    if PAGES_ROUTER in sys.modules:
        raise ImproperlyConfigured(
            f"{PAGES_ROUTER} was imported before brand_hub.headless was ready: its page schemas "
            "would stay untyped. List brand_hub.headless before wagtail.images in INSTALLED_APPS."
        )
    read_generator.register_field_schema(StreamField, streamfield_read_schema)
    cards = register_typed_pages()

    from wagtail.api.v3.api import api

    from .preview import page_preview_router

    api.add_router("/page-cards/", page_cards_router(cards))
    api.add_router("/page-preview/", page_preview_router())
