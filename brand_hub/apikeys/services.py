"""Creating, revoking and checking API keys, and logging each use."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from .models import ApiKey, ApiKeyUse
from .signals import api_key_created, api_key_revoked

KEY_PREFIX = "bh_"
#: last_used_at is written at most this often per key: one UPDATE a minute, not one per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedKey:
    """A new key and its full text, which exists only here: the database keeps the secret's hash."""

    key: ApiKey
    full_key: str


def hash_secret(secret: str) -> str:
    # The secret is 256 random bits: a plain SHA-256 cannot be reversed by guessing, and needs no salt.
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_api_key(*, name: str, scopes: list[str], expires_at: datetime, created_by=None) -> IssuedKey:
    """A new key with these scopes; the full key is returned once and cannot be read again."""
    while True:
        prefix = secrets.token_hex(4)  # hex: never an underscore, so `bh_<prefix>_<secret>` splits cleanly
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    secret = secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        name=name,
        prefix=prefix,
        hashed_secret=hash_secret(secret),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        created_by=created_by,
    )
    api_key_created.send(sender=ApiKey, key=key, by=created_by)
    return IssuedKey(key=key, full_key=f"{KEY_PREFIX}{prefix}_{secret}")


@transaction.atomic
def revoke_api_key(*, key: ApiKey, by=None) -> ApiKey:
    """The key stops working at once; its uses stay logged."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        api_key_revoked.send(sender=ApiKey, key=key, by=by)
    return key


def find_key(full_key: str) -> ApiKey | None:
    """The key whose prefix and secret match, compared in constant time; None for anything else."""
    if not full_key.startswith(KEY_PREFIX):
        return None
    prefix, _sep, secret = full_key.removeprefix(KEY_PREFIX).partition("_")
    if not prefix or not secret or len(prefix) > 16:
        return None
    key = ApiKey.objects.filter(prefix=prefix).first()
    expected = key.hashed_secret if key is not None else "0" * 64
    if not hmac.compare_digest(hash_secret(secret), expected) or key is None:
        return None
    return key


def note_used(key: ApiKey, *, now: datetime | None = None) -> None:
    """Move last_used_at forward, at most once per LAST_USED_RESOLUTION."""
    now = now or timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


def log_use(*, key: ApiKey, scope: str, path: str, status: int, client_ip: str | None) -> ApiKeyUse:
    """One insert per request."""
    return ApiKeyUse.objects.create(key=key, scope=scope, path=path[:300], status=status, client_ip=client_ip)
