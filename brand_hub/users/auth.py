"""How prosumers authenticate to the project's API: allauth's session cookie or its session token."""

from allauth.headless.contrib.ninja.security import XSessionTokenAuth
from allauth.headless.internal import sessionkit
from allauth.headless.tokens.strategies.sessions import SessionTokenStrategy
from ninja.security import SessionAuth

from django.contrib.auth import get_user_model

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class OneQuerySessionTokenStrategy(SessionTokenStrategy):
    """allauth's session tokens, looked up with one query instead of two.

    The stock strategy asks whether the session exists and then loads it; loading alone tells the
    same (a missing or expired session clears its key), as allauth's own `sessionkit.lookup_session`
    does. Every request of an app carries the token, so this is one query less on each.
    """

    def lookup_session(self, session_token: str):
        return sessionkit.lookup_session(session_token)


class RefusesSuspendedWrites:
    """A write (any unsafe method) by an account under suspension is refused here, as the account is
    authenticated: 403 in the one error shape, field "account" (brand_hub.trust.services), before the
    request's input is read. Every operation of the project API that a person writes through
    authenticates with these classes, so none is missed; `while_suspended=True` makes the credentials
    of the few writes a suspended person still needs (their own erasure). Signing out is allauth's.
    """

    def __init__(self, *args, while_suspended: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.while_suspended = while_suspended

    def __call__(self, request):
        account = super().__call__(request)
        if account and not self.while_suspended and request.method not in SAFE_METHODS:
            from brand_hub.trust.services import ensure_may_write  # the trust app decides

            ensure_may_write(account)
        return account


class SessionTokenAuth(RefusesSuspendedWrites, XSessionTokenAuth):
    """allauth's X-Session-Token, described as a header API key in the OpenAPI document.

    allauth's own class declares only `apiKey`, without where the key goes: an invalid security
    scheme, so the docs' Authorize button could not send it and schema tools refused the document.
    """

    openapi_in = "header"
    openapi_name = "X-Session-Token"
    openapi_description = (
        "The session token an app receives from allauth's /_allauth/app/v1/auth/login "
        "(meta.session_token), sent on every request."
    )


session_token_auth = SessionTokenAuth()


class BrowserSessionAuth(RefusesSuspendedWrites, SessionAuth):
    """Django's session cookie, CSRF-checked; a request without the cookie is simply not signed in.

    Ninja's own session auth checks CSRF before looking at the cookie, so an app that sent a stale
    token, or nobody at all, got "403 CSRF check Failed" instead of 401. Without a session cookie
    there is nothing for a cross-site request to forge.
    """

    openapi_description = (
        "The session cookie of allauth's browser flow (/_allauth/browser/v1/auth/login); "
        "writes also send the csrftoken cookie's value in the X-CSRFToken header."
    )

    def _get_key(self, request):
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)


#: A browser frontend signs in with allauth's session cookie, an app with its X-Session-Token.
prosumer_auth = [session_token_auth, BrowserSessionAuth()]
#: The same, for the writes a suspended account may still make.
prosumer_auth_while_suspended = [
    SessionTokenAuth(while_suspended=True),
    BrowserSessionAuth(while_suspended=True),
]


def optional_user(request):
    """The signed-in user on a public endpoint, or None (a token is honoured there too)."""
    user = getattr(request, "auth", None)
    if isinstance(user, get_user_model()):
        return user
    if request.user.is_authenticated:
        return request.user
    token_user = session_token_auth(request)
    return token_user if isinstance(token_user, get_user_model()) else None


def signed_in_user(request):
    """The user behind either kind of credential (the token auth returns it without a session)."""
    return request.auth if isinstance(request.auth, get_user_model()) else request.user
