"""allauth adapters: account e-mails in the brand's name and the person's language, frontend links that
carry keys as sent, and too many failed log-ins answered as every other limit (429 with Retry-After)."""

from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.headless.adapter import DefaultHeadlessAdapter
from allauth.headless.base.response import APIResponse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation

from wagtail.models import Site

from brand_hub.core.client_ip import client_ip

from .middleware import longest_period


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

    def get_client_ip(self, request) -> str:
        """The project's one reading of the proxy chain (TRUSTED_PROXY_COUNT) for allauth's limits too.

        allauth's own reading takes the same entry, but answers a header shorter than the count with
        ImproperlyConfigured, a 500 on every sign-up and log-in of a client that sends it.
        """
        return client_ip(request)

    def pre_authenticate(self, request, **credentials) -> None:
        """allauth refuses a log-in past the `login_failed` limit as a 400 form error; the API's rule
        for a limit is a 429 with Retry-After, so a headless client gets that, with allauth's error
        code and message kept in the body. Retry-After is the limit's longest window: an upper bound,
        as allauth does not say when its window ends."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code != "too_many_login_attempts" or not is_headless(request):
                raise
            response = APIResponse(
                request,
                errors=[{"message": str(error.message), "code": error.code}],
                status=HTTPStatus.TOO_MANY_REQUESTS,
            )
            response["Retry-After"] = str(longest_period(settings.ACCOUNT_RATE_LIMITS["login_failed"]))
            raise ImmediateHttpResponse(response) from error


def is_headless(request) -> bool:
    """allauth marks the requests its headless API serves."""
    return getattr(getattr(request, "allauth", None), "headless", None) is not None


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
