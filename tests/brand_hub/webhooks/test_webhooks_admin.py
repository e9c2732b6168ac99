"""Editors register webhook endpoints in the admin, read the deliveries log, replay and ping."""

import pytest

from django.db import transaction
from django.utils import timezone

from brand_hub.events.services import record_event
from brand_hub.users.roles import EDITORS, PROSUMERS
from brand_hub.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from tests.conftest import person

from .conftest import verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(roles, django_user_model):
    """An editor who works in the admin in English (the site's default language is Spanish)."""
    from wagtail.users.models import UserProfile

    client = person(django_user_model, "eva", EDITORS)
    UserProfile.objects.update_or_create(user=client.user, defaults={"preferred_language": "en"})
    return client


def endpoint_form(**changes) -> dict:
    return {
        "name": "Help desk",
        "url": "https://desk.example.com/hooks",
        "event_kinds": ["comment.posted", "complaint.resolved"],
        "active": "on",
        **changes,
    }


def test_an_editor_registers_an_endpoint_with_its_events_and_sees_its_secret_once(editor):
    response = editor.get("/admin/webhooks/endpoints/new/")
    assert response.status_code == 200
    assert b'value="idea.status_changed"' in response.content  # one checkbox per kind

    response = editor.post("/admin/webhooks/endpoints/new/", endpoint_form())

    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/webhooks/endpoints/{endpoint.pk}/secret/"
    assert endpoint.event_kinds == ["comment.posted", "complaint.resolved"]
    assert endpoint.active and endpoint.created_by == editor.user
    assert endpoint.secret.startswith("whsec_")
    shown = editor.get(response["Location"])
    assert endpoint.secret in shown.content.decode()
    again = editor.get(response["Location"])
    assert endpoint.secret not in again.content.decode(), "shown once"

    response = editor.post(
        f"/admin/webhooks/endpoints/edit/{endpoint.pk}/",
        endpoint_form(event_kinds=["idea.implemented"], active=""),
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.event_kinds, endpoint.active) == (["idea.implemented"], False)
    edit = editor.get(f"/admin/webhooks/endpoints/edit/{endpoint.pk}/").content.decode()
    assert endpoint.secret not in edit, "the edit form never shows the secret"

    editor.post(f"/admin/webhooks/endpoints/{endpoint.pk}/rotate/")
    endpoint.refresh_from_db()
    assert endpoint.previous_secret and endpoint.previous_secret != endpoint.secret
    assert endpoint.secret in editor.get(f"/admin/webhooks/endpoints/{endpoint.pk}/secret/").content.decode()


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://desk.example.com/hooks", "Use https://"),
        ("ftp://desk.example.com/hooks", "Enter a full https:// URL"),
        ("not a url", "Enter a valid URL"),
        ("https://169.254.169.254/latest/meta-data/", "not allowed as a webhook endpoint"),
        ("https://user:pw@desk.example.com/hooks", "no user name or password"),
    ],
)
def test_a_bad_endpoint_url_is_refused_with_a_clear_error(editor, url, message):
    response = editor.post("/admin/webhooks/endpoints/new/", endpoint_form(url=url))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["url"]
    assert message in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_plain_http_to_this_machine_is_refused_outside_development(editor, settings):
    settings.WEBHOOKS_ALLOW_LOCAL_HTTP = False

    response = editor.post("/admin/webhooks/endpoints/new/", endpoint_form(url="http://127.0.0.1:9/hooks"))

    assert list(response.context["form"].errors) == ["url"]
    assert "Use https://" in response.content.decode()


def test_an_unknown_event_kind_is_refused(editor):
    response = editor.post("/admin/webhooks/endpoints/new/", endpoint_form(event_kinds=["comment.exploded"]))

    assert response.status_code == 200
    assert "event_kinds" in response.context["form"].errors
    assert not WebhookEndpoint.objects.exists()


