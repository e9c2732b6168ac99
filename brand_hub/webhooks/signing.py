"""The Standard Webhooks signature (https://www.standardwebhooks.com): what a receiver verifies.

    Webhook-Id: msg_42                       the same on every attempt of one delivery
    Webhook-Timestamp: 1796540000            unix seconds when this attempt was signed
    Webhook-Signature: v1,<base64 of HMAC-SHA256 over "{id}.{timestamp}.{body}">

The HMAC key is the secret's bytes: the base64 after its `whsec_` prefix. While a rotated secret is
still honoured, the header carries one signature per secret, separated by a space.
"""

import base64
import hashlib
import hmac

from .models import SECRET_PREFIX


def secret_key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(*, secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """One `v1,<base64>` signature of `body` sent as `message_id` at `timestamp`."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_header(*, secrets: list[str], message_id: str, timestamp: int, body: bytes) -> str:
    return " ".join(
        signature(secret=secret, message_id=message_id, timestamp=timestamp, body=body) for secret in secrets
    )


def headers(*, secrets: list[str], message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "Webhook-Id": message_id,
        "Webhook-Timestamp": str(timestamp),
        "Webhook-Signature": signature_header(
            secrets=secrets, message_id=message_id, timestamp=timestamp, body=body
        ),
    }
