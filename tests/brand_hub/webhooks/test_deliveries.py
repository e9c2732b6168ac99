"""Outgoing webhooks: an event recorded with a change is POSTed, signed, to the endpoints that want it,
once the change commits, and retried after a failure until it is taken or given up."""

import datetime
import io
import threading
import time

import pytest

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from brand_hub.events.services import record_event
from brand_hub.webhooks import services
from brand_hub.webhooks.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from tests.brand_hub.community.test_follows_and_notifications import run_the_worker

from .conftest import verify

pytestmark = pytest.mark.django_db

PAYLOAD = {"comment_id": 7, "page_id": 3, "locale": "pl", "text": "Świetny pomysł"}


def comment_posted(capture, **kwargs):
    """A change that records `comment.posted` in its transaction, run to its commit."""
    with capture(execute=True):
        with transaction.atomic():
            return record_event(kind=kwargs.pop("kind", "comment.posted"), payload=PAYLOAD, object_id="7")


def test_an_event_is_posted_to_a_subscribed_endpoint_signed_once_its_change_commits(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            event = record_event(kind="comment.posted", payload=PAYLOAD, object_id="7")
        assert receiver.calls == [], "nothing leaves before the change commits"

    (call,) = receiver.calls
    delivery = WebhookDelivery.objects.get()
    assert call["path"] == "/hooks/brand-hub"
    assert call["headers"]["Content-Type"] == "application/json"
    assert call["headers"]["Webhook-Id"] == f"msg_{delivery.pk}"
    assert call["json"] == {
        "id": f"evt_{event.pk}",
        "type": "comment.posted",
        "occurred_at": event.occurred_at.astimezone(datetime.UTC).isoformat(timespec="milliseconds")[:-6]
        + "Z",
        "data": PAYLOAD,
    }
    assert verify(secret=endpoint.secret, headers=call["headers"], body=call["body"])
    assert not verify(secret=services.new_secret(), headers=call["headers"], body=call["body"])
    tampered = call["body"].replace(b"7", b"8")
    assert not verify(secret=endpoint.secret, headers=call["headers"], body=tampered)
    assert (delivery.endpoint, delivery.event, delivery.kind) == (endpoint, event, "comment.posted")
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 1
    assert delivery.delivered_at is not None and delivery.next_attempt_at is None
    assert delivery.last_status_code == 200 and delivery.last_response_ms is not None
    (attempt,) = WebhookAttempt.objects.all()
    assert (attempt.number, attempt.status_code, attempt.succeeded, attempt.error) == (1, 200, True, "")


def test_a_rolled_back_change_creates_no_delivery_and_sends_nothing(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    class ChangeFailed(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ChangeFailed):
            with transaction.atomic():
                record_event(kind="comment.posted", payload=PAYLOAD)
                assert WebhookDelivery.objects.count() == 1  # made in the change's transaction
                raise ChangeFailed

    assert callbacks == []
    assert WebhookDelivery.objects.count() == 0
    assert receiver.calls == []


def test_an_inactive_endpoint_and_one_not_subscribed_to_the_kind_get_nothing(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(name="Help desk", url=receiver.url + "/off", active=False,
                                   event_kinds=["comment.posted"])  # fmt: skip
    WebhookEndpoint.objects.create(name="Cache", url=receiver.url + "/pages", event_kinds=["page.published"])
    WebhookEndpoint.objects.create(name="Nothing ticked", url=receiver.url + "/none", event_kinds=[])

    comment_posted(django_capture_on_commit_callbacks)

    assert [call["path"] for call in receiver.calls] == ["/hooks/brand-hub"]
    assert list(WebhookDelivery.objects.values_list("endpoint__name", flat=True)) == ["CRM"]


def test_a_failing_endpoint_is_retried_after_its_backoff_and_each_attempt_is_logged(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answers = [500, 503]

    before = timezone.now()
    comment_posted(django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 1
    assert delivery.last_status_code == 500 and delivery.last_error == "HTTP 500"
    # 30 s, give or take the jitter
    assert before + datetime.timedelta(seconds=23) < delivery.next_attempt_at
    assert delivery.next_attempt_at < timezone.now() + datetime.timedelta(seconds=37)
    assert services.sweep() == 0, "not due yet"

    # Development's immediate queue cannot wait: the sweep sends what is due.
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    assert services.sweep() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 2
    assert delivery.next_attempt_at > timezone.now() + datetime.timedelta(seconds=90)  # 2 min, jittered

    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    out = io.StringIO()
    call_command("deliver_webhooks", stdout=out)
    assert out.getvalue() == "Attempted 1 webhook deliveries.\n"

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 3
    assert delivery.last_status_code == 200 and delivery.last_error == ""
    assert list(delivery.attempt_log.values_list("number", "status_code", "succeeded")) == [
        (1, 500, False),
        (2, 503, False),
        (3, 200, True),
    ]
    ids = {call["headers"]["Webhook-Id"] for call in receiver.calls}
    assert ids == {f"msg_{delivery.pk}"}, "every attempt carries the same Webhook-Id"
    assert all(verify(secret=endpoint.secret, headers=c["headers"], body=c["body"]) for c in receiver.calls)


def test_a_delivery_is_given_up_after_the_last_attempt_of_the_schedule(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answers = [500] * 6

    comment_posted(django_capture_on_commit_callbacks)
    for _attempt in range(5):
        WebhookDelivery.objects.update(next_attempt_at=timezone.now())
        assert services.sweep() == 1

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.GIVEN_UP and delivery.attempts == 6
    assert delivery.next_attempt_at is None
    assert services.sweep() == 0
    assert len(receiver.calls) == 6


def test_a_timeout_is_logged_as_a_failed_attempt(
    endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_TIMEOUT = 0.3
    receiver.answers = [("sleep", 1.0)]

    comment_posted(django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_status_code is None
    assert delivery.last_error == "timed out after 0.3 s"
    assert 300 <= delivery.last_response_ms < 1000
    (attempt,) = delivery.attempt_log.all()
    assert (attempt.status_code, attempt.error, attempt.succeeded) == (None, "timed out after 0.3 s", False)


def test_a_redirect_is_not_followed_and_counts_as_a_failure(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answers = [receiver.url + "/elsewhere"]

    comment_posted(django_capture_on_commit_callbacks)

    assert [call["path"] for call in receiver.calls] == ["/hooks/brand-hub"]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_status_code, delivery.last_error) == ("failed", 302, "HTTP 302")


def test_an_unreachable_endpoint_is_logged_with_its_error(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.shutdown()
    receiver.server_close()

    comment_posted(django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.last_status_code is None
    assert "refused" in delivery.last_error.lower()


def test_a_delivery_claimed_by_a_worker_that_died_is_sent_by_the_sweep_once_its_lease_is_over(
    endpoint, receiver
):
    with transaction.atomic():  # its task is never run here: as good as lost
        record_event(kind="comment.posted", payload=PAYLOAD)
    delivery = WebhookDelivery.objects.get()
    assert services.claim(delivery.pk) is not None  # ... and the worker dies before its POST

    assert services.claim(delivery.pk) is None, "nobody else takes it while the lease runs"
    assert services.sweep() == 0

    # The lease runs out.
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    assert services.sweep() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2
    assert len(receiver.calls) == 1


def test_a_rotated_secret_signs_beside_the_new_one_for_a_day(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    old = endpoint.secret
    services.rotate_secret(endpoint=endpoint)

    comment_posted(django_capture_on_commit_callbacks)

    (call,) = receiver.calls
    assert len(call["headers"]["Webhook-Signature"].split()) == 2
    assert verify(secret=old, headers=call["headers"], body=call["body"])
    assert verify(secret=endpoint.secret, headers=call["headers"], body=call["body"])

    WebhookEndpoint.objects.update(previous_secret_expires_at=timezone.now())
    assert WebhookEndpoint.objects.get().signing_secrets() == [endpoint.secret]


@pytest.mark.django_db(transaction=True)
def test_with_queued_tasks_a_worker_sends_the_delivery_and_queues_the_retry_for_later(
    endpoint, receiver, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    receiver.answers = [500]
    queued = DBTaskResult.objects.filter(task_path="brand_hub.webhooks.tasks.deliver_webhook")
    with transaction.atomic():
        record_event(kind="comment.posted", payload=PAYLOAD)
        assert queued.count() == 0, "queued once the change commits"

    assert queued.count() == 1
    assert receiver.calls == [], "the request itself sends nothing"
    run_the_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and len(receiver.calls) == 1
    retry = queued.get(status="READY")
    assert abs((retry.run_after - delivery.next_attempt_at).total_seconds()) < 0.001

    run_the_worker()  # the retry is not due yet
    assert len(receiver.calls) == 1
    # Time passes.
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    queued.filter(status="READY").update(run_after=timezone.now())
    run_the_worker()

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2
    assert list(delivery.attempt_log.values_list("status_code", flat=True)) == [500, 200]


def test_the_sweep_forgets_finished_deliveries_after_the_kept_days_but_never_owed_ones(endpoint, settings):
    settings.WEBHOOKS_KEEP_DAYS = 30
    old = timezone.now() - datetime.timedelta(days=31)
    recent = timezone.now() - datetime.timedelta(days=29)
    kept_owed = WebhookDelivery.objects.create(
        endpoint=endpoint, kind="comment.posted", status="failed", created_at=old,
        next_attempt_at=timezone.now() + datetime.timedelta(hours=1),
    )  # fmt: skip
    kept_recent = WebhookDelivery.objects.create(
        endpoint=endpoint, kind="comment.posted", status="succeeded", created_at=recent, next_attempt_at=None
    )
    for status in ("succeeded", "given_up"):
        gone = WebhookDelivery.objects.create(
            endpoint=endpoint, kind="comment.posted", status=status, created_at=old, next_attempt_at=None
        )
        WebhookAttempt.objects.create(delivery=gone, number=1, response_ms=5, succeeded=status == "succeeded")

    out = io.StringIO()
    call_command("deliver_webhooks", stdout=out)

    assert out.getvalue() == "Deleted 2 finished deliveries from the log.\n"
    assert set(WebhookDelivery.objects.all()) == {kept_owed, kept_recent}
    assert not WebhookAttempt.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's lock waits")
@pytest.mark.django_db(transaction=True)
def test_a_worker_that_reaches_a_delivery_another_is_claiming_finds_it_taken(endpoint, receiver):
    """The task and the sweep (or two workers) at one delivery, each on its own connection as two
    processes would be: the second claim waits for the first to commit, then finds nothing to take."""
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, kind="comment.posted")
    second: list = []

    def second_worker():
        try:
            second.append(services.claim(delivery.pk))
        finally:
            connection.close()

    with transaction.atomic():
        assert services.claim(delivery.pk) is not None
        thread = threading.Thread(target=second_worker)
        thread.start()
        deadline = time.monotonic() + 5
        with connection.cursor() as cursor:  # until the second claim waits on the row's lock
            while time.monotonic() < deadline:
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                if cursor.fetchone()[0]:
                    break
                time.sleep(0.01)
    thread.join(timeout=5)

    assert second == [None]
    assert services.deliver(delivery.pk) is None, "nor does anyone else while the lease runs"
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and receiver.calls == []
