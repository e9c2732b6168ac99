"""The share URL a prosumer posts: counts the visitor, then sends them to the page on the frontend."""

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from brand_hub.core.client_ip import client_ip
from brand_hub.headless.public_urls import public_page_url

from . import services
from .models import ShareLink

VISITOR_COOKIE = "bh_visitor"
VISITOR_COOKIE_MAX_AGE = 400 * 24 * 3600  # the longest lifetime browsers still honour
VISITOR_ID = re.compile(r"^[0-9a-f]{32}$")
#: The attribution of the last share link this browser came through, read at sign-up.
REFERRAL_COOKIE = "bh_referral"


@never_cache
@require_safe
def share_redirect(request: HttpRequest, code: str) -> HttpResponseRedirect:
    link = ShareLink.objects.select_related("page").filter(code=code).first()
    if link is None or not services.shareable_pages().filter(pk=link.page_id).exists():
        # A mangled link, or a page unpublished or restricted since it was shared: nothing to
        # count, and the visitor still lands on the site. (A 404 here would be turned by the
        # locale middleware into a redirect to /es/s/<code>/, a page that does not exist.)
        return HttpResponseRedirect(settings.FRONTEND_URL)

    user_agent = request.META.get("HTTP_USER_AGENT", "")
    visitor_id = request.COOKIES.get(VISITOR_COOKIE, "")
    has_cookie = bool(VISITOR_ID.match(visitor_id))
    if not has_cookie:
        visitor_id = services.visitor_id_of_client(ip=client_ip(request), user_agent=user_agent)
    clicked = request.method == "GET" and not services.is_link_preview(user_agent)
    if clicked:
        services.record_visit(link=link, visitor_key=services.visitor_key_for(visitor_id))

    response = HttpResponseRedirect(public_page_url(link.page) or settings.FRONTEND_URL)
    if clicked:
        # Signed and dated inside; the latest click replaces an earlier one.
        response.set_cookie(
            REFERRAL_COOKIE,
            services.attribution_for(link),
            max_age=int(services.referral_window().total_seconds()),
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    if not has_cookie:
        response.set_cookie(
            VISITOR_COOKIE,
            visitor_id,
            max_age=VISITOR_COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response
