"""The abstract page every Brand Hub page extends, and the per-language site settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin

from brand_hub.core.selectors import public_pages
from brand_hub.headless.fields import TranslationsField


def image_alt_text_field() -> models.CharField:
    """The alt text a page writes for one of its images (`<image field>_alt`): translated with the page,
    since images themselves are not; the API answers the image's own when it is empty."""
    return models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the image for screen readers, in this page's language; "
            "when empty, the image's own description or title"
        ),
    )


class InternalSpaceMixin(models.Model):
    """A challenge or group editors may restrict to groups of accounts (employees, a partner
    programme) in the page's privacy setting. Restricted, its ideas and comments are counted in its own
    insights scope and left out of the public figures, unless editors choose to count them there."""

    count_in_public_figures = models.BooleanField(
        _("count in public figures"),
        default=False,
        help_text=_(
            "When this page's privacy limits it to groups of accounts: count its ideas and comments "
            "in the insights' public figures too"
        ),
    )

    settings_panels = Page.settings_panels + [FieldPanel("count_in_public_figures")]

    class Meta:
        abstract = True


class BrandPage(Page):
    """Shared fields and API behaviour of every visitor-facing page."""

    search_fields = Page.search_fields
    api_fields = [APIField("translations", serializer=TranslationsField())]
    #: The api_fields a list of pages shows of each (Wagtail v3's page-cards/ listing).
    api_card_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    #: Foreign keys the API loads with the page in the same query.
    api_select_related: tuple[str, ...] = ("locale",)
    #: Relations the API loads in one extra query each for a whole listing.
    api_prefetch_related: tuple[str, ...] = ()

    @classmethod
    def optimise_api_queryset(cls, queryset):
        """Load what this type's api_fields read, in a fixed number of queries."""
        queryset = queryset.select_related(*cls.api_select_related)
        if cls.api_prefetch_related:
            queryset = queryset.prefetch_related(*cls.api_prefetch_related)
        return queryset

    def api_prefetch_related_objects(self) -> list[models.Model]:
        """Related objects (snippets) whose images the API prefetch should load as well."""
        return []

    def get_template(self, request, *args, **kwargs):
        # The site is headless: one server-rendered page shows any page type's content.
        return "core/brand_page.html"

    def get_context(self, request, *args, **kwargs):
        from brand_hub.headless.fields import translations_of

        context = super().get_context(request, *args, **kwargs)
        context["site_settings"] = LocalizedSiteSettings.objects.filter(locale_id=self.locale_id).first()
        context["translations"] = translations_of(self, request, on_frontend=False)  # this site's pages
        context["page_image"] = getattr(self, "hero_image", None) or getattr(self, "cover_image", None)
        context["children"] = public_pages(self.get_children()).specific()
        context["rich_text_fields"] = [
            getattr(self, field.name)
            for field in self._meta.concrete_fields
            if isinstance(field, RichTextField) and getattr(self, field.name)
        ]
        return context

    def get_preview_template(self, request, mode_name):
        return "headless/preview.html"

    def get_preview_context(self, request, mode_name):
        from brand_hub.headless.preview import create_preview

        context = super().get_preview_context(request, mode_name)
        context.update(create_preview(page=self))
        return context


class NavigationLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60)
    page = blocks.PageChooserBlock(required=False)
    external_url = blocks.URLBlock(required=False)

    class Meta:
        icon = "link"
        label = _("Link")


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        choices=[
            ("instagram", "Instagram"),
            ("facebook", "Facebook"),
            ("x", "X"),
            ("linkedin", "LinkedIn"),
            ("youtube", "YouTube"),
            ("tiktok", "TikTok"),
        ]
    )
    url = blocks.URLBlock()

    class Meta:
        icon = "site"
        label = _("Social link")


class LocalizedSiteSettings(TranslatableMixin, models.Model):
    """Navigation, footer and social links of the site in one language."""

    site_name = models.CharField(_("site name"), max_length=80)
    navigation = StreamField([("link", NavigationLinkBlock())], blank=True, verbose_name=_("navigation"))
    footer_text = RichTextField(_("footer text"), blank=True, features=["bold", "italic", "link"])
    footer_links = StreamField([("link", NavigationLinkBlock())], blank=True, verbose_name=_("footer links"))
    social_links = StreamField([("social", SocialLinkBlock())], blank=True, verbose_name=_("social links"))
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    panels = [
        FieldPanel("site_name"),
        FieldPanel("navigation"),
        FieldPanel("footer_text"),
        FieldPanel("footer_links"),
        FieldPanel("social_links"),
        FieldPanel("contact_email"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings per language")

    def __str__(self) -> str:
        return f"{self.site_name} ({self.locale})"
