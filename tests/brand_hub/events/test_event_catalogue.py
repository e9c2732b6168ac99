"""The event catalogue's contract: record_event writes in the caller's transaction and tells receivers."""

import pytest

from django.db import transaction

from brand_hub.events.catalogue import Audience, EventKind
from brand_hub.events.models import Event
from brand_hub.events.services import record_event
from brand_hub.events.signals import event_recorded

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    events = []

    def hear(sender, event, **kwargs):
        events.append(event)

    event_recorded.connect(hear, dispatch_uid="test-heard")
    yield events
    event_recorded.disconnect(dispatch_uid="test-heard")


def test_the_catalogue_has_the_kinds_the_contract_names():
    assert set(EventKind.values) == {
        "comment.posted", "comment.edited", "comment.removed", "reaction.added", "vote.cast",
        "idea.submitted", "idea.status_changed", "idea.merged", "idea.implemented", "complaint.resolved",
        "member.joined", "page.published", "page.unpublished", "account.erased", "notification.created",
    }  # fmt: skip


def test_an_event_is_recorded_with_growing_ids_and_receivers_hear_of_it(heard):
    with transaction.atomic():
        first = record_event(kind=EventKind.VOTE_CAST, payload={"idea_id": 3}, object_id=7)
        second = record_event(kind=EventKind.PAGE_PUBLISHED, payload={"page_id": 3})
    assert second.pk > first.pk
    assert Event.objects.get(pk=first.pk).object_id == "7"
    assert [event.pk for event in heard] == [first.pk, second.pk]


def test_an_event_of_a_rolled_back_change_is_not_kept(heard):
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(kind=EventKind.VOTE_CAST, payload={})
        raise RuntimeError("the change fails")
    assert not Event.objects.exists()


def test_an_event_for_one_person_needs_its_recipient():
    with pytest.raises(ValueError):
        record_event(kind=EventKind.NOTIFICATION_CREATED, payload={}, audience=Audience.PERSON)
