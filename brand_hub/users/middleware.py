"""Retry-After on allauth's 429s: its limits refuse without saying when to come back."""

from django.conf import settings

#: allauth's rate periods in seconds ("5/5m/key": five per five minutes).
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

#: allauth's headless endpoints (path ending) and the rate-limit action that guards each.
ACTIONS = {
    "/auth/signup": "signup",
    "/auth/login": "login",
    "/auth/password/request": "reset_password",
    "/auth/email/verify/resend": "confirm_email",
}


def longest_period(rules: str) -> int:
    """'10/m/ip,5/5m/key' → 300: the longest window among the rules, in seconds."""
    seconds = 60
    for rule in rules.split(","):
        period = rule.split("/")[1].strip()
        seconds = max(seconds, int(period[:-1] or 1) * PERIODS[period[-1]])
    return seconds


class AccountRateLimitRetryAfterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 429
            and "Retry-After" not in response
            and request.path.startswith("/_allauth/")
        ):
            action = next((name for end, name in ACTIONS.items() if request.path.endswith(end)), None)
            rules = settings.ACCOUNT_RATE_LIMITS.get(action) if action else None
            # An upper bound: allauth does not expose when the current window ends.
            response["Retry-After"] = str(longest_period(rules) if rules else 60)
        return response