def test_a_prosumer_cannot_reach_the_webhooks_admin(roles, django_user_model, endpoint):
    prosumer = person(django_user_model, "pablo", PROSUMERS)

    assert prosumer.get("/admin/webhooks/endpoints/").status_code == 302  # to the admin's login
    assert prosumer.post(f"/admin/webhooks/endpoints/{endpoint.pk}/ping/").status_code in (302, 403)


def test_replaying_a_delivery_from_the_admin_sends_it_again_now(
    editor, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answers = [500]
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            record_event(kind="idea.status_changed", payload={"idea_id": 4, "from": "new", "to": "planned"})
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED

    log = editor.get(
        f"/admin/webhooks/deliveries/?endpoint={endpoint.pk}&status=failed&kind=idea.status_changed"
    )
    assert log.status_code == 200
    assert f"/admin/webhooks/deliveries/{delivery.pk}/replay/" in log.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"/admin/webhooks/deliveries/{delivery.pk}/replay/", {"next": "/admin/webhooks/deliveries/"}
        )

    assert response.status_code == 302 and response["Location"] == "/admin/webhooks/deliveries/"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2
    assert [call["json"]["type"] for call in receiver.calls] == ["idea.status_changed"] * 2
    assert receiver.calls[0]["body"] == receiver.calls[1]["body"]
    assert {call["headers"]["Webhook-Id"] for call in receiver.calls} == {f"msg_{delivery.pk}"}
    inspect = editor.get(f"/admin/webhooks/deliveries/inspect/{delivery.pk}/").content.decode()
    assert "HTTP 500" in inspect, "the attempts are listed"
    assert "&quot;type&quot;: &quot;idea.status_changed&quot;" in inspect, "and the body sent"


def test_the_deliveries_log_filters_by_endpoint_status_and_kind(editor, endpoint, receiver):
    other = WebhookEndpoint.objects.create(name="Cache", url=receiver.url, event_kinds=["page.published"])
    WebhookDelivery.objects.create(endpoint=endpoint, kind="comment.posted", status="succeeded")
    WebhookDelivery.objects.create(endpoint=endpoint, kind="idea.status_changed", status="given_up")
    WebhookDelivery.objects.create(endpoint=other, kind="page.published", status="failed")

    def listed(query: str) -> list[str]:
        response = editor.get(f"/admin/webhooks/deliveries/?{query}")
        assert response.status_code == 200
        return sorted(delivery.kind for delivery in response.context["object_list"])

    assert listed("") == ["comment.posted", "idea.status_changed", "page.published"]
    assert listed(f"endpoint={endpoint.pk}") == ["comment.posted", "idea.status_changed"]
    assert listed("status=given_up") == ["idea.status_changed"]
    assert listed("kind=page.published") == ["page.published"]


def test_a_test_ping_is_sent_signed_and_its_answer_reported(editor, endpoint, receiver):
    response = editor.post(f"/admin/webhooks/endpoints/{endpoint.pk}/ping/", follow=True)

    (call,) = receiver.calls
    assert call["json"]["type"] == "webhook.ping"
    assert call["json"]["data"] == {"endpoint": "CRM"}
    assert verify(secret=endpoint.secret, headers=call["headers"], body=call["body"])
    assert "the endpoint answered 200" in response.content.decode()
    ping = WebhookDelivery.objects.get(kind="webhook.ping")
    assert ping.status == DeliveryStatus.SUCCEEDED and ping.event is None

    receiver.answers = [404]
    response = editor.post(f"/admin/webhooks/endpoints/{endpoint.pk}/ping/", follow=True)
    assert "failed: HTTP 404" in response.content.decode()
    assert WebhookDelivery.objects.filter(kind="webhook.ping", status="given_up").count() == 1


def test_deliveries_cannot_be_added_or_edited_by_hand(editor, endpoint):
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, kind="comment.posted", next_attempt_at=timezone.now()
    )

    assert editor.get("/admin/webhooks/deliveries/new/").status_code in (403, 302)
    assert editor.get(f"/admin/webhooks/deliveries/edit/{delivery.pk}/").status_code in (403, 302, 404)
    assert editor.get(f"/admin/webhooks/deliveries/inspect/{delivery.pk}/").status_code == 200
