"""Recording an event in the change's transaction; the live streams wake when it commits."""

from .catalogue import Audience
from .models import Event
from .signals import event_recorded

#: The PostgreSQL channel the live streams listen on (brand_hub/events/live.py). A trigger on the
#: events table notifies it once per insert statement (migration 0002): PostgreSQL holds the
#: notification until the transaction commits and drops it on a rollback, and the streams read every
#: new row from the table, so "look" is all it says.
NOTIFY_CHANNEL = "brand_hub_events"


def record_event(
    *,
    kind: str,
    payload: dict,
    actor=None,
    page=None,
    object_id="",
    audience: str = Audience.PUBLIC,
    recipient=None,
) -> Event:
    """Write the event in the caller's transaction and tell the receivers of `event_recorded`.

    Call it inside the change's transaction (from a receiver of the owning app's signal): a rolled-back
    change leaves no row, no delivery and no notification.
    """
    if audience == Audience.PERSON and recipient is None:
        raise ValueError("An event for one person needs its recipient.")
    event = Event.objects.create(
        kind=kind,
        payload=payload,
        actor=actor,
        # A page or its id: a receiver that knows only the id need not read the page.
        page_id=getattr(page, "pk", page),
        object_id=str(object_id),
        audience=audience,
        recipient=recipient if audience == Audience.PERSON else None,
    )
    _announce([event])
    return event


def record_events(events: list[Event]) -> list[Event]:
    """Several unsaved events in one insert (a notification to each of a page's followers), each told
    to the receivers of `event_recorded` as `record_event` does."""
    if not events:
        return []
    for event in events:
        if event.audience == Audience.PERSON and event.recipient_id is None:
            raise ValueError("An event for one person needs its recipient.")
    created = Event.objects.bulk_create(events)
    _announce(created)
    return created


def _announce(events: list[Event]) -> None:
    for event in events:
        event_recorded.send(sender=Event, event=event)
