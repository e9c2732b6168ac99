"""What the trust app announces; the audit log and the community react (each writes its own tables)."""

from django.dispatch import Signal

#: An account's trust level changed: user, before (int), after (int), by (a moderator, or None when
#: the level grew on its own), reason (str, what moderators read).
trust_changed = Signal()

#: An account was suspended: suspension (trust.models.Suspension: user, ends_at or None, reason,
#: hide_content, created_by).
account_suspended = Signal()

#: A suspension ended, lifted by a moderator (by) or at its end (by=None): suspension, by.
account_reinstated = Signal()
