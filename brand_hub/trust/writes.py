"""The project API's one gate for suspended accounts: every operation that writes (any unsafe method)
refuses an account under suspension, whichever router it comes from.

brand_hub/api.py installs `refuse_suspended_writes` on the whole API (ninja's `add_decorator`, in its
"operation" mode: around each view, after authentication, so the account is the one the API
authenticated). An operation that takes no account (anonymous counters, an unsubscribe link, a
server's API key) has nobody to refuse. The few writes a suspended person still needs, their own
erasure, are marked with `allowed_while_suspended`; signing out is allauth's, outside this API.
"""

import functools
import inspect

from asgiref.sync import sync_to_async

from django.contrib.auth import get_user_model

from .services import ensure_may_write

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def allowed_while_suspended(view_func):
    """Mark a write a suspended account may still make (under the router's decorator)."""
    view_func.allowed_while_suspended = True
    return view_func


def _check(request) -> None:
    account = getattr(request, "auth", None)
    if request.method not in SAFE_METHODS and isinstance(account, get_user_model()):
        ensure_may_write(account)


def refuse_suspended_writes(view_func):
    if getattr(view_func, "allowed_while_suspended", False):
        return view_func
    if inspect.isasyncgenfunction(view_func):

        @functools.wraps(view_func)
        async def guarded_stream(request, *args, **kwargs):
            await sync_to_async(_check)(request)
            async for item in view_func(request, *args, **kwargs):
                yield item

        return guarded_stream
    if inspect.iscoroutinefunction(view_func):

        @functools.wraps(view_func)
        async def guarded_coroutine(request, *args, **kwargs):
            if request.method not in SAFE_METHODS:
                await sync_to_async(_check)(request)
            return await view_func(request, *args, **kwargs)

        return guarded_coroutine

    @functools.wraps(view_func)
    def guarded(request, *args, **kwargs):
        _check(request)
        return view_func(request, *args, **kwargs)

    return guarded
