"""The community's rate limits hold across web processes when they share the cache (CACHE_URL)."""

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.test import RequestFactory

from brand_hub.core.rate_limits import RateLimited, limit
from brand_hub.settings.base import cache_from_url
from tests.brand_hub.community.calls import say
from tests.brand_hub.users.test_accounts_api import BROWSER, SIGNUP

ROOT = Path(__file__).resolve().parents[3]
LIMIT = 20
ATTEMPTS_PER_PROCESS = 30

#: One web process: hits the comment limit ATTEMPTS_PER_PROCESS times from one address, with the
#: cache configuration given as its argument, and prints how many it allowed.
WEB_PROCESS = f"""
import json, sys
import django
django.setup()
from django.test import RequestFactory
from django.test.utils import override_settings
from brand_hub.core.rate_limits import RateLimited, limit

rates = {{"comment": {{"ip": "{LIMIT}/d"}}}}
with override_settings(CACHES=json.loads(sys.argv[1]), COMMUNITY_RATE_LIMITS=rates):
    request = RequestFactory().post("/api/community/comments/", REMOTE_ADDR="203.0.113.7")
    allowed = 0
    for _ in range({ATTEMPTS_PER_PROCESS}):
        try:
            limit(request, "comment")
            allowed += 1
        except RateLimited:
            pass
    print(allowed)
"""


def allowed_by_two_processes_at_once(caches_setting: dict) -> list[int]:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WEB_PROCESS, json.dumps(caches_setting)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    for process, (_stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
    return [int(stdout.strip()) for stdout, _stderr in outputs]


def test_a_limit_of_n_allows_n_requests_in_all_across_two_web_processes(shared_cache, settings):
    allowed = allowed_by_two_processes_at_once(settings.CACHES)

    assert sum(allowed) == LIMIT, allowed


def test_with_the_local_memory_cache_each_process_counts_alone():
    """Why production requires CACHE_URL: without it the limit is multiplied by the processes."""
    local_memory = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    assert allowed_by_two_processes_at_once(local_memory) == [LIMIT, LIMIT]


def test_a_refusal_says_when_the_window_ends(shared_cache, settings):
    settings.COMMUNITY_RATE_LIMITS = {"vote": {"user": "5/10m", "ip": "100/m"}}
    settings.RATE_LIMIT_SCALE = None  # the whole rate: a share by trust level is the trust app's test
    request = RequestFactory().post("/api/ideas/1/vote", REMOTE_ADDR="203.0.113.7")
    user = type("Account", (), {"pk": 7, "is_authenticated": True})()
    for _ in range(5):
        limit(request, "vote", user=user)

    with pytest.raises(RateLimited) as refused:
        limit(request, "vote", user=user)

    assert 1 <= refused.value.retry_after <= 600


@pytest.mark.django_db
def test_while_the_shared_cache_is_unreachable_writes_go_through_unlimited(lucia, post, settings, caplog):
    """A restart of Redis must not fail every write with a 500: the limits open until it is back, and
    each request let through says which limit it passed unchecked."""
    settings.CACHES = {"default": cache_from_url("redis://127.0.0.1:1/0")}  # nothing listens on port 1
    settings.COMMUNITY_RATE_LIMITS = {"comment": {"user": "1/m", "ip": "1/m"}}

    with caplog.at_level(logging.WARNING, logger="brand_hub.core.rate_limits"):
        statuses = [say(lucia, post, f"Comentario {n}").status_code for n in range(3)]

    assert statuses == [201, 201, 201]
    assert [
        record.getMessage() for record in caplog.records if record.name == "brand_hub.core.rate_limits"
    ] == [
        "Rate limit not enforced: comment:user at 1/m (the shared cache failed)",
        "Rate limit not enforced: comment:ip at 1/m (the shared cache failed)",
    ] * 3


@pytest.mark.django_db
def test_while_the_shared_cache_is_unreachable_allauth_refuses_sign_ups_with_a_429_not_a_500(
    client, settings
):
    """allauth's limits take a lock in the cache; without one it refuses, saying when to come back."""
    settings.CACHES = {"default": cache_from_url("redis://127.0.0.1:1/0")}

    refused = client.post(f"{BROWSER}/auth/signup", SIGNUP, content_type="application/json")

    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert not get_user_model().objects.filter(email=SIGNUP["email"]).exists()
