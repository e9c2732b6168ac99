"""The search_worker process: it sends what waits, and a SIGTERM lets it finish the batch and stop."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from django.db import connection

from search.models import PendingIndexUpdate
from tests.brand_hub.community.calls import say

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process needs a database server"),
    pytest.mark.django_db(transaction=True),  # the worker process reads what the test committed
]


def worker_process(settings) -> subprocess.Popen:
    database = connection.settings_dict
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "brand_hub.settings.test",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL,
        "ELASTICSEARCH_INDEX_PREFIX": settings.ELASTICSEARCH_INDEX_PREFIX,
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "search_worker", "--interval", "0.2"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def test_the_worker_sends_what_waits_and_stops_cleanly_on_sigterm(
    elasticsearch, index_prefix, post, lucia, settings
):
    settings.SEARCH_SEND_AFTER_COMMIT = False  # as in production: only the worker sends
    say(lucia, post, "¿Hay tallas grandes de las zapatillas de montaña?")
    assert PendingIndexUpdate.objects.exists()
    worker = worker_process(settings)
    try:
        deadline = time.monotonic() + 90
        while PendingIndexUpdate.objects.exists() and time.monotonic() < deadline:
            assert worker.poll() is None, worker.stdout.read()
            time.sleep(0.2)
        assert not PendingIndexUpdate.objects.exists()
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=20)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)
    assert worker.returncode == 0, output  # not -15: the loop ended between batches
    assert output.splitlines()[-1] == "Stopped"
