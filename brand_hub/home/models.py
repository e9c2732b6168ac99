"""The landing page of the brand destination, one per language."""

from ninja import Schema

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from brand_hub.core.models import BrandPage, image_alt_text_field
from brand_hub.headless.content_schemas import CARD_RENDITIONS, CardImageSchema
from brand_hub.headless.fields import ImageRenditionsField, ValueField, page_image_representation
from brand_hub.headless.public_urls import public_page_url


class FeaturedPageSchema(Schema):
    id: int
    type: str
    title: str
    url: str | None
    intro: str
    image: CardImageSchema | None  # ty: ignore[invalid-type-form]


class FeaturedPagesSchema(Schema):
    heading: str | None
    pages: list[FeaturedPageSchema]


class FeaturedPagesBlock(blocks.StructBlock):
    """A row of hand-picked pages; the API answers in the home page's own language."""

    heading = blocks.CharBlock(max_length=120)
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(
            page_type=[
                "blog.BlogPage",
                "ideas.IdeaChallengePage",
                "community_groups.CommunityGroupPage",
                "ideas.IdeaBoardPage",
            ]
        )
    )

    class Meta:
        icon = "pick"
        label = _("Featured pages")
        description = _("Posts, challenges or groups shown on the landing page")

    api_schema = FeaturedPagesSchema

    def get_api_representation(self, value, context=None):
        return {
            "heading": value["heading"],
            "pages": [page_card(page) for page in value["pages"] if page],
        }


def page_card(page: Page) -> dict:
    """The summary of a page that a landing shows: title, type, URL, intro and image."""
    specific = page.specific
    image_field = "hero_image" if getattr(specific, "hero_image", None) else "cover_image"
    return {
        "id": page.pk,
        "type": specific._meta.label,
        "title": page.title,
        "url": public_page_url(page),
        "intro": getattr(specific, "intro", "") or getattr(specific, "question", ""),
        "image": page_image_representation(specific, image_field, CARD_RENDITIONS),
    }


class HomePage(BrandPage):
    """The brand destination's landing: hero, then featured posts, challenges and groups."""

    parent_page_types = ["wagtailcore.Page"]

    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_image_alt = image_alt_text_field()
    hero_cta_label = models.CharField(_("hero button label"), max_length=60, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero button page"),
    )
    featured = StreamField([("featured_pages", FeaturedPagesBlock())], blank=True, verbose_name=_("featured"))

    search_fields = BrandPage.search_fields + [
        index.SearchField("hero_title"),
        index.SearchField("hero_text"),
    ]
    api_fields = BrandPage.api_fields + [
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("hero_image", serializer=ImageRenditionsField()),
        APIField("hero_cta_label"),
        APIField("hero_cta_url", serializer=ValueField()),
        APIField("featured"),
    ]
    api_card_fields = ("hero_title", "hero_image")
    content_panels = BrandPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("featured"),
    ]

    class Meta:
        verbose_name = _("home page")

    @property
    def hero_cta_url(self) -> str | None:
        return self.hero_cta_page.url if self.hero_cta_page_id else None
