"""Batched loading for API output: what a page listing needs, fetched once for all its items.

Serialising a page touches images (and their renditions), linked pages' URLs and the
page's translations. Loaded item by item that is several queries per page; here one
listing collects every id first and loads each kind in a single query, then the block
and field serialisers read from the active prefetch instead of the database.
"""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import models
from django.db.models import Q

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.rich_text import extract_references_from_rich_text

from .memo import GenerationMemo
from .public_urls import frontend_url, page_path


@dataclass
class APIPrefetch:
    images: dict[int, Any] = field(default_factory=dict)
    linked_pages: dict[int, Page] = field(default_factory=dict)
    #: Linked pages' locale-prefixed paths: rich text links to them, blocks make frontend URLs of them.
    page_paths: dict[int, str | None] = field(default_factory=dict)
    translations: dict[Any, list[dict]] = field(default_factory=dict)
    image_representations: dict[tuple, dict] = field(default_factory=dict)


_active: ContextVar[APIPrefetch | None] = ContextVar("brand_hub_api_prefetch", default=None)


def active_prefetch() -> APIPrefetch | None:
    return _active.get()


@contextmanager
def prefetch_scope(prefetch: APIPrefetch) -> Iterator[APIPrefetch]:
    token = _active.set(prefetch)
    try:
        yield prefetch
    finally:
        _active.reset(token)


@cache
def _image_fields(model: type[models.Model]) -> tuple[models.ForeignKey, ...]:
    image_model = get_image_model()
    return tuple(
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and issubclass(field.related_model, image_model)
    )


@cache
def _content_fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    return tuple(
        field for field in model._meta.concrete_fields if isinstance(field, (StreamField, RichTextField))
    )


def _walk_stream(block: blocks.Block, value: Any, image_ids: set, page_ids: set) -> None:
    """Collect image and page ids from a block's raw (JSON) value, recursing into children."""
    if value is None:
        return
    if isinstance(block, ImageChooserBlock):
        if isinstance(value, int):
            image_ids.add(value)
    elif isinstance(block, blocks.PageChooserBlock):
        if isinstance(value, int):
            page_ids.add(value)
    elif isinstance(block, blocks.RichTextBlock):
        page_ids.update(_linked_page_ids(value))
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                _walk_stream(child_block, child.get("value"), image_ids, page_ids)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _walk_stream(child_block, value.get(name), image_ids, page_ids)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            item_value = item.get("value") if isinstance(item, dict) and "type" in item else item
            _walk_stream(block.child_block, item_value, image_ids, page_ids)


def _linked_page_ids(html: str | None) -> set[int]:
    ids = set()
    for model, object_id, _path, _content_path in extract_references_from_rich_text(html or ""):
        if issubclass(model, Page):
            ids.add(int(object_id))
    return ids


def attach_renditions(images: Iterable[Any]) -> None:
    """Load every existing rendition of these images in one query, as Wagtail's own prefetch would."""
    images = list(images)
    if not images:
        return
    rendition_model = get_image_model().get_rendition_model()
    by_image: dict[int, list] = {image.pk: [] for image in images}
    for rendition in rendition_model.objects.filter(image_id__in=by_image):
        by_image[rendition.image_id].append(rendition)
    for image in images:
        # A queryset that is already evaluated, as prefetch_related would leave it.
        queryset = rendition_model.objects.filter(image_id=image.pk)
        queryset._result_cache = by_image[image.pk]
        queryset._prefetch_done = True
        image._prefetched_objects_cache = {"renditions": queryset}


#: (host, url_path): a page's locale-prefixed path.
_paths_by_url_path = GenerationMemo(max_entries=50_000)


def path_for_url_path(page_id: int, url_path: str, request) -> str | None:
    """A page's locale-prefixed path from its url_path, remembered until the content generation changes.

    A path depends only on the url_path, the sites' root paths and the requesting host (which site
    a page on several sites is read from), and a change to the first two bumps the generation, so
    the memo can never serve a stale path.
    """

    def find() -> str | None:
        return page_path(Page(id=page_id, url_path=url_path), request)

    generation = getattr(request, "content_generation", None)
    if generation is None:
        return find()
    return _paths_by_url_path.get(generation.number, (request.get_host(), url_path), find)


def prefetch_for_api(pages: Sequence[Page], *, request=None, live_only: bool = True) -> APIPrefetch:
    """Load, in a fixed number of queries, everything the API serialisers need for `pages`."""
    prefetch = APIPrefetch()
    image_ids: set[int] = set()
    page_ids: set[int] = set()
    image_fks: list[tuple[models.Model, models.ForeignKey]] = []

    for page in pages:
        for model_field in _content_fields(type(page)):
            if isinstance(model_field, StreamField):
                stream_value = getattr(page, model_field.attname)
                _walk_stream(model_field.stream_block, stream_value.raw_data, image_ids, page_ids)
            else:
                page_ids.update(_linked_page_ids(getattr(page, model_field.attname)))
        related_objects = getattr(page, "api_prefetch_related_objects", lambda: [])()
        for instance in [page, *related_objects]:
            for model_field in _image_fields(type(instance)):
                image_id = getattr(instance, model_field.attname)
                if image_id:
                    image_ids.add(image_id)
                    image_fks.append((instance, model_field))

    if image_ids:
        prefetch.images = get_image_model().objects.in_bulk(image_ids)
        attach_renditions(prefetch.images.values())
        for instance, model_field in image_fks:
            model_field.set_cached_value(
                instance, prefetch.images.get(getattr(instance, model_field.attname))
            )

    # Linked pages and every page's translations come from one query, as plain rows.
    keys = {page.translation_key for page in pages}
    related_rows = (
        Page.objects.filter(Q(id__in=page_ids) | Q(translation_key__in=keys))
        .order_by("locale__language_code")
        .values_list("id", "url_path", "translation_key", "locale__language_code")
    )
    if live_only:
        related_rows = related_rows.filter(live=True)
    for page_id, url_path, translation_key, language_code in related_rows:
        path = path_for_url_path(page_id, url_path, request)
        url = frontend_url(path) if path is not None else None
        if page_id in page_ids:
            prefetch.linked_pages[page_id] = Page(id=page_id, url_path=url_path)
            prefetch.page_paths[page_id] = path
        if translation_key in keys:
            prefetch.translations.setdefault(translation_key, []).append(
                {"id": page_id, "locale": language_code, "url": url}
            )
    return prefetch
