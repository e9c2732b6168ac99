"""The settings modules as a fresh process loads them: development's defaults for the frontend, and
production's refusal to start without what a deployment must be given."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_settings(module: str, code: str, **variables: str) -> subprocess.CompletedProcess:
    """Run `code` on the settings `module` in a fresh interpreter, as a server process starting up does,
    with none of the frontend variables of this shell."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FRONTEND_", "CORS_", "CSRF_", "DJANGO_SETTINGS_MODULE"))
    }
    env.update(DJANGO_SETTINGS_MODULE=module, **variables)
    code = f"from django.conf import settings; {code}"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)


def start_production(code: str = "print(bool(settings.FRONTEND_REVALIDATE_SECRET))", **variables: str):
    """Load the production settings with everything they require, unless `variables` say otherwise."""
    required = {
        "SECRET_KEY": "a-production-secret-key-for-this-test-only",
        "ALLOWED_HOSTS": "senda.example",
        "DATABASE_URL": "postgres://brand_hub@127.0.0.1:5433/brand_hub",
        "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
        "CACHE_URL": "redis://127.0.0.1:6379/0",
        "TRUSTED_PROXY_COUNT": "1",
    }
    return load_settings("brand_hub.settings.production", code, **{**required, **variables})


def test_development_trusts_the_make_run_frontend_on_127_0_0_1_and_localhost():
    names = ("FRONTEND_URL", "FRONTEND_PREVIEW_URL", "FRONTEND_REVALIDATE_URL", "CSRF_TRUSTED_ORIGINS")
    loaded = load_settings(
        "brand_hub.settings.dev",
        f"import json; print(json.dumps([getattr(settings, name) for name in {names!r}]))",
        SECRET_KEY="a-development-key-for-this-test-only",
    )

    assert loaded.returncode == 0, loaded.stderr
    assert json.loads(loaded.stdout.splitlines()[-1]) == [
        "http://127.0.0.1:3000",
        "http://127.0.0.1:3000/api/preview",
        "http://127.0.0.1:3000/api/revalidate",
        ["http://127.0.0.1:3000", "http://localhost:3000"],
    ]


def test_production_starts_with_the_secret_or_without_revalidation():
    with_secret = start_production(
        FRONTEND_REVALIDATE_URL="https://senda.example/api/revalidate", FRONTEND_REVALIDATE_SECRET="s3cret"
    )
    without = start_production()

    assert (with_secret.returncode, with_secret.stdout.strip()) == (0, "True"), with_secret.stderr
    assert (without.returncode, without.stdout.strip()) == (0, "False"), without.stderr


def test_the_cache_url_picks_redis_and_no_url_the_local_memory_cache():
    code = "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default'].get('LOCATION'))"
    production = start_production(code, CACHE_URL="redis://10.0.0.5:6390/2")
    development = load_settings("brand_hub.settings.dev", code, CACHE_URL="", SECRET_KEY="a-development-key")

    assert production.stdout.split() == ["django_redis.cache.RedisCache", "redis://10.0.0.5:6390/2"], (
        production.stderr
    )
    assert development.stdout.split() == ["django.core.cache.backends.locmem.LocMemCache", "brand-hub"], (
        development.stderr
    )


def test_production_accepts_zero_trusted_proxies_written_explicitly_and_allauth_gets_the_count():
    code = "print(settings.TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    zero = start_production(code, TRUSTED_PROXY_COUNT="0")
    two = start_production(code, TRUSTED_PROXY_COUNT="2")

    assert zero.stdout.split() == ["0", "0"], zero.stderr
    assert two.stdout.split() == ["2", "2"], two.stderr


def test_media_storage_s3_puts_uploads_in_the_bucket_and_filesystem_is_the_default():
    code = (
        "from django.core.files.storage import storages; media = storages['default']; "
        "print(type(media).__name__, getattr(media, 'bucket_name', '-'), media.url('original_images/a.jpg'))"
    )
    s3 = start_production(
        code,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="senda-media",
        AWS_S3_ENDPOINT_URL="https://objects.senda.example",
        AWS_S3_REGION_NAME="eu-west-1",
        AWS_ACCESS_KEY_ID="a-key-id-for-this-test",
        AWS_SECRET_ACCESS_KEY="a-secret-for-this-test",
    )
    default = start_production(code)

    assert s3.stdout.split() == [
        "S3Storage",
        "senda-media",
        "https://objects.senda.example/senda-media/media/original_images/a.jpg",
    ], s3.stderr
    assert default.stdout.split()[:2] == ["FileSystemStorage", "-"], default.stderr


