"""The shared cache of CACHE_URL: what one web process writes there, every other one reads."""

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
import redis
from allauth.core.internal import ratelimit as allauth_ratelimit

from django.core.cache import caches
from django.test import Client

from brand_hub.community import moderation
from brand_hub.community.models import BlockedTerm, CommunityComment
from brand_hub.insights import services as insights_services
from brand_hub.insights.models import PageViewDay
from tests.brand_hub.community.calls import say
from tests.brand_hub.users.test_accounts_api import BROWSER, SIGNUP
from tests.conftest import skip_or_fail

RUNNER = Path(__file__).resolve().parents[3] / "site" / "redis" / "redis.sh"


def test_a_value_cached_by_one_process_is_read_by_another(shared_cache):
    other_process = caches.create_connection("default")

    shared_cache.set("greeting", "hola", timeout=60)

    assert other_process.get("greeting") == "hola"
    assert other_process is not shared_cache


def test_a_counter_incremented_by_two_clients_counts_every_increment(shared_cache):
    other_process = caches.create_connection("default")
    shared_cache.add("counter", 0, timeout=60)

    for _ in range(5):
        shared_cache.incr("counter")
        other_process.incr("counter")

    assert shared_cache.get("counter") == 10


@pytest.mark.django_db
def test_a_visitor_s_page_view_counts_once_whichever_web_node_answers(shared_cache, post, monkeypatch):
    frontend = Client()

    def view():
        return frontend.post(
            "/api/insights/page-views",
            {"page_id": post.pk, "visitor_id": "visitor-one"},
            content_type="application/json",
        ).json()

    first = view()
    monkeypatch.setattr(insights_services, "cache", caches.create_connection("default"))  # another node
    again = view()

    assert (first, again) == ({"counted": True}, {"counted": False})
    assert PageViewDay.objects.get(page=post).views == 1


@pytest.mark.django_db
def test_an_editor_s_new_blocked_term_holds_the_next_comment_on_every_web_node(
    shared_cache, post, lucia, monkeypatch
):
    assert say(lucia, post, "Primer comentario").status_code == 201  # the empty list is now cached
    BlockedTerm.objects.create(term="estafa")  # on the node the editor uses
    monkeypatch.setattr(moderation, "cache", caches.create_connection("default"))  # another node

    held = say(lucia, post, "Esto es una estafa")

    assert held.status_code == 201
    assert CommunityComment.objects.get(pk=held.json()["id"]).hold_reason == "blocklist"


@pytest.mark.django_db
def test_allauth_s_sign_up_limit_holds_whichever_web_node_answers(
    shared_cache, client, settings, monkeypatch
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/h/ip"}

    def sign_up(email: str) -> int:
        body = {**SIGNUP, "email": email}
        return client.post(f"{BROWSER}/auth/signup", body, content_type="application/json").status_code

    first = sign_up("ana@example.com")
    monkeypatch.setattr(allauth_ratelimit, "cache", caches.create_connection("default"))  # another node
    second = sign_up("ana2@example.com")

    assert (first, second) == (401, 429)  # 401: created, e-mail verification pending


def test_the_runner_restarts_redis_with_what_it_held(tmp_path):
    """`redis.sh stop` snapshots the data, so restarting the shared cache keeps the limits' windows."""
    if shutil.which("redis-server") is None and os.geteuid() != 0:
        skip_or_fail("needs redis-server (apt-get install redis-server, or run the tests as root)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {**os.environ, "REDIS_PORT": str(port), "REDIS_RUN_DIR": str(tmp_path)}

    def runner(command: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", str(RUNNER), command], env=environment, capture_output=True, text=True)

    started = runner("start")
    try:
        assert started.stdout.strip() == f"CACHE_URL=redis://127.0.0.1:{port}/0", started.stderr
        redis.Redis(port=port).set("rate:window", 7)
        assert runner("stop").returncode == 0
        assert runner("status").returncode == 3
        assert runner("start").returncode == 0
        assert redis.Redis(port=port).get("rate:window") == b"7"
    finally:
        runner("stop")
