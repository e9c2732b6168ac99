"""The router of every app in the project's API: each operation documents the errors the API answers for it
whatever its own code does."""

from collections.abc import Iterable
from typing import Any

from ninja import Router
from ninja.constants import NOT_SET

from django.core.exceptions import ImproperlyConfigured

from .schemas import ErrorSchema

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def shared_error_statuses(*, path: str, methods: Iterable[str], auth: Any) -> set[int]:
    """The statuses answered before or around a view, in the one error shape.

    400: a parameter or body that fails its schema, a NUL character or JSON the input middleware
    refuses (in any query, so every operation); 404: a path whose id names nothing or is no id;
    401: credentials missing on an endpoint that needs them; 403: the browser session's CSRF check on a
    write, and any write of a suspended account (brand_hub.users.auth); 413: a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE on a write.
    """
    statuses = {400}
    if "{" in path:
        statuses.add(404)
    auths = [] if auth in (NOT_SET, None) else auth if isinstance(auth, (list, tuple)) else [auth]
    writes = bool(WRITES & {method.upper() for method in methods})
    if auths:
        statuses.add(401)
        if writes and any(getattr(scheme, "csrf", False) for scheme in auths):
            statuses.add(403)
    if writes:
        statuses.add(413)
    return statuses


def declared_statuses(response: dict) -> set:
    """The statuses a response dict names; a key may be one status or several (ninja's `(400, 404)`)."""
    return {
        status
        for key in response
        for status in (key if isinstance(key, Iterable) and not isinstance(key, str) else [key])
    }


class ProjectRouter(Router):
    """Ninja's router, adding to each operation's responses the shared error statuses it does not declare.

    The operation's own declarations stand (its 409s, 429s, 503s, and its statuses' schemas); the
    statuses added use the one ErrorSchema, as the API's exception handlers answer them.
    """

    def add_api_operation(
        self, path: str, methods: list[str], view_func, *, response: Any = NOT_SET, **options
    ):
        auth = options.get("auth", NOT_SET)
        if auth is NOT_SET:
            auth = self.auth
        if response is NOT_SET:
            raise ImproperlyConfigured(f"{view_func.__qualname__}: declare the response it answers.")
        if not isinstance(response, dict):
            response = {200: response}
        missing = shared_error_statuses(path=path, methods=methods, auth=auth) - declared_statuses(response)
        response = {**response, **dict.fromkeys(sorted(missing), ErrorSchema)}
        super().add_api_operation(path, methods, view_func, response=response, **options)
