"""The project's own content endpoints: per-language site settings and the locales on offer."""

from ninja import Query, Schema, Status
from pydantic import Field

from django.conf import settings
from django.utils.translation import gettext as _

from wagtail.models import Locale

from brand_hub.core.models import LocalizedSiteSettings

from .router import ProjectRouter
from .schemas import ErrorSchema, LocaleCode

router = ProjectRouter(tags=["content"])


class LocaleSchema(Schema):
    code: str
    name: str
    is_default: bool


class LinkSchema(Schema):
    label: str
    url: str | None


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


class SiteSettingsQuery(Schema):
    locale: LocaleCode = Field(default=settings.LANGUAGE_CODE, description="Language code: es, en or pl")


@router.get("/locales/", response=list[LocaleSchema], summary="Languages the site is published in")
def list_locales(request):
    names = dict(settings.LANGUAGES)
    return [
        {
            "code": locale.language_code,
            "name": str(names.get(locale.language_code, locale.language_code)),
            "is_default": locale.language_code == settings.LANGUAGE_CODE,
        }
        for locale in Locale.objects.order_by("language_code")
    ]


@router.get(
    "/site-settings/",
    response={200: SiteSettingsSchema, 404: ErrorSchema},
    summary="Navigation, footer and social links in one language",
)
def site_settings(request, query: Query[SiteSettingsQuery]):
    found = LocalizedSiteSettings.objects.filter(locale__language_code=query.locale).first()
    if found is None:
        return Status(404, {"detail": _("No site settings exist for this locale yet."), "errors": []})
    return Status(200, found.api_representation(request))
