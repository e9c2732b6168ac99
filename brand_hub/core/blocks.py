"""The block library of every StreamField; each block decides its own API shape.

A block whose API value is not Wagtail's default declares it as `api_schema`, so the OpenAPI
documents type it (brand_hub/headless/block_schemas.py derives the rest from the blocks).
"""

from ninja import Schema

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from brand_hub.headless.content_schemas import ContentImageSchema
from brand_hub.headless.fields import image_representation, rich_text_html, with_alt_text
from brand_hub.headless.prefetch import active_prefetch
from brand_hub.headless.public_urls import frontend_url, public_page_url


class PrefetchedImageChooserBlock(ImageChooserBlock):
    """An image chooser that reads images a listing already loaded, and answers with renditions."""

    api_schema = ContentImageSchema | None  # None when the image was deleted

    def bulk_to_python(self, values):
        prefetch = active_prefetch()
        if prefetch is None:
            return super().bulk_to_python(values)
        missing = [value for value in values if value and value not in prefetch.images]
        if missing:
            loaded = self.model_class.objects.in_bulk(missing)
            from brand_hub.headless.prefetch import attach_renditions

            attach_renditions(loaded.values())
            prefetch.images.update(loaded)
        return [prefetch.images.get(value) for value in values]

    def get_api_representation(self, value, context=None):
        return image_representation(value)


class PrefetchedPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser that reads the linked pages a listing already loaded."""

    def bulk_to_python(self, values):
        prefetch = active_prefetch()
        if prefetch is None:
            return super().bulk_to_python(values)
        return [prefetch.linked_pages.get(value) for value in values]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2")

    class Meta:
        icon = "title"
        label = _("Heading")
        description = _("A section heading")
        preview_value = {"text": "Why our customers co-create", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    api_schema = str  # display HTML, internal links resolved to URLs

    def get_api_representation(self, value, context=None):
        return rich_text_html(value.source if value is not None else "")

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        description = _("Rich text with links")
        features = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]
        preview_value = "<p>Our community shaped this product.</p>"


class ImageBlock(blocks.StructBlock):
    image = PrefetchedImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=250)
    alt_text = blocks.CharBlock(
        required=False, max_length=250, help_text=_("Describe the image for screen readers")
    )

    #: Wagtail's shape for a struct, with the image's `alt` filled in: headless/block_schemas.py types it.
    keeps_api_shape = True

    def get_api_representation(self, value, context=None):
        """The image's `alt` is this use's alt text, translated with the page (images themselves are
        not translated), or the image's own alt text when the editor wrote none."""
        representation = super().get_api_representation(value, context)
        representation["image"] = with_alt_text(representation.get("image"), value.get("alt_text"))
        return representation

    class Meta:
        icon = "image"
        label = _("Image")
        description = _("An image with a caption")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        description = _("A quotation with its author")
        preview_value = {
            "text": "The best ideas came from our customers.",
            "attribution": "Brand team",
        }


class EmbedSchema(Schema):
    url: str
    html: str | None


class VideoEmbedBlock(EmbedBlock):
    api_schema = EmbedSchema | None

    def get_api_representation(self, value, context=None):
        if value is None:
            return None
        return {"url": value.url, "html": getattr(value, "html", None)}

    class Meta:
        icon = "media"
        label = _("Embed")
        description = _("A video or post from YouTube, Vimeo and other providers")


class CallToActionSchema(Schema):
    # None only in a block stored before the field was added to it, as for every struct child.
    title: str | None
    text: str | None
    button_label: str | None
    url: str | None
    page_id: int | None


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    button_label = blocks.CharBlock(max_length=60)
    page = PrefetchedPageChooserBlock(required=False)
    external_url = blocks.URLBlock(required=False)

    api_schema = CallToActionSchema

    def get_api_representation(self, value, context=None):
        page = value.get("page")
        prefetch = active_prefetch()
        if page is None:
            url = value.get("external_url") or None
        elif prefetch is not None and page.pk in prefetch.page_paths:
            path = prefetch.page_paths[page.pk]
            url = frontend_url(path) if path is not None else None
        else:
            url = public_page_url(page)
        return {
            "title": value.get("title"),
            "text": value.get("text"),
            "button_label": value.get("button_label"),
            "url": url,
            "page_id": page.pk if page else None,
        }

    class Meta:
        icon = "pick"
        label = _("Call to action")
        description = _("A button leading to a page or an external link")
        preview_value = {"title": "Share your idea", "button_label": "Propose an idea"}


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    embed = VideoEmbedBlock()
    call_to_action = CallToActionBlock()
