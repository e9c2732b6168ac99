"""Webhook deliveries: created with the event, sent after the commit, retried with backoff, swept when owed.

A delivery is sent by the `deliver_webhook` task queued once its event commits, and each failed
attempt queues the next one for later (RETRY_SCHEDULE, with jitter). A worker claims a delivery
before its POST by moving `next_attempt_at` a lease ahead: a second worker (the task and the sweep)
finds nothing to claim, and a worker that dies mid-POST leaves a delivery the sweep
(`manage.py deliver_webhooks`) takes again once the lease is over. A delivery is therefore never
lost, and in that rare case sent twice with the same Webhook-Id, by which the receiver de-duplicates.
"""

import datetime
import json
import logging
import random
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from brand_hub.headless.timestamps import iso_timestamp

from . import signing
from .models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint, new_secret

logger = logging.getLogger(__name__)

#: How long after a failed attempt the next one is due: six attempts in all over about 7 hours,
#: then the delivery is given up (an editor can still replay it from the admin).
RETRY_SCHEDULE = (
    datetime.timedelta(seconds=30),
    datetime.timedelta(minutes=2),
    datetime.timedelta(minutes=10),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=6),
)
#: Each wait is stretched or shrunk by up to this share, so that the deliveries that failed together
#: (an endpoint down for a while) do not all come back at the same second.
JITTER = 0.2
#: A claimed delivery is left alone this long: far more than an attempt takes (the timeout), after
#: which the worker that claimed it is taken to have died.
LEASE = datetime.timedelta(minutes=2)
PING = "webhook.ping"
#: How long the previous secret still signs after a rotation, while the receiver changes its copy.
ROTATION_OVERLAP = datetime.timedelta(hours=24)
OWED = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)


def backoff(attempts: int) -> datetime.timedelta | None:
    """The wait after the `attempts`-th attempt failed; None when it was the last one."""
    if attempts > len(RETRY_SCHEDULE):
        return None
    return RETRY_SCHEDULE[attempts - 1] * random.uniform(1 - JITTER, 1 + JITTER)


#: The event kinds some active endpoint wants, in the shared cache: most events (a notification to each
#: of a thousand followers) are wanted by none, and cost no query. Cleared when an endpoint changes.
SUBSCRIBED_KINDS_CACHE_KEY = "webhooks:subscribed-kinds"


def subscribed_kinds() -> frozenset[str]:
    kinds = cache.get(SUBSCRIBED_KINDS_CACHE_KEY)
    if kinds is None:
        rows = WebhookEndpoint.objects.filter(active=True).values_list("event_kinds", flat=True)
        kinds = frozenset(kind for event_kinds in rows for kind in event_kinds)
        cache.set(SUBSCRIBED_KINDS_CACHE_KEY, kinds, timeout=None)
    return kinds


def forget_subscribed_kinds() -> None:
    cache.delete(SUBSCRIBED_KINDS_CACHE_KEY)


def create_deliveries(*, event) -> list[WebhookDelivery]:
    """One delivery per active endpoint subscribed to the event's kind, in the caller's transaction,
    each queued once that commits (a rolled-back change sends nothing)."""
    if event.kind not in subscribed_kinds():
        return []
    # A brand has a handful of endpoints: read them all rather than query into the JSON list, which
    # SQLite (development's default database) cannot.
    endpoints = [
        endpoint for endpoint in WebhookEndpoint.objects.filter(active=True) if endpoint.wants(event.kind)
    ]
    if not endpoints:
        return []
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(endpoint=endpoint, event=event, kind=event.kind) for endpoint in endpoints]
    )
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: enqueue(ids), robust=True)
    return deliveries


def enqueue(delivery_ids: list[int], *, run_after: datetime.datetime | None = None) -> None:
    """Queue a delivery task for each; a queue that refuses leaves the deliveries to the sweep."""
    from .tasks import deliver_webhook

    task = deliver_webhook
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the immediate backend (development) cannot wait: the sweep sends it when due
        task = task.using(run_after=run_after)
    for delivery_id in delivery_ids:
        try:
            task.enqueue(delivery_id)
        except Exception:
            logger.exception("webhooks: could not queue delivery %s; the sweep will send it", delivery_id)