@pytest.mark.parametrize(
    ("module", "variables", "message"),
    [
        (
            "production",
            {"FRONTEND_REVALIDATE_URL": "https://senda.example/api/revalidate"},
            "FRONTEND_REVALIDATE_SECRET must be set in production",
        ),
        ("production", {"CACHE_URL": ""}, "CACHE_URL must be set in production"),
        ("production", {"TRUSTED_PROXY_COUNT": ""}, "TRUSTED_PROXY_COUNT must be set in production"),
        ("dev", {"CACHE_URL": "memcached://127.0.0.1:11211"}, "CACHE_URL must be a redis://"),
        ("dev", {"TRUSTED_PROXY_COUNT": "-1"}, "TRUSTED_PROXY_COUNT must be a whole number of 0 or more"),
        ("production", {"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE must be 'filesystem' or 's3'"),
        (
            "production",
            {"MEDIA_STORAGE": "s3"},
            "AWS_STORAGE_BUCKET_NAME must be set when MEDIA_STORAGE is 's3'",
        ),
    ],
)
def test_settings_that_cannot_work_are_refused_at_start_up(module, variables, message):
    if module == "production":
        started = start_production(**variables)
    else:
        started = load_settings("brand_hub.settings.dev", "print(settings.CACHES)", **variables)

    assert started.returncode != 0
    assert message in started.stderr


def test_sessions_live_in_the_database_and_csrf_in_its_cookie_so_any_web_node_accepts_them():
    code = "print(settings.SESSION_ENGINE, settings.CSRF_USE_SESSIONS)"

    assert start_production(code).stdout.split() == ["django.contrib.sessions.backends.db", "False"]


def test_a_preview_token_signed_by_one_web_node_is_accepted_by_another_with_the_same_secret_key():
    salt = (
        "import django; django.setup(); "
        "from brand_hub.headless.preview import TOKEN_SALT; from django.core import signing; "
    )
    signed = start_production(salt + "print(signing.dumps({'preview': 42}, salt=TOKEN_SALT, compress=True))")
    token = signed.stdout.strip()
    read = start_production(salt + f"print(signing.loads({token!r}, salt=TOKEN_SALT, max_age=3600))")
    other_key = start_production(
        salt + f"signing.loads({token!r}, salt=TOKEN_SALT)", SECRET_KEY="another-key"
    )

    assert read.stdout.strip() == "{'preview': 42}", read.stderr
    assert "BadSignature" in other_key.stderr


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the pool is PostgreSQL's"
)
def test_a_settled_process_has_its_pools_minimum_connected_before_any_request():
    """settle() opens the pool: DATABASE_POOL_MIN_SIZE connections, made without a request asking;
    a minimum above the maximum is held to the maximum rather than refused by the pool at start-up."""
    code = (
        "import django\n"
        "django.setup()\n"
        "from brand_hub.core.processes import settle\n"
        "from django.db import connections\n"
        "settle()\n"
        "pool = connections['default'].pool\n"
        "pool.wait(timeout=20)\n"
        "print(pool.min_size, pool.get_stats()['pool_size'])\n"
        "pool.close()"
    )
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    three = start_production(f"exec({code!r})", DATABASE_URL=server, DATABASE_POOL_MIN_SIZE="3")
    held = start_production(
        f"exec({code!r})", DATABASE_URL=server, DATABASE_POOL_MIN_SIZE="5", DATABASE_POOL_MAX_SIZE="2"
    )

    assert three.stdout.split()[-2:] == ["3", "3"], three.stderr[-2000:]
    assert held.stdout.split()[-2:] == ["2", "2"], held.stderr[-2000:]


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the pool is PostgreSQL's"
)
def test_production_keeps_a_pool_of_primary_connections_and_a_request_reuses_one():
    """Five requests in a row: a closed connection goes back to the pool and the next request borrows
    it (one or two backends in all); with DATABASE_POOL=0 each opens its own."""
    code = (
        "from django.db import connections\n"
        "def backend():\n"
        "    with connections['default'].cursor() as cursor:\n"
        "        cursor.execute('SELECT pg_backend_pid()')\n"
        "        return cursor.fetchone()[0]\n"
        "backends = set()\n"
        "for _ in range(5):\n"
        "    backends.add(backend()); connections['default'].close()\n"
        "print(connections['default'].pool is not None, len(backends) < 5)\n"
        "connections['default'].close_pool() if connections['default'].pool else None"
    )
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"  # the test database's may not exist
    pooled = start_production(f"exec({code!r})", DATABASE_URL=server)
    unpooled = start_production(f"exec({code!r})", DATABASE_URL=server, DATABASE_POOL="0")

    assert pooled.stdout.split() == ["True", "True"], pooled.stderr[-2000:]
    assert unpooled.stdout.split() == ["False", "False"], unpooled.stderr[-2000:]
