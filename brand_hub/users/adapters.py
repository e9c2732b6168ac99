"""allauth adapters: account e-mails in the brand's name and the person's language, and frontend links
that carry keys as sent."""

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.headless.adapter import DefaultHeadlessAdapter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from wagtail.models import Site


@dataclass(frozen=True)
class BrandSite:
    """What allauth's e-mail templates read as `current_site`: the brand's name and its frontend's host.

    Django's sites framework is only there for django-comments (its one row says "example.com");
    the brand is named on Wagtail's default site, which editors manage in the admin.
    """

    name: str
    domain: str


def brand_site() -> BrandSite:
    site = Site.objects.filter(is_default_site=True).only("site_name").first()
    name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
    return BrandSite(name=name, domain=urlsplit(settings.FRONTEND_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return f"[{brand_site().name}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """In the language the person chose at sign-up, whatever language the request came in."""
        user = context.get("user") or get_user_model().objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_locale", "") or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, {**context, "current_site": brand_site()})


class HeadlessAdapter(DefaultHeadlessAdapter):
    def get_frontend_url(self, urlname: str, **kwargs) -> str | None:
        """The frontend's link with each key as allauth made it.

        allauth percent-encodes the key's colons (`MQ:1u...:abc` becomes `MQ%3A1u...`); a frontend
        that posts the key as its route shows it got "invalid or expired key". A colon is valid in a
        path segment (RFC 3986), and the keys hold only base64url letters and colons besides.
        """
        template = settings.HEADLESS_FRONTEND_URLS.get(urlname)
        if template is None:
            return super().get_frontend_url(urlname, **kwargs)
        return template.format(**{name: quote(str(value), safe=":") for name, value in kwargs.items()})
