"""A listening tool's key and its batches."""

import pytest

from django.test import Client

from tests.brand_hub.apikeys.conftest import bearer, issue

INGEST = "/api/listening/mentions"


@pytest.fixture
def listening_tool(db):
    """A client sending with a key allowed to ingest mentions."""
    issued = issue("mentions:ingest")
    client = Client(**bearer(issued.full_key))
    client.key = issued.key
    return client


def mention(n: int = 1, **fields) -> dict:
    return {
        "network": "x",
        "url": f"https://x.com/someone/status/{n}",
        "author_handle": "@someone",
        "text": "Las botas Cresta son geniales, muy cómodas para la montaña.",
        "language": "es",
        "published_at": "2026-12-01T10:00:00Z",
        "reach": 100,
        **fields,
    }


def send(client: Client, items: list[dict]):
    return client.post(INGEST, {"items": items}, content_type="application/json")
