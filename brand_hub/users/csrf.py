"""A failed CSRF check under /api/ or /_allauth/ as JSON naming X-CSRFToken, not Django's HTML page."""

from django.http import HttpRequest, JsonResponse
from django.middleware.csrf import REASON_BAD_ORIGIN
from django.utils.translation import gettext as _
from django.views.csrf import csrf_failure as django_csrf_failure

from brand_hub.core.errors import error_body

CSRF_FIELD = "X-CSRFToken"


def csrf_failure_message(request: HttpRequest, reason: str = "") -> str:
    """What a browser frontend must change: its origin, or the token it sends."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin and reason == REASON_BAD_ORIGIN % origin:
        return _(
            "The CSRF check failed: this request comes from %(origin)s, which is not one of the "
            "frontends Brand Hub trusts (CSRF_TRUSTED_ORIGINS)."
        ) % {"origin": origin}
    return _(
        "The CSRF check failed: a browser that signs in with the session cookie sends the "
        "csrftoken cookie's value in the X-CSRFToken header on every write."
    )


def csrf_failure(request: HttpRequest, reason: str = ""):
    """CSRF_FAILURE_VIEW: allauth's accounts API answers in allauth's error shape, the project's API
    in the project's; every other page gets Django's own."""
    path = request.path_info
    if path.startswith("/_allauth/"):
        message = csrf_failure_message(request, reason)
        error = {"message": message, "code": "csrf_failed", "param": CSRF_FIELD}
        return JsonResponse({"status": 403, "errors": [error]}, status=403)
    if path.startswith("/api/"):
        return JsonResponse(error_body(csrf_failure_message(request, reason), field=CSRF_FIELD), status=403)
    return django_csrf_failure(request, reason)
