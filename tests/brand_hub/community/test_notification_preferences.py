"""Prosumers choose, kind by kind, to hear of notifications in the app, by e-mail too, or not at all."""

import pytest

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from brand_hub.community.models import (
    DigestSubscription,
    Notification,
    NotificationPreference,
)
from brand_hub.community.notifications import channel_for, notify
from brand_hub.ideas.services import change_idea_status
from brand_hub.users.roles import EDITORS
from tests.conftest import person

pytestmark = pytest.mark.django_db

JSON = "application/json"
URL = "/api/community/me/notification-preferences"


def choose(client, **body):
    return client.put(URL, body, content_type=JSON)


def test_without_a_choice_every_kind_comes_in_the_app_and_by_e_mail_as_before(lucia):
    answer = lucia.get(URL)
    assert answer.status_code == 200
    assert answer.json() == {
        "kinds": [
            {"kind": "reply", "label": "Respuesta", "channel": "email", "default_channel": "email"},
            {"kind": "comment", "label": "Nuevo comentario", "channel": "email", "default_channel": "email"},
            {
                "kind": "status_change",
                "label": "Cambio de estado",
                "channel": "email",
                "default_channel": "email",
            },
            {
                "kind": "official_response",
                "label": "Respuesta oficial",
                "channel": "email",
                "default_channel": "email",
            },
            {
                "kind": "answered_by_idea",
                "label": "Respondido por una idea",
                "channel": "email",
                "default_channel": "email",
            },
        ],
        "digest_frequency": "off",
    }
    assert channel_for(lucia.user.pk, "reply") == "email"
    assert channel_for(lucia.user.pk, "a_kind_added_later") == "email"


def test_the_labels_are_in_the_persons_own_language(lucia):
    lucia.user.preferred_locale = "pl"
    lucia.user.save()
    labels = {row["kind"]: row["label"] for row in lucia.get(URL, HTTP_ACCEPT_LANGUAGE="en").json()["kinds"]}
    assert labels["status_change"] == "Zmiana statusu"


def test_a_prosumer_changes_some_kinds_and_the_digest_and_keeps_the_others(lucia):
    answer = choose(
        lucia,
        kinds=[{"kind": "comment", "channel": "none"}, {"kind": "reply", "channel": "in_app"}],
        digest_frequency="weekly",
    )
    assert answer.status_code == 200
    channels = {row["kind"]: row["channel"] for row in answer.json()["kinds"]}
    assert channels == {
        "reply": "in_app",
        "comment": "none",
        "status_change": "email",
        "official_response": "email",
        "answered_by_idea": "email",
    }
    assert answer.json()["digest_frequency"] == "weekly"
    assert lucia.get(URL).json() == answer.json()
    assert channel_for(lucia.user.pk, "comment") == "none"
    assert DigestSubscription.objects.get(user=lucia.user).subscribed_at is not None

    assert choose(lucia, kinds=[{"kind": "comment", "channel": "email"}]).status_code == 200
    assert channel_for(lucia.user.pk, "comment") == "email"
    assert lucia.get(URL).json()["digest_frequency"] == "weekly"


@pytest.mark.parametrize(
    "body, field",
    [
        (
            {"kinds": [{"kind": "reply", "channel": "in_app"}, {"kind": "birthday", "channel": "email"}]},
            "kinds.1.kind",
        ),
        ({"kinds": [{"kind": "reply", "channel": "pigeon"}]}, "kinds.0.channel"),
        (
            {"kinds": [{"kind": "reply", "channel": "none"}, {"kind": "reply", "channel": "email"}]},
            "kinds.1.kind",
        ),
        ({"kinds": [{"kind": "reply"}]}, "kinds.0.channel"),
        ({"digest_frequency": "hourly"}, "digest_frequency"),
    ],
)
def test_a_wrong_kind_channel_or_frequency_is_refused_naming_it_and_nothing_changes(lucia, body, field):
    answer = choose(lucia, **body)
    assert answer.status_code == 400
    assert [error["field"] for error in answer.json()["errors"]] == [field]
    assert not NotificationPreference.objects.exists()
    assert not DigestSubscription.objects.exists()


def test_preferences_need_a_signed_in_person(client):
    assert client.get(URL).status_code == 401
    assert client.put(URL, {}, content_type=JSON).status_code == 401


def test_each_person_hears_of_a_status_change_as_they_chose(
    destination, lucia, marek, roles, django_user_model, django_capture_on_commit_callbacks
):
    editor = person(django_user_model, "irene", EDITORS)
    ana = person(django_user_model, "ana", "Prosumers")
    idea = destination["idea"]
    for prosumer in (lucia, marek, ana):
        assert (
            prosumer.post("/api/community/follows/", {"page_id": idea.pk}, content_type=JSON).status_code
            == 201
        )
    choose(lucia, kinds=[{"kind": "status_change", "channel": "in_app"}])
    choose(marek, kinds=[{"kind": "status_change", "channel": "none"}])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        change_idea_status(idea=idea, by=editor.user, status="in_progress")

    told = set(
        Notification.objects.filter(kind="status_change").values_list("recipient__username", flat=True)
    )
    assert told == {"lucia", "ana"}
    assert [message.to for message in mail.outbox] == [["ana@example.com"]]


def test_notify_reads_everyones_preferences_in_the_same_few_queries(destination, roles, django_user_model):
    people = [django_user_model(username=f"p{n}", email=f"p{n}@example.com") for n in range(30)]
    django_user_model.objects.bulk_create(people)
    ids = list(django_user_model.objects.filter(username__startswith="p").values_list("pk", flat=True))
    NotificationPreference.objects.bulk_create(
        NotificationPreference(user_id=pk, kind="official_response", channel=channel)
        for pk, channel in zip(ids, ["none", "in_app", "email"] * 10, strict=True)
    )

    def queries_to_notify(recipients: set[int]) -> int:
        with CaptureQueriesContext(connection) as queries:
            notify(
                recipient_ids=recipients,
                kind="official_response",
                page=destination["idea"],
                message_for=lambda _language: "Respuesta",
            )
        return len(queries)

    assert queries_to_notify(set(ids[:3])) == queries_to_notify(set(ids[3:]))
    assert Notification.objects.count() == 2 + 18
