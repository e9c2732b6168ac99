"""Rate limits per account and per IP for the community's writes, answered as 429 with Retry-After.

The counting is django-ratelimit's (`get_usage`): a fixed window per key, one atomic `cache.add` or
`cache.incr` per hit in Django's default cache, each key's window offset by a hash of the key so that
windows do not all end at once. With CACHE_URL that cache is the Redis every web node shares, so a
limit of N holds across all of them; the local-memory cache of development counts per process.

What stays here is the project's side: the rates come from `settings.COMMUNITY_RATE_LIMITS` (several
scopes per action, "user" and "ip"), the account is the one the API authenticated (ninja's auth, not
`request.user`), the IP is `client_ip` (the trusted proxy chain), and a refusal is `RateLimited`,
which the API answers in its one error shape with Retry-After. django-ratelimit's decorator and
middleware are not used: they answer with a 403 or their own exception, outside ninja's handlers.
Its app is not installed either: its system check refuses the local-memory cache development runs.
While the shared cache is unreachable, requests are let through (RATELIMIT_FAIL_OPEN, base.py), each
with a warning saying which limit was not enforced.

An account's own rate can be a share of the action's: `settings.RATE_LIMIT_SCALE` names a function
answering that share for an account (the trust app's: new members get less); the IP's rate stays.
"""

import logging
import math
from functools import cache

from django_ratelimit.core import get_usage

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from brand_hub.core.client_ip import client_ip

logger = logging.getLogger(__name__)


class RateLimited(Exception):
    """Raised by `limit`; the API turns it into 429 with a Retry-After header."""

    def __init__(self, action: str, retry_after: int):
        self.action = action
        self.retry_after = retry_after
        super().__init__(
            _("Too many %(action)s requests; try again in %(seconds)s seconds.")
            % {"action": action, "seconds": retry_after}
        )


@cache
def account_scale():
    path = getattr(settings, "RATE_LIMIT_SCALE", None)
    return import_string(path) if path else None


@receiver(setting_changed)
def _forget_account_scale(*, setting: str, **kwargs) -> None:
    if setting == "RATE_LIMIT_SCALE":
        account_scale.cache_clear()


def scaled(rate: str, share: float) -> str:
    """ "10/m" at 0.3 → "3/m": the same window, fewer requests (never none)."""
    if share == 1:
        return rate
    count, period = rate.split("/", 1)
    return f"{max(1, math.floor(int(count) * share))}/{period}"


def limit(request: HttpRequest, action: str, *, user=None) -> None:
    """Count the request against the action's limits; refuse it when the account or the IP is past one.

    `settings.COMMUNITY_RATE_LIMITS[action]` maps "user" and "ip" to rates such as "10/m" or "5/10m".
    """
    rates = settings.COMMUNITY_RATE_LIMITS.get(action, {})
    scopes = []
    if user is not None and user.is_authenticated and "user" in rates:
        scale = account_scale()
        scopes.append(("user", str(user.pk), scaled(rates["user"], scale(user) if scale else 1)))
    if "ip" in rates:
        scopes.append(("ip", client_ip(request), rates["ip"]))
    waits = []
    for scope, value, rate in scopes:
        usage = get_usage(
            request,
            group=f"{action}:{scope}",
            key=lambda _group, _request, value=value: value,
            rate=rate,
            increment=True,
        )
        if usage is None:
            if getattr(settings, "RATELIMIT_ENABLE", True):  # else nothing is limited, by choice
                # django-ratelimit could not count in the cache and let the request through.
                logger.warning(
                    "Rate limit not enforced: %s:%s at %s (the shared cache failed)", action, scope, rate
                )
        elif usage["should_limit"]:
            waits.append(max(1, usage["time_left"]))
    if waits:
        raise RateLimited(action, max(waits))
