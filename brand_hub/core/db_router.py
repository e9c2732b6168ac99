"""Which database a read goes to: the primary ("default"), or the streaming replica when the read
tolerates a little lag (README, "PostgreSQL primary and replica").

Every write goes to the primary. A read goes to the replica only when all of these hold:
- a replica is configured (DATABASE_REPLICA_URL) and answers: one that refuses connections sends
  reads back to the primary for REPLICA_RETRY_SECONDS instead of failing them;
- the read is allowed to lag: an anonymous GET or HEAD of the content and public read APIs
  (ReplicaReadsMiddleware), or code inside `replica_reads()` (the insights' figures, search's
  visibility filter, commands that opt in);
- the client did not write in the last PRIMARY_PIN_SECONDS (a signed cookie, so whichever web node
  answers next knows), and the request or block has not written yet: it reads its own writes;
- no transaction is open on the primary: what an atomic block reads, it reads there.
"""

import logging
import time
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.core.signing import BadSignature
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
ROUTER = "brand_hub.core.db_router.PrimaryReplicaRouter"
#: The cookie that keeps a client that wrote on the primary for PRIMARY_PIN_SECONDS.
PIN_COOKIE = "brand_hub_primary_pin"
PIN_SALT = "brand_hub.core.db_router.pin"
#: A replica that refused a connection is left alone this long by each process.
REPLICA_RETRY_SECONDS = 10.0

#: Anonymous safe requests under these paths read published content and public lists only.
REPLICA_READ_PREFIXES = (
    "/api/v2/",
    "/api/v3/",
    "/api/locales/",
    "/api/site-settings/",
    "/api/community/",
    "/api/search",
    "/documents/",
)
#: A preview shows the draft an editor has just saved: never from a replica that may lag behind it.
PRIMARY_PATH_PARTS = ("/preview/",)
#: Headers that carry someone's credentials (a bearer token of v3, allauth's app session token).
CREDENTIAL_HEADERS = ("HTTP_AUTHORIZATION", "HTTP_X_SESSION_TOKEN")
#: The first keywords of statements that change nothing; anything else run on the primary is a write.
READ_ONLY_STATEMENTS = {"SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "SET", "SHOW", "EXPLAIN"}

_replica_down_until = 0.0


@dataclass
class ReadPolicy:
    """What one request (or one `replica_reads()` block outside requests) may read from the replica."""

    lag_tolerated: bool = False
    opted_in: int = 0
    pinned: bool = False
    wrote: bool = False
    replica_usable: bool | None = None

    def may_read_replica(self) -> bool:
        return (self.lag_tolerated or self.opted_in > 0) and not self.pinned and not self.wrote

    def note_writes(self, execute: Callable, sql: str, params, many: bool, context: dict):
        """An execute wrapper on the primary: remembers that a statement changed something."""
        if not self.wrote:
            words = sql.lstrip().split(None, 1)
            self.wrote = bool(words) and words[0].upper() not in READ_ONLY_STATEMENTS
        return execute(sql, params, many, context)


_policy: ContextVar[ReadPolicy | None] = ContextVar("brand_hub_read_policy", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES and ROUTER in settings.DATABASE_ROUTERS


def replica_usable(policy: ReadPolicy) -> bool:
    """Whether the replica answers, asked once per request or block; a refusal is remembered by the
    process for REPLICA_RETRY_SECONDS, so that a replica that is down costs no request a connection
    attempt each time."""
    global _replica_down_until
    if policy.replica_usable is None:
        if time.monotonic() < _replica_down_until:
            policy.replica_usable = False
        else:
            connection = connections[REPLICA]
            try:
                # Drops a kept connection that stopped answering (CONN_HEALTH_CHECKS), then connects.
                connection.close_if_health_check_failed()
                connection.ensure_connection()
            except DatabaseError as error:
                logger.warning("The replica refused a connection; reading from the primary: %s", error)
                _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
                policy.replica_usable = False
            else:
                policy.replica_usable = True
    return policy.replica_usable


class PrimaryReplicaRouter:
    """Writes and most reads on the primary; reads that tolerate lag on the replica (module docstring)."""

    def db_for_read(self, model, **hints) -> str:
        policy = _policy.get()
        if policy is None or not policy.may_read_replica():
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA if replica_usable(policy) else PRIMARY

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same rows, whichever copy they were read from

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool | None:
        return False if db == REPLICA else None


@contextmanager
def replica_reads():
    """Reads inside may come from the replica: for reads that tolerate a little lag, like figures and
    filters recomputed every few minutes anyway. A write inside sends the block's later reads to the
    primary; a client pinned to the primary stays there. Usable as a decorator."""
    policy = _policy.get()
    if policy is not None:
        policy.opted_in += 1
        try:
            yield
        finally:
            policy.opted_in -= 1
        return
    if not replica_configured():
        yield
        return
    policy = ReadPolicy(opted_in=1)
    token = _policy.set(policy)
    try:
        with connections[PRIMARY].execute_wrapper(policy.note_writes):
            yield
    finally:
        _policy.reset(token)


def pinned_to_primary(request: HttpRequest) -> bool:
    """Whether this client wrote less than PRIMARY_PIN_SECONDS ago (the signed cookie's own age)."""
    if PIN_COOKIE not in request.COOKIES:
        return False
    try:
        request.get_signed_cookie(PIN_COOKIE, salt=PIN_SALT, max_age=settings.PRIMARY_PIN_SECONDS)
    except BadSignature:  # tampered with, or older than the pin
        return False
    return True


def tolerates_lag(request: HttpRequest) -> bool:
    """An anonymous read of public content: a GET or HEAD under REPLICA_READ_PREFIXES with no credentials.

    Requests with a session cookie, a session token or an Authorization header read from the primary:
    editors see the drafts and decisions they just made, and a prosumer's own votes, reactions,
    memberships and notifications are exact. They are few beside anonymous reads, which frontends,
    crawlers and caches make, so the replica still carries most of the load.
    """
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(REPLICA_READ_PREFIXES)
        and not any(part in request.path for part in PRIMARY_PATH_PARTS)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not any(header in request.META for header in CREDENTIAL_HEADERS)
    )


class ReplicaReadsMiddleware:
    """Decides each request's ReadPolicy and pins a client that wrote to the primary for a while.

    Outermost, so that every read of the request is routed, the locale's and the content cache's too.
    Not used at all without a replica.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        if not replica_configured():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        policy = ReadPolicy(lag_tolerated=tolerates_lag(request), pinned=pinned_to_primary(request))
        token = _policy.set(policy)
        try:
            with connections[PRIMARY].execute_wrapper(policy.note_writes):
                response = self.get_response(request)
        finally:
            _policy.reset(token)
        safe = request.method in ("GET", "HEAD", "OPTIONS", "TRACE")
        if policy.wrote or not safe:
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=PIN_SALT,
                max_age=settings.PRIMARY_PIN_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
            if safe:
                # A read that wrote sets this client's pin: not an answer for a shared cache to give others.
                patch_cache_control(response, private=True)
        return response
