"""Recording an event in the change's transaction, and waking the live streams when it commits."""

from django.db import connection

from .catalogue import Audience
from .models import Event
from .signals import event_recorded

#: The PostgreSQL channel the live streams listen on (brand_hub/events/live.py).
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
        page=page,
        object_id=str(object_id),
        audience=audience,
        recipient=recipient if audience == Audience.PERSON else None,
    )
    if connection.vendor == "postgresql":
        # PostgreSQL holds a NOTIFY until the transaction commits and drops it on a rollback.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [NOTIFY_CHANNEL, str(event.pk)])
    event_recorded.send(sender=Event, event=event)
    return event
