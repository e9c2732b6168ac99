"""Tests: fast and deterministic (cheap hasher, local-memory cache, tasks run at once)."""

import tempfile

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY, cache_from_url

DEBUG = False
SECRET_KEY = SECRET_KEY or "tests-only-secret-key-not-for-any-deployment"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="brand-hub-test-media-")
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Local memory whatever CACHE_URL says; a test about the shared cache asks for the `shared_cache`
# fixture (tests/conftest.py), which points the default cache at CACHE_URL's Redis.
CACHES = {"default": cache_from_url("")}
# Every read of the insights sees the data the test just wrote.
INSIGHTS_MAX_AGE_SECONDS = 0
# The replica's alias always exists, as a mirror of the test database (DATABASE_REPLICA_URL's own
# replica mirrors it too), so that the router's tests run anywhere; the router itself is on only in
# the tests that turn it on: elsewhere a read on the replica's alias would be a query to a database
# the test did not declare.
DATABASES.setdefault("replica", {**DATABASES["default"], "TEST": {"MIRROR": "default"}})
DATABASE_ROUTERS = []
# The tests' webhook receivers listen on 127.0.0.1 over plain http.
WEBHOOKS_ALLOW_LOCAL_HTTP = True
# Tasks run inside the request that enqueues them, whatever TASKS_BACKEND the shell exports.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The tests' prosumers are accounts made a moment ago, new members by the trust levels' rules: the
# discussion tests would find every first comment held. The trust tests turn the rules on themselves
# (tests/brand_hub/trust/conftest.py).
TRUST_HOLD_FIRST_CONTRIBUTIONS = 0
TRUST_NEW_MEMBER_MAX_LINKS = 1000
TRUST_RATE_SCALE = {}
