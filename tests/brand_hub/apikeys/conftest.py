"""API keys made the way the admin makes them."""

from datetime import timedelta

import pytest

from django.utils import timezone

from brand_hub.apikeys.services import create_api_key


def issue(*scopes: str, days: int = 30, name: str = "Listening tool"):
    return create_api_key(name=name, scopes=list(scopes), expires_at=timezone.now() + timedelta(days=days))


@pytest.fixture
def ingest_key(db):
    return issue("mentions:ingest")


def bearer(full_key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {full_key}"}
