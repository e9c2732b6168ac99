"""How prosumers authenticate to the project's API: allauth's session cookie or its session token."""

from allauth.headless.contrib.ninja.security import x_session_token_auth
from ninja.security import django_auth

from django.contrib.auth import get_user_model

#: A browser frontend signs in with allauth's session cookie, an app with its X-Session-Token.
prosumer_auth = [x_session_token_auth, django_auth]


def optional_user(request):
    """The signed-in user on a public endpoint, or None (a token is honoured there too)."""
    user = getattr(request, "auth", None)
    if isinstance(user, get_user_model()):
        return user
    if request.user.is_authenticated:
        return request.user
    token_user = x_session_token_auth(request)
    return token_user if isinstance(token_user, get_user_model()) else None


def signed_in_user(request):
    """The user behind either kind of credential (the token auth returns it without a session)."""
    return request.auth if isinstance(request.auth, get_user_model()) else request.user
