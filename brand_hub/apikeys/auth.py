"""`Authorization: Bearer bh_<prefix>_<secret>` for ninja: a key allowed one scope, every use logged."""

from ninja.security import HttpBearer

from django.http import HttpRequest
from django.utils.translation import gettext as _

from brand_hub.core.errors import NotAllowed, Refused

from .models import ApiKey, ApiScope
from .services import find_key, note_used

FIELD = "Authorization"


class ApiKeyAuth(HttpBearer):
    """A server-to-server client's key, allowed `scope`.

    No Authorization header: None, so that another scheme of the operation (an editor's session)
    may answer. A bearer key that is unknown, revoked or expired: 401; a key without the scope: 403.
    Both name the Authorization header in the one error shape. The use, refused or not, is logged
    with the answer's status by ApiKeyUseMiddleware.
    """

    openapi_description = "An API key made in the admin (Settings → API keys): `Bearer bh_<prefix>_<secret>`."

    def __init__(self, scope: str):
        if scope not in ApiScope.values:
            raise ValueError(f"Unknown API scope {scope!r}; use one of {ApiScope.values}")
        self.scope = scope
        super().__init__()

    def __call__(self, request: HttpRequest):
        request.api_key_scope = self.scope  # the 401 of a request without credentials names the scope
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        key = find_key(token.strip())
        if key is None:
            raise Refused(
                _("Unknown API key: send Authorization: Bearer bh_<prefix>_<secret>."),
                field=FIELD,
                status=401,
            )
        request.api_key_use = (key, self.scope)
        if key.is_revoked:
            raise Refused(_("This API key was revoked."), field=FIELD, status=401)
        if key.is_expired():
            raise Refused(_("This API key has expired."), field=FIELD, status=401)
        if self.scope not in key.scopes:
            raise NotAllowed(
                _("This API key is not allowed %(scope)s (its scopes: %(scopes)s).")
                % {"scope": self.scope, "scopes": ", ".join(key.scopes) or "-"},
                field=FIELD,
            )
        note_used(key)
        return key
