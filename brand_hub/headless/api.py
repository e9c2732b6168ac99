"""The project's own content endpoints: per-language site settings and the locales on offer."""

from ninja import Query, Schema, Status
from pydantic import Field

from django.conf import settings
from django.utils.translation import gettext as _

from wagtail.models import Locale

from brand_hub.core.models import LocalizedSiteSettings

from .fields import rich_text_html
from .public_urls import public_page_url
from .router import ProjectRouter
from .schemas import ErrorSchema, LocaleCode

router = ProjectRouter(tags=["content"])


class LocaleSchema(Schema):
    code: str
    name: str
    is_default: bool

    @staticmethod
    def resolve_code(locale) -> str:
        return locale.language_code

    @staticmethod
    def resolve_name(locale) -> str:
        return str(dict(settings.LANGUAGES).get(locale.language_code, locale.language_code))

    @staticmethod
    def resolve_is_default(locale) -> bool:
        return locale.language_code == settings.LANGUAGE_CODE


class LinkSchema(Schema):
    label: str
    url: str | None

    @staticmethod
    def resolve_url(link, context) -> str | None:
        return public_page_url(link["page"], context["request"]) if link["page"] else link["external_url"]


class SocialLinkSchema(Schema):
    network: str
    url: str


class SiteSettingsSchema(Schema):
    locale: str
    site_name: str
    navigation: list[LinkSchema]
    footer_text: str
    footer_links: list[LinkSchema]
    social_links: list[SocialLinkSchema]
    contact_email: str

    @staticmethod
    def resolve_locale(found) -> str:
        return found.locale.language_code

    @staticmethod
    def resolve_navigation(found) -> list:
        return [block.value for block in found.navigation]

    @staticmethod
    def resolve_footer_text(found) -> str:
        return rich_text_html(found.footer_text)

    @staticmethod
    def resolve_footer_links(found) -> list:
        return [block.value for block in found.footer_links]

    @staticmethod
    def resolve_social_links(found) -> list:
        return [block.value for block in found.social_links]


class SiteSettingsQuery(Schema):
    locale: LocaleCode = Field(default=settings.LANGUAGE_CODE, description="Language code: es, en or pl")


@router.get("/locales/", response=list[LocaleSchema], summary="Languages the site is published in")
def list_locales(request):
    return Locale.objects.order_by("language_code")


@router.get(
    "/site-settings/",
    response={200: SiteSettingsSchema, 404: ErrorSchema},
    summary="Navigation, footer and social links in one language",
)
def site_settings(request, query: Query[SiteSettingsQuery]):
    found = LocalizedSiteSettings.objects.filter(locale__language_code=query.locale).first()
    if found is None:
        return Status(404, {"detail": _("No site settings exist for this locale yet."), "errors": []})
    return Status(200, found)
