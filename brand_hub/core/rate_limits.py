"""Rate limits per account and per IP for the community's writes, answered as 429 with Retry-After.

Counters live in Django's default cache in fixed windows: one `cache.add` and one `cache.incr` per
check. A deployment with several processes needs a shared cache for the limits to hold across them.
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from brand_hub.core.client_ip import client_ip

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """'10/m', '100/h', '5/10m': a count per period."""
        count, _sep, period = text.partition("/")
        multiplier = int(period[:-1] or 1)
        return cls(count=int(count), seconds=multiplier * PERIODS[period[-1]])


class RateLimited(Exception):
    """Raised by `limit`; the API turns it into 429 with a Retry-After header."""

    def __init__(self, action: str, retry_after: int):
        self.action = action
        self.retry_after = retry_after
        super().__init__(
            _("Too many %(action)s requests; try again in %(seconds)s seconds.")
            % {"action": action, "seconds": retry_after}
        )


def _hit(key: str, rate: Rate, now: float) -> int | None:
    """Count one request in the current window; the seconds until it ends when over the limit."""
    window = int(now // rate.seconds)
    cache_key = f"rate:{key}:{rate.seconds}:{window}"
    cache.add(cache_key, 0, timeout=rate.seconds + 1)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=rate.seconds + 1)
        used = 1
    if used > rate.count:
        return max(1, math.ceil((window + 1) * rate.seconds - now))
    return None


def limit(request: HttpRequest, action: str, *, user=None) -> None:
    """Refuse the request when the account or the IP went past the action's limits.

    `settings.COMMUNITY_RATE_LIMITS[action]` maps "user" and "ip" to rates such as "10/m".
    """
    rates = settings.COMMUNITY_RATE_LIMITS.get(action, {})
    now = time.time()
    scopes = []
    if user is not None and user.is_authenticated and "user" in rates:
        scopes.append((f"{action}:user:{user.pk}", Rate.parse(rates["user"])))
    if "ip" in rates:
        scopes.append((f"{action}:ip:{client_ip(request)}", Rate.parse(rates["ip"])))
    waits = [wait for key, rate in scopes if (wait := _hit(key, rate, now)) is not None]
    if waits:
        raise RateLimited(action, max(waits))
