"""Signals other apps listen to: a member joined a group (the event log)."""

from django.dispatch import Signal

#: Sent with `membership` (GroupMembership) inside the transaction that stored it.
member_joined = Signal()
