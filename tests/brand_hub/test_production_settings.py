"""production.py refuses to start without what a deployment must be given."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_production(**variables: str) -> subprocess.CompletedProcess:
    """Load the production settings in a fresh interpreter, as a server process starting up does."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FRONTEND_", "DJANGO_SETTINGS_MODULE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="brand_hub.settings.production",
        SECRET_KEY="a-production-secret-key-for-this-test-only",
        ALLOWED_HOSTS="senda.example",
        DATABASE_URL="postgres://brand_hub@127.0.0.1:5433/brand_hub",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
        **variables,
    )
    code = "from django.conf import settings; print(bool(settings.FRONTEND_REVALIDATE_SECRET))"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_refuses_a_revalidation_url_without_its_secret():
    started = start_production(FRONTEND_REVALIDATE_URL="https://senda.example/api/revalidate")

    assert started.returncode != 0
    assert "FRONTEND_REVALIDATE_SECRET must be set in production" in started.stderr


def test_production_starts_with_the_secret_or_without_revalidation():
    with_secret = start_production(
        FRONTEND_REVALIDATE_URL="https://senda.example/api/revalidate", FRONTEND_REVALIDATE_SECRET="s3cret"
    )
    without = start_production()

    assert (with_secret.returncode, with_secret.stdout.strip()) == (0, "True"), with_secret.stderr
    assert (without.returncode, without.stdout.strip()) == (0, "False"), without.stderr
