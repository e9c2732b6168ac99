"""Blog pages, their authors and topics."""

import math

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from brand_hub.core.blocks import BodyBlock
from brand_hub.core.models import BrandPage, image_alt_text_field
from brand_hub.headless.content_schemas import AVATAR_RENDITIONS
from brand_hub.headless.fields import (
    AuthorField,
    ImageRenditionsField,
    TagNamesField,
    image_representation,
    with_alt_text,
)

WORDS_PER_MINUTE = 200


class Author(models.Model):
    """Who signs a blog post: a brand team member or a guest from the community."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    bio = models.TextField(_("short biography"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("bio"), FieldPanel("photo")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")

    def __str__(self) -> str:
        return self.name

    def api_representation(self) -> dict:
        """The author as posts show them; the portrait's alt text is the author's name, which reads the
        same in every language (the image's own title is in the language it was uploaded in)."""
        return {
            "id": self.pk,
            "name": self.name,
            "role": self.role,
            "bio": self.bio,
            "photo": with_alt_text(image_representation(self.photo, AVATAR_RENDITIONS), self.name),
        }


class BlogPageTopic(TaggedItemBase):
    content_object = ParentalKey("blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_topics")


class BlogIndexPage(BrandPage):
    """The list of blog posts in one language."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count_per_parent = 1

    intro = models.TextField(_("introduction"), blank=True)

    search_fields = BrandPage.search_fields + [index.SearchField("intro")]
    api_fields = BrandPage.api_fields + [APIField("intro")]
    api_card_fields = ("intro",)
    content_panels = BrandPage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("blog index")


class BlogPage(BrandPage):
    """A blog post: the brand's stories, guides and news."""

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types: list[str] = []

    intro = models.TextField(_("introduction"), max_length=500)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_image_alt = image_alt_text_field()
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    author = models.ForeignKey(Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts")
    topics = ClusterTaggableManager(through=BlogPageTopic, blank=True, verbose_name=_("topics"))
    published_date = models.DateField(_("first published"), default=timezone.localdate)
    reading_time = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=1, editable=False, help_text=_("Worked out on every save")
    )

    search_fields = BrandPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("published_date"),
    ]
    api_fields = BrandPage.api_fields + [
        APIField("intro"),
        APIField("hero_image", serializer=ImageRenditionsField()),
        APIField("body"),
        APIField("author", serializer=AuthorField()),
        APIField("topics", serializer=TagNamesField()),
        APIField("published_date"),
        APIField("reading_time"),
    ]
    api_card_fields = ("intro", "hero_image", "author", "topics", "published_date", "reading_time")
    content_panels = BrandPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_alt"),
        FieldPanel("body"),
    ]
    promote_panels = BrandPage.promote_panels + [
        FieldPanel("author"),
        FieldPanel("topics"),
        FieldPanel("published_date"),
    ]

    api_select_related = BrandPage.api_select_related + ("author",)
    api_prefetch_related = ("topics",)

    class Meta:
        verbose_name = _("blog post")

    def save(self, *args, **kwargs):
        self.reading_time = self.estimate_reading_time()
        return super().save(*args, **kwargs)

    def estimate_reading_time(self) -> int:
        """Minutes to read the intro and body, at 200 words a minute, never less than one."""
        words = len(self.intro.split())
        for block in self.body.raw_data:
            value = block.get("value")
            if isinstance(value, str):
                words += len(strip_tags(value).split())
            elif isinstance(value, dict):
                words += sum(len(strip_tags(v).split()) for v in value.values() if isinstance(v, str))
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def api_prefetch_related_objects(self):
        return [self.author] if self.author_id else []
