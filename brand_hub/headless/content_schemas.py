"""The shapes of content the API answers with (images, authors, translations), typed for OpenAPI.

The serialisers in fields.py return these shapes as plain dicts; Wagtail v3 reads their return
annotations, so a frontend's generated client knows every key.
"""

from ninja import Schema
from pydantic import create_model

#: Renditions every content image carries; frontends pick the one that fits.
DEFAULT_RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x800",
    "large": "width-1600",
}
#: An author's portrait.
AVATAR_RENDITIONS = {"avatar": "fill-160x160"}
#: The image of a featured page on the landing, in two widths of the same crop: a card is about 17rem
#: wide in the landing's four columns (the small one), twice that on a high-density screen or a phone.
CARD_RENDITIONS = {"card": "fill-600x400", "card_small": "fill-300x200"}


class RenditionSchema(Schema):
    url: str
    width: int
    height: int


def rendered_image_schema(name: str, specs: dict[str, str]) -> type[Schema]:
    """An image with exactly the renditions named in `specs`, each one a required key."""
    renditions = create_model(
        f"{name}Renditions",
        __base__=Schema,
        **{rendition: (RenditionSchema, ...) for rendition in specs},
    )
    return create_model(
        name,
        __base__=Schema,
        __doc__=f"An image with its renditions: {', '.join(f'{n} ({s})' for n, s in specs.items())}.",
        id=(int, ...),
        title=(str, ...),
        alt=(str, ...),
        width=(int, ...),
        height=(int, ...),
        renditions=(renditions, ...),
    )


ContentImageSchema = rendered_image_schema("ContentImage", DEFAULT_RENDITIONS)
AvatarImageSchema = rendered_image_schema("AvatarImage", AVATAR_RENDITIONS)
CardImageSchema = rendered_image_schema("CardImage", CARD_RENDITIONS)


class TranslationSchema(Schema):
    """One live language version of a page."""

    id: int
    locale: str
    url: str | None


class AuthorSchema(Schema):
    id: int
    name: str
    role: str
    bio: str
    photo: AvatarImageSchema | None  # ty: ignore[invalid-type-form]
