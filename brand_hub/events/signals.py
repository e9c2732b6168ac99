"""Signals other apps listen to: an event recorded (webhooks deliver it)."""

from django.dispatch import Signal

#: Sent with `event` (Event) inside the change's transaction, right after its row is written:
#: receivers write their own rows in it and leave anything that goes out of the process for on_commit.
event_recorded = Signal()
