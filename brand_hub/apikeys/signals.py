"""Signals other apps listen to: a key made or revoked (the audit log records both; each use is an
ApiKeyUse row already)."""

from django.dispatch import Signal

#: Sent with `key` (ApiKey, with its scopes and expiry; never its secret) and `by` (who made it, or None)
#: inside the transaction that created it.
api_key_created = Signal()

#: Sent with `key` and `by` (who revoked it, or None) once the key stopped working.
api_key_revoked = Signal()
