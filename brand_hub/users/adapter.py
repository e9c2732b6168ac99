"""allauth's account adapter: too many failed log-ins answered as every other limit, 429 and Retry-After."""

from http import HTTPStatus

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.headless.base.response import APIResponse

from django.conf import settings
from django.core.exceptions import ValidationError

from .middleware import longest_period


def is_headless(request) -> bool:
    """allauth marks the requests its headless API serves."""
    return getattr(getattr(request, "allauth", None), "headless", None) is not None


class AccountAdapter(DefaultAccountAdapter):
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
