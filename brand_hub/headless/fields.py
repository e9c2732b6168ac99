"""API field serialisers shared by the v2 and v3 content APIs (v3 reuses them through api_fields).

A field's `to_representation` return annotation is the type Wagtail v3 publishes for it in the
OpenAPI document: the fields return plain dicts in the shapes of content_schemas.py.
"""

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rest_framework import serializers

from wagtail.images.models import Filter
from wagtail.rich_text import expand_db_html

from .content_schemas import (
    DEFAULT_RENDITIONS,
    AuthorSchema,
    ContentImageSchema,
    TranslationSchema,
)
from .prefetch import active_prefetch
from .public_urls import api_url, public_page_url


@lru_cache(maxsize=64)
def rendition_filter(spec: str) -> Filter:
    """Filters are parsed once per spec, not once per image."""
    return Filter(spec=spec)


def renditions_of(image, specs: Iterable[str]) -> dict[str, Any]:
    """The image's renditions for `specs`, read from its prefetched renditions when it has them.

    Wagtail's get_renditions writes every rendition it finds back to the rendition cache; for
    renditions a listing just loaded from the database that is work without a purpose.
    """
    filters = [rendition_filter(spec) for spec in specs]
    prefetched = getattr(image, "_prefetched_objects_cache", {}).get("renditions")
    if prefetched is None:
        return image.get_renditions(*filters)
    existing = {(rendition.filter_spec, rendition.focal_point_key): rendition for rendition in prefetched}
    found, missing = {}, []
    for image_filter in filters:
        rendition = existing.get((image_filter.spec, image_filter.get_cache_key(image)))
        if rendition is None:
            missing.append(image_filter)
        else:
            found[image_filter.spec] = rendition
    if missing:
        found.update(image.get_renditions(*missing))
    return found


def image_representation(image, specs: dict[str, str] | None = None) -> dict[str, Any] | None:
    """An image as the API shows it: its metadata and ready-made renditions with their sizes."""
    if image is None:
        return None
    specs = specs or DEFAULT_RENDITIONS
    prefetch = active_prefetch()
    key = (image.pk, tuple(specs.items()))
    if prefetch is not None and key in prefetch.image_representations:
        return prefetch.image_representations[key]
    renditions = renditions_of(image, specs.values())
    representation = {
        "id": image.pk,
        "title": image.title,
        "alt": getattr(image, "default_alt_text", None) or image.title,
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": api_url(renditions[spec].url),
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in specs.items()
        },
    }
    if prefetch is not None:
        prefetch.image_representations[key] = representation
    return representation


def rich_text_html(value: str | None) -> str:
    """Rich text as display HTML: internal page links become URLs (batched by the prefetch)."""
    return expand_db_html(value or "")


def translations_of(page, request=None, *, on_frontend: bool = True) -> list[dict[str, Any]]:
    """Every live translation of `page` (itself included): locale, id and URL on the frontend, or on
    this site for its own server-rendered pages (`on_frontend=False`)."""
    prefetch = active_prefetch()
    if on_frontend and prefetch is not None and page.translation_key in prefetch.translations:
        return prefetch.translations[page.translation_key]
    return [
        {
            "id": translation.id,
            "locale": translation.locale.language_code,
            "url": public_page_url(translation, request) if on_frontend else translation.get_url(request),
        }
        for translation in page.get_translations(inclusive=True)
        .live()
        .select_related("locale")
        .order_by("locale__language_code")
    ]


def page_image_representation(page, name: str, specs: dict[str, str] | None = None) -> dict[str, Any] | None:
    """The page's image `name` with its alt text in the page's language: the page's `<name>_alt`,
    translated with the page (images themselves are not translated), else the image's own."""
    return with_alt_text(
        image_representation(getattr(page, name, None), specs), getattr(page, f"{name}_alt", "")
    )


def with_alt_text(representation: dict[str, Any] | None, alt: str | None) -> dict[str, Any] | None:
    """An image's representation with the alt text written for this use of it, when there is one."""
    if representation is None or not alt:
        return representation
    return {**representation, "alt": alt}  # a copy: the prefetch shares the image's


class ImageRenditionsField(serializers.Field):
    """A page's image with the default renditions (DEFAULT_RENDITIONS) and the page's alt text for it
    (`page_image_representation`): the field reads the page, the image being the field of its name."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, page) -> ContentImageSchema | None:  # ty: ignore[invalid-type-form]
        return page_image_representation(page, self.field_name)


class RichTextHTMLField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return rich_text_html(value)


class TagNamesField(serializers.Field):
    """Tag names, sorted in Python so that a prefetched tag list is used as it is."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, manager) -> list[str]:
        return sorted(tag.name for tag in manager.all())


class TranslationsField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, page) -> list[TranslationSchema]:
        return translations_of(page, self.context.get("request"))


class AuthorField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, author) -> AuthorSchema | None:
        return author.api_representation() if author is not None else None


class ValueField(serializers.Field):
    """A computed property (reading time, phase...) passed through as it is.

    Wagtail v3 types it by the property's return annotation (see headless/typed_pages.py).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value