def claim(delivery_id: int, *, now: datetime.datetime | None = None) -> WebhookDelivery | None:
    """Take the delivery for one attempt if it is owed, due and its endpoint active; None otherwise."""
    now = now or timezone.now()
    # Conditions on the delivery's own columns, which PostgreSQL checks again on the row a concurrent
    # claim has just updated; through a join (`endpoint__active`) Django would write `id IN (SELECT
    # ...)`, read in the statement's snapshot, and two workers could both take the delivery.
    active = WebhookEndpoint.objects.filter(active=True).values("pk")
    taken = WebhookDelivery.objects.filter(
        pk=delivery_id, status__in=OWED, next_attempt_at__lte=now, endpoint_id__in=active
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    if not taken:
        return None
    return WebhookDelivery.objects.select_related("endpoint", "event").get(pk=delivery_id)


def deliver(delivery_id: int) -> WebhookDelivery | None:
    """Attempt the delivery if it is owed and due (a task's or the sweep's work); None if it was not."""
    delivery = claim(delivery_id)
    if delivery is None:
        return None
    return attempt(delivery)


def body_of(delivery: WebhookDelivery) -> bytes:
    event = delivery.event
    if event is None:
        message = {
            "id": f"ping_{delivery.pk}",
            "type": PING,
            "occurred_at": iso_timestamp(delivery.created_at),
            "data": {"endpoint": delivery.endpoint.name},
        }
    else:
        message = {
            "id": f"evt_{event.pk}",
            "type": event.kind,
            "occurred_at": iso_timestamp(event.occurred_at),
            "data": event.payload,
        }
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass
class Response:
    status_code: int | None
    ms: int
    error: str

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is the endpoint's answer, not a new address to send the event to."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


def post(*, url: str, body: bytes, headers: dict[str, str]) -> Response:
    """POST `body` and return its status and time; the response's own body is not read."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "BrandHub-Webhooks/1", **headers},
    )
    started = time.monotonic()
    status_code, error = None, ""
    try:
        with _opener.open(request, timeout=settings.WEBHOOKS_TIMEOUT) as response:
            status_code = response.status
    except urllib.error.HTTPError as refusal:
        status_code = refusal.code
        refusal.close()
    except TimeoutError:
        error = f"timed out after {settings.WEBHOOKS_TIMEOUT:g} s"
    except urllib.error.URLError as failure:
        reason = failure.reason
        error = (
            f"timed out after {settings.WEBHOOKS_TIMEOUT:g} s"
            if isinstance(reason, (TimeoutError, socket.timeout))
            else str(reason)
        )
    except Exception as failure:  # a malformed answer, a reset connection: the attempt failed
        error = f"{type(failure).__name__}: {failure}"
    ms = round((time.monotonic() - started) * 1000)
    if status_code is not None and not 200 <= status_code < 300:
        error = f"HTTP {status_code}"
    return Response(status_code=status_code, ms=ms, error=error[:200])


def attempt(delivery: WebhookDelivery) -> WebhookDelivery:
    """POST a claimed delivery, log the attempt, and mark it succeeded, due again, or given up."""
    body = body_of(delivery)
    endpoint = delivery.endpoint
    response = post(
        url=endpoint.url,
        body=body,
        headers=signing.headers(
            secrets=endpoint.signing_secrets(),
            message_id=delivery.message_id,
            timestamp=int(time.time()),
            body=body,
        ),
    )
    now = timezone.now()
    wait = None if delivery.kind == PING else backoff(delivery.attempts)
    if response.succeeded:
        delivery.status, delivery.next_attempt_at, delivery.delivered_at = DeliveryStatus.SUCCEEDED, None, now
    elif wait is None:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.GIVEN_UP, None
    else:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, now + wait
    delivery.last_status_code = response.status_code
    delivery.last_response_ms = response.ms
    delivery.last_error = response.error
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempts,
            attempted_at=now,
            status_code=response.status_code,
            response_ms=response.ms,
            error=response.error,
            succeeded=response.succeeded,
        )
        delivery.save(
            update_fields=[
                "status",
                "next_attempt_at",
                "delivered_at",
                "last_status_code",
                "last_response_ms",
                "last_error",
            ]
        )
    log = logger.info if response.succeeded else logger.warning
    log(
        "webhooks: %s %s to %s, attempt %s: %s in %s ms, %s",
        delivery.kind,
        delivery.message_id,
        endpoint.url,
        delivery.attempts,
        response.status_code or response.error,
        response.ms,
        delivery.status,
    )
    if delivery.status == DeliveryStatus.FAILED:
        enqueue([delivery.pk], run_after=delivery.next_attempt_at)
    return delivery


def sweep(*, limit: int = 500, grace: datetime.timedelta = datetime.timedelta(0)) -> int:
    """Attempt the deliveries overdue by more than `grace` (a lost task, a dead worker, development's
    immediate queue, which cannot wait for a retry); how many were attempted."""
    due = WebhookDelivery.objects.filter(
        status__in=OWED, next_attempt_at__lte=timezone.now() - grace, endpoint__active=True
    ).order_by("next_attempt_at")
    attempted = 0
    for delivery_id in due.values_list("pk", flat=True)[:limit]:
        attempted += deliver(delivery_id) is not None
    return attempted


def prune(*, now: datetime.datetime | None = None) -> int:
    """Forget the deliveries finished (taken or given up) more than WEBHOOKS_KEEP_DAYS ago, with their
    attempts; owed ones are kept whatever their age. How many deliveries were deleted."""
    if not settings.WEBHOOKS_KEEP_DAYS:
        return 0
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.WEBHOOKS_KEEP_DAYS)
    finished = WebhookDelivery.objects.exclude(status__in=OWED).filter(created_at__lt=cutoff)
    _total, by_model = finished.delete()
    return by_model.get(WebhookDelivery._meta.label, 0)


def replay(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Attempt the delivery again now, whatever became of it; a failure is retried as before."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: enqueue([delivery.pk]), robust=True)
    delivery.refresh_from_db()
    return delivery


def ping(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Send a `webhook.ping` to the endpoint at once, active or not, and return what came of it."""
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, kind=PING, attempts=1, next_attempt_at=None)
    return attempt(WebhookDelivery.objects.select_related("endpoint").get(pk=delivery.pk))


def rotate_secret(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """A new secret, shown once; the previous one still signs for ROTATION_OVERLAP."""
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = timezone.now() + ROTATION_OVERLAP
    endpoint.secret = new_secret()
    endpoint.secret_shown = False
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at", "secret_shown"])
    return endpoint


def reveal_secret(*, endpoint_id: int) -> str | None:
    """The endpoint's secret if it has not been shown yet (and from now on it has); else None."""
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint_id)
        if endpoint.secret_shown:
            return None
        endpoint.secret_shown = True
        endpoint.save(update_fields=["secret_shown"])
        return endpoint.secret
