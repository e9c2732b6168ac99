"""Production: refuses to start without the secrets and hosts it must be given."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import FRONTEND_REVALIDATE_SECRET, STORAGES, TASKS_BACKEND, TASKS_BACKENDS, env_bool, env_count

for required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "ELASTICSEARCH_URL"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"{required} must be set in production.")
# Every web process and worker must share one cache, or each keeps its own rate limits and counts.
if not os.environ.get("CACHE_URL"):
    raise ImproperlyConfigured(
        "CACHE_URL must be set in production (redis://HOST:PORT/DB): the rate limits, page-view "
        "de-duplication and allauth's limits must be shared by every process; site/redis/redis.sh runs one."
    )
# Behind a proxy every visitor would share the proxy's address (one rate-limit bucket for all), and
# trusting too many entries would let clients pick their own: the count must be said, even when 0.
if not os.environ.get("TRUSTED_PROXY_COUNT", "").strip():
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT must be set in production: the number of reverse proxies in front of the "
        "web nodes that append to X-Forwarded-For (0 when clients connect to them directly)."
    )
# Naming a revalidation URL means the frontend caches pages: without the secret it would never be told.
if os.environ.get("FRONTEND_REVALIDATE_URL") and not FRONTEND_REVALIDATE_SECRET:
    raise ImproperlyConfigured(
        "FRONTEND_REVALIDATE_SECRET must be set in production when FRONTEND_REVALIDATE_URL is: "
        "the frontend checks each revalidation call's signature with it."
    )

DEBUG = False
SEARCH_SEND_AFTER_COMMIT = env_bool("SEARCH_SEND_AFTER_COMMIT", False)  # search_worker sends them
# Tasks wait in the database for `manage.py db_worker`: a request never sends mail or fans out itself.
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND or "database"]}}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "3600"))
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
# The web processes serve ASGI (uvicorn workers): Django runs each request's sync code in a thread of
# its own, so a connection kept for CONN_MAX_AGE would stay with a thread that is gone. A connection
# opened per request costs PostgreSQL a new backend with cold caches, about as much CPU as the write
# itself (bench-community), so each process keeps a pool of them for the primary (Django's "pool"
# option, psycopg_pool): a request borrows one and gives it back at its end, checked before use.
# DATABASE_POOL_MIN_SIZE kept open from the process's start (brand_hub.core.processes.settle): 1 by
# default, 4 in the web processes (wsgi.py, asgi.py), so that neither a burst after a start nor one
# after a quiet spell waits for new backends to connect and warm their caches, while the
# single-threaded workers and commands keep the one they use; DATABASE_POOL_MAX_SIZE (10) at most
# per process. DATABASE_POOL=0 opens one per request instead. The replica's connections stay per
# request: one that does not answer must fail within its connect timeout, and its reads go to the
# primary (brand_hub.core.db_router).
DATABASE_POOL = env_bool("DATABASE_POOL", True)
if "DATABASE_CONN_MAX_AGE" not in os.environ:
    for alias, database in DATABASES.items():  # noqa: F405
        database["CONN_MAX_AGE"] = 0
        if alias == "default" and DATABASE_POOL and database["ENGINE"] == "django.db.backends.postgresql":
            database["CONN_HEALTH_CHECKS"] = True
            max_size = max(1, env_count("DATABASE_POOL_MAX_SIZE", 10))
            database["OPTIONS"]["pool"] = {
                "min_size": min(env_count("DATABASE_POOL_MIN_SIZE", 1), max_size),
                "max_size": max_size,
                "timeout": 10,
            }
