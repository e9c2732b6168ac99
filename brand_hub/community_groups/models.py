"""Community groups: places where prosumers who share an interest talk with the brand."""

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from brand_hub.core.models import BrandPage, InternalSpaceMixin, image_alt_text_field
from brand_hub.headless.fields import ImageRenditionsField, RichTextHTMLField, TagNamesField


class CommunityGroupTopic(TaggedItemBase):
    content_object = ParentalKey(
        "community_groups.CommunityGroupPage",
        on_delete=models.CASCADE,
        related_name="tagged_topics",
    )


class CommunityIndexPage(BrandPage):
    """The list of community groups in one language."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["community_groups.CommunityGroupPage"]
    max_count_per_parent = 1

    intro = models.TextField(_("introduction"), blank=True)

    search_fields = BrandPage.search_fields + [index.SearchField("intro")]
    api_fields = BrandPage.api_fields + [APIField("intro")]
    api_card_fields = ("intro",)
    content_panels = BrandPage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("community index")


class CommunityGroupPage(InternalSpaceMixin, BrandPage):
    """A group prosumers join; its discussion is the comments on this page."""

    parent_page_types = ["community_groups.CommunityIndexPage"]
    subpage_types: list[str] = []

    description = RichTextField(_("description"), features=["bold", "italic", "link", "ul", "ol"])
    rules = RichTextField(
        _("rules"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What members agree to when they join"),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cover_image_alt = image_alt_text_field()
    topics = ClusterTaggableManager(through=CommunityGroupTopic, blank=True, verbose_name=_("topics"))

    search_fields = BrandPage.search_fields + [
        index.SearchField("description"),
        index.SearchField("rules"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    api_fields = BrandPage.api_fields + [
        APIField("description", serializer=RichTextHTMLField()),
        APIField("rules", serializer=RichTextHTMLField()),
        APIField("cover_image", serializer=ImageRenditionsField()),
        APIField("topics", serializer=TagNamesField()),
    ]
    api_card_fields = ("cover_image", "topics")
    content_panels = BrandPage.content_panels + [
        FieldPanel("description"),
        FieldPanel("rules"),
        FieldPanel("cover_image"),
        FieldPanel("cover_image_alt"),
        FieldPanel("topics"),
    ]

    api_prefetch_related = ("topics",)

    class Meta:
        verbose_name = _("community group")


class GroupMembership(models.Model):
    """A prosumer's place in a group; editors promote members to moderators in the admin."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        MODERATOR = "moderator", _("moderator")

    group = models.ForeignKey(
        CommunityGroupPage, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("member"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    panels = [FieldPanel("group"), FieldPanel("member"), FieldPanel("role")]

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["group", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="community_group_one_membership")
        ]
        indexes = [models.Index(fields=["group", "role", "joined_at"])]

    def __str__(self) -> str:
        return f"{self.member} – {self.group} ({self.get_role_display()})"
