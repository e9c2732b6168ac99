"""Settings shared by every environment; each environment variable is read here, once."""

import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("BRAND_HUB_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def frontend_origins(url: str) -> list[str]:
    """The origin of the frontend at `url`; for a frontend on this machine, its twin as well.

    A development frontend is opened as http://127.0.0.1:3000 and as http://localhost:3000: two
    origins to a browser, both of them trusted.
    """
    parts = urlsplit(url)
    origins = [f"{parts.scheme}://{parts.netloc}"]
    twins = {"127.0.0.1": "localhost", "localhost": "127.0.0.1"}
    if parts.hostname in twins:
        port = f":{parts.port}" if parts.port else ""
        origins.append(f"{parts.scheme}://{twins[parts.hostname]}{port}")
    return origins


def cache_from_url(url: str) -> dict:
    """Django's cache settings for CACHE_URL: local memory when empty, else a Redis server.

    The Redis cache is django-redis with IGNORE_EXCEPTIONS: while the server is unreachable (a
    restart) reads miss, writes are dropped and the rate limits let requests through, each failure
    logged, instead of every request that touches the cache failing with a 500.
    """
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "brand-hub"}
    if urlsplit(url).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(
            "CACHE_URL must be a redis://, rediss:// or unix:// URL (or unset for the local-memory "
            f"cache), got {url!r}."
        )
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }


def env_count(name: str, default: int) -> int:
    """A whole number of zero or more from the environment, refused at start-up when it is not one."""
    text = os.environ.get(name, "").strip() or str(default)
    if not text.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number of 0 or more, got {text!r}.")
    return int(text)


def media_storage(kind: str) -> dict:
    """Where uploads go: this machine's MEDIA_ROOT, or an S3-compatible bucket every web node shares.

    django-storages' S3 backend; boto3 finds the credentials itself (AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY, or the instance's role), so they never pass through the settings.
    """
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', got {kind!r}.")
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        raise ImproperlyConfigured("AWS_STORAGE_BUCKET_NAME must be set when MEDIA_STORAGE is 's3'.")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            # An upload never replaces another file of the same name: Wagtail adds a suffix instead.
            "file_overwrite": False,
        },
    }


def local_secret_key() -> str:
    """A development key generated once and kept in var/, so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "brand_hub.users",
    "brand_hub.core",
    "brand_hub.home",
    "brand_hub.blog",
    "brand_hub.community_groups",
    "brand_hub.ideas",
    "brand_hub.recommendations",
    "brand_hub.sentiment",
    "brand_hub.insights",
    "brand_hub.apikeys",
    "brand_hub.mentions",
    "brand_hub.triage",
    # xtd before the community app: the app's ready() undoes one of xtd's signal hooks.
    "django_comments_xtd",
    "django_comments",
    "brand_hub.community",
    "brand_hub.trust",
    "brand_hub.reputation",
    # After the domain apps: it records their changes as events.
    "brand_hub.events",
    "brand_hub.headless",
    "brand_hub.webhooks",
    "brand_hub.segments",
    # After the apps whose signals it records.
    "brand_hub.audit",
    "search",
    "brand_hub.demo",
    "allauth",
    "allauth.account",
    "allauth.headless",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "corsheaders",
    # Listed so ninja's docs pages (ours and Wagtail's v3) use its bundled Swagger UI and Redoc, not a CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.sites",
]

SITE_ID = 1  # django-comments needs the sites framework; Wagtail's own Site model serves the pages

MIDDLEWARE = [
    # Outermost: every read of a request goes where the request may read (brand_hub/core/db_router.py).
    "brand_hub.core.db_router.ReplicaReadsMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "brand_hub.core.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "brand_hub.headless.public_urls.RequestOriginMiddleware",
    "brand_hub.headless.caching.ContentCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "brand_hub.users.middleware.AccountRateLimitRetryAfterMiddleware",
    "brand_hub.core.middleware.RequestInputMiddleware",
    # Logs each request made with an API key with its answer's status (brand_hub/apikeys).
    "brand_hub.apikeys.middleware.ApiKeyUseMiddleware",
]

ROOT_URLCONF = "brand_hub.urls"
WSGI_APPLICATION = "brand_hub.wsgi.application"
ASGI_APPLICATION = "brand_hub.asgi.application"
AUTH_USER_MODEL = "users.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
# A streaming replica of the primary (site/postgres/postgres.sh start-replica) for the reads that
# tolerate a little lag (README, "PostgreSQL primary and replica"); unset, every read is the primary's.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        # A kept connection to a replica that went away is noticed before the request's first read.
        conn_health_checks=True,
    )
    # A replica that does not answer within this is treated as down: its reads go to the primary.
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
    # Tests run on the primary's test database alone; the replica's alias reads it too.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["brand_hub.core.db_router.PrimaryReplicaRouter"]
# After a write, the writing client reads from the primary for this many seconds (a signed cookie),
# far longer than a healthy replica lags behind.
PRIMARY_PIN_SECONDS = int(os.environ.get("PRIMARY_PIN_SECONDS", "5"))
for database in DATABASES.values():
    if database["ENGINE"] == "django.db.backends.postgresql":
        # PostgreSQL's JIT compiles the insights' larger queries for seconds to save milliseconds
        # (measured by bench-insights); web requests are better served without it.
        database.setdefault("OPTIONS", {})["options"] = "-c jit=off"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Spanish is the default; every visitor-facing URL carries its locale prefix.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English")), ("pl", _("Polish"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Madrid"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploads (images, documents, avatars): "filesystem" keeps them in MEDIA_ROOT, enough for one
# machine; "s3" puts them in an S3-compatible bucket (AWS, MinIO, Ceph...) that every web node reads.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
STORAGES = {
    "default": media_storage(MEDIA_STORAGE),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The cache every web process and worker shares: rate limits, page-view de-duplication, the
# blocklist and allauth's limits live in it. Unset: local memory, one per process (development, tests).
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {"default": cache_from_url(CACHE_URL)}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Background tasks (django-tasks): "immediate" runs each task inside the request that enqueues it
# (development, tests); "database" stores it in the request's transaction for `manage.py db_worker`
# (django-tasks-db), which must then run beside the web server: notifications, notification e-mails,
# Wagtail's reference and search index updates.
# TASKS_BACKEND unset: immediate here, database in production.py.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "")
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND or "immediate"]}}

# Wagtail
WAGTAIL_SITE_NAME = "Brand Hub"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
# The origin of API, image and media URLs in API answers (https://api.example.com); unset, the
# host each request came to (brand_hub/headless/public_urls.py). Wagtail's own reads go there too.
PUBLIC_API_URL = os.environ.get("PUBLIC_API_URL") or None
WAGTAILAPI_BASE_URL = PUBLIC_API_URL
WAGTAILAPI_LIMIT_MAX = 100
# v2's datetimes reach its renderer as datetimes, which writes them in the APIs' one format
# (brand_hub/headless/timestamps.py) instead of DRF's, in the site's offset.
REST_FRAMEWORK = {"DATETIME_FORMAT": None}
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# The admin's avatars are Wagtail's own image, not Gravatar's: no request leaves for a third party
# with a hash of each person's e-mail, and the admin looks the same offline.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Headless frontends. The reference frontend (frontend/) runs on http://127.0.0.1:3000 in `make run`
# and passes /api/ and /_allauth/ on to this server (same-origin rewrites): the browser sends the
# frontend's Origin, and this server must trust it for the session cookie's writes.
FRONTEND_URL = os.environ.get("FRONTEND_URL", "http://127.0.0.1:3000").rstrip("/")
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS") or frontend_origins(FRONTEND_URL)
# The project's API and allauth's account endpoints; browsers send the session cookie and CSRF token.
CORS_URLS_REGEX = r"^/(api|_allauth)/.*$"
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_HEADERS = (*cors_default_headers, "x-session-token")
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
# How many reverse proxies of the deployment stand in front of the web nodes, each appending the
# address it was connected from to X-Forwarded-For: the client is the TRUSTED_PROXY_COUNT-th entry
# from the right (brand_hub/core/client_ip.py). 0: the header is ignored and the peer is the client.
TRUSTED_PROXY_COUNT = env_count("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# A frontend origin allowed to call the API may also POST to it with the session cookie.
CSRF_TRUSTED_ORIGINS = CSRF_TRUSTED_ORIGINS or CORS_ALLOWED_ORIGINS
# A refused browser write under /api/ or /_allauth/ is JSON naming X-CSRFToken (and the origin at fault).
CSRF_FAILURE_VIEW = "brand_hub.users.csrf.csrf_failure"
FRONTEND_PREVIEW_URL = os.environ.get("FRONTEND_PREVIEW_URL", f"{FRONTEND_URL}/api/preview")
HEADLESS_PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("HEADLESS_PREVIEW_TOKEN_MAX_AGE", "3600"))
# Signed revalidation calls (brand_hub/headless/revalidation.py): publishing, unpublishing, moving or
# deleting a page and saving a language's site settings tell the frontend which cached pages to
# refresh. Off while the secret is empty; the frontend checks the signature with the same secret.
FRONTEND_REVALIDATE_URL = os.environ.get("FRONTEND_REVALIDATE_URL", f"{FRONTEND_URL}/api/revalidate")
FRONTEND_REVALIDATE_SECRET = os.environ.get("FRONTEND_REVALIDATE_SECRET", "")
FRONTEND_REVALIDATE_TIMEOUT = 3  # seconds; a frontend slower than that misses the call, not the publish
# Outgoing webhooks (brand_hub/webhooks): each attempt waits at most this many seconds for an answer.
WEBHOOKS_TIMEOUT = float(os.environ.get("WEBHOOKS_TIMEOUT", "5"))
# The deliveries log keeps finished deliveries this many days (`deliver_webhooks` prunes; 0: forever).
WEBHOOKS_KEEP_DAYS = env_count("WEBHOOKS_KEEP_DAYS", 30)
# The audit log (brand_hub/audit) keeps its entries this many days (`purge_audit_log` deletes older
# ones; 0: forever).
AUDIT_RETENTION_DAYS = env_count("AUDIT_RETENTION_DAYS", 365)
# Plain http endpoints on this machine or a private network (dev.py: with DEBUG); https only otherwise.
WEBHOOKS_ALLOW_LOCAL_HTTP = False
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
BRAND_HUB_STOCK_API = env_bool("BRAND_HUB_STOCK_API", False)

# Accounts: django-allauth in headless mode; prosumers sign up and sign in from the frontends.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Brand Hub <community@localhost>")
# Outgoing mail (SMTP); development prints mails to the console, tests keep them in memory.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
# E-mail digests (`manage.py send_digests`): a run that dies after claiming a person's digest leaves
# it to the next run once this many seconds have passed. A mailbox that unsubscribes whoever writes to
# it (RFC 8058's mailto: link, beside the one-click URL); unset, the digests carry only the URL.
DIGEST_CLAIM_LEASE_SECONDS = int(os.environ.get("DIGEST_CLAIM_LEASE_SECONDS", "900"))
DIGEST_UNSUBSCRIBE_MAILTO = os.environ.get("DIGEST_UNSUBSCRIBE_MAILTO", "")
TERMS_VERSION = os.environ.get("TERMS_VERSION", "2026-11")
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # the verify link signs in the browser that signed up
ACCOUNT_SIGNUP_FORM_CLASS = "brand_hub.users.forms.ProsumerSignupForm"
ACCOUNT_ADAPTER = "brand_hub.users.adapters.AccountAdapter"
HEADLESS_ADAPTER = "brand_hub.users.adapters.HeadlessAdapter"
HEADLESS_ONLY = True
HEADLESS_SERVE_SPECIFICATION = True
# The accounts API's docs page, with Redoc served by the project instead of allauth's CDN copy.
HEADLESS_SPECIFICATION_TEMPLATE_NAME = "headless/spec/redoc.html"
HEADLESS_TOKEN_STRATEGY = "brand_hub.users.auth.OneQuerySessionTokenStrategy"
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": f"{FRONTEND_URL}/account/verify-email/{{key}}",
    "account_reset_password_from_key": f"{FRONTEND_URL}/account/password/reset/key/{{key}}",
    "account_signup": f"{FRONTEND_URL}/account/signup",
}

# Comments: django-comments-xtd with Brand Hub's comment model.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "brand_hub.community.models.CommunityComment"
COMMENTS_XTD_MAX_THREAD_LEVEL = int(os.environ.get("COMMENTS_MAX_REPLY_DEPTH", "3"))
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_EDIT_WINDOW_MINUTES = int(os.environ.get("COMMENTS_EDIT_WINDOW_MINUTES", "15"))
COMMENTS_HOLD_AFTER_FLAGS = int(os.environ.get("COMMENTS_HOLD_AFTER_FLAGS", "3"))
COMMENTS_MAX_LENGTH = 3000

# What holds a new or edited contribution for review, asked in order (brand_hub/community/screening.py).
CONTRIBUTION_SCREENERS = [
    "brand_hub.community.moderation.blocklist_screener",
    "brand_hub.triage.screening.triage_screener",
    "brand_hub.trust.screening.new_member_screener",
]

# Spam and abuse triage (brand_hub/triage): a new or edited comment whose score reaches a threshold
# is held for review, an idea is flagged to its reviewers; nothing is deleted. Scores are 0..1.
TRIAGE_SPAM_THRESHOLD = float(os.environ.get("TRIAGE_SPAM_THRESHOLD", "0.5"))
TRIAGE_ABUSE_THRESHOLD = float(os.environ.get("TRIAGE_ABUSE_THRESHOLD", "0.5"))
# Links to these domains (and their subdomains) are not spam: the brand's own sites (the frontend's
# among them), couriers' tracking pages. TRIAGE_TRUSTED_DOMAINS in the environment (comma-separated)
# adds more.
TRIAGE_TRUSTED_DOMAINS = [
    urlsplit(FRONTEND_URL).hostname or "localhost",
    "brandhub.example",
    "correos.es",
    "seur.com",
    "gls-group.com",
    "mrw.es",
    "ups.com",
    "fedex.com",
    "dhl.com",
    "usps.com",
    "royalmail.com",
    "inpost.pl",
    "dpd.com.pl",
    "poczta-polska.pl",
] + [domain.strip() for domain in os.environ.get("TRIAGE_TRUSTED_DOMAINS", "").split(",") if domain.strip()]

# Community writes: limits per account ("user") and per client IP ("ip"); a rate is "count/period"
# (s, m, h, d). COMMUNITY_RATE_LIMITS in the environment (JSON) replaces single actions' entries.
COMMUNITY_RATE_LIMITS = {
    "comment": {"user": "10/m", "ip": "30/m"},
    "reaction": {"user": "60/m", "ip": "120/m"},
    "flag": {"user": "20/h", "ip": "40/h"},
    "idea": {"user": "5/h", "ip": "20/h"},
    "vote": {"user": "60/m", "ip": "120/m"},
    "share": {"user": "30/h", "ip": "60/h"},
    "share_visit": {"ip": "120/m"},
    "page_view": {"ip": "300/m"},
    "membership": {"user": "30/m", "ip": "60/m"},
    "follow": {"user": "60/m", "ip": "120/m"},
    "mute": {"user": "60/m", "ip": "120/m"},
}
COMMUNITY_RATE_LIMITS.update(json.loads(os.environ.get("COMMUNITY_RATE_LIMITS", "{}")))
# django-ratelimit counts them (brand_hub/core/rate_limits.py); while the shared cache is unreachable
# (a restart) it lets requests through rather than refusing every write.
RATELIMIT_FAIL_OPEN = True
# Sign-up, log-in and password reset are limited by allauth itself.
ACCOUNT_RATE_LIMITS = {
    "signup": os.environ.get("SIGNUP_RATE_LIMIT", "5/h/ip"),
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}

# Trust levels (brand_hub/trust): a level needs as many accepted contributions (published comments,
# approved ideas weighing TRUST_IDEA_WEIGHT each, less TRUST_REMOVAL_WEIGHT per comment moderators
# removed) and days since sign-up as its threshold, and the levels below it.
TRUST_LEVEL_THRESHOLDS = {
    1: {"contributions": 3, "days": 2},  # member
    2: {"contributions": 20, "days": 30},  # trusted member
    3: {"contributions": 100, "days": 180},  # community leader
}
TRUST_IDEA_WEIGHT = 3
TRUST_REMOVAL_WEIGHT = 5
# A new member's (level 0) first comments wait for a moderator, and so does any of theirs with more links.
TRUST_HOLD_FIRST_CONTRIBUTIONS = env_count("TRUST_HOLD_FIRST_CONTRIBUTIONS", 2)
TRUST_NEW_MEMBER_MAX_LINKS = env_count("TRUST_NEW_MEMBER_MAX_LINKS", 1)
# The share of each COMMUNITY_RATE_LIMITS "user" rate an account has, by trust level (1 when unlisted).
TRUST_RATE_SCALE = {0: float(os.environ.get("TRUST_NEW_MEMBER_RATE_SCALE", "0.3"))}
RATE_LIMIT_SCALE = "brand_hub.trust.services.rate_limit_scale"

# Insights: influence counts the responses of the last INSIGHTS_INFLUENCE_WINDOW_DAYS days.
INSIGHTS_INFLUENCE_WINDOW_DAYS = int(os.environ.get("INSIGHTS_INFLUENCE_WINDOW_DAYS", "365"))

# Referrals: a sign-up within REFERRAL_WINDOW_DAYS of a visit through a share link credits the sharer,
# and so do the new member's first REFERRAL_FIRST_CONTRIBUTIONS comments, ideas and votes in that window.
REFERRAL_WINDOW_DAYS = int(os.environ.get("REFERRAL_WINDOW_DAYS", "30"))
REFERRAL_FIRST_CONTRIBUTIONS = int(os.environ.get("REFERRAL_FIRST_CONTRIBUTIONS", "3"))

# Elasticsearch belongs to the search app (knowledge search); Wagtail's own search stays on the database.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "brand_hub")
# Copies and pieces of each index, fixed when set; otherwise chosen when the index is created
# (search/indices/layout.py): a replica when the cluster has more than one data node, and shards
# from the database's row count, at most one per data node.
ELASTICSEARCH_REPLICAS = (
    int(os.environ["ELASTICSEARCH_REPLICAS"]) if os.environ.get("ELASTICSEARCH_REPLICAS") else None
)
ELASTICSEARCH_SHARDS = (
    int(os.environ["ELASTICSEARCH_SHARDS"]) if os.environ.get("ELASTICSEARCH_SHARDS") else None
)
# Send search updates from the request that made them, right after its commit (development, tests).
# Production runs `manage.py search_worker` beside the web server instead, so that a write never
# waits for Elasticsearch.
SEARCH_SEND_AFTER_COMMIT = env_bool("SEARCH_SEND_AFTER_COMMIT", True)

# Insights (brand_hub/insights; every figure is defined in README.md, "Insights").
# The dashboard and /api/insights/ rebuild the daily roll-ups when they are older than this;
# `manage.py insights_refresh` (cron or worker) keeps them fresh so readers rarely wait.
INSIGHTS_MAX_AGE_SECONDS = int(os.environ.get("INSIGHTS_MAX_AGE_SECONDS", "300"))
# Every refresh recomputes these last days too, where late changes land (a comment removed).
INSIGHTS_REFRESH_OVERLAP_DAYS = int(os.environ.get("INSIGHTS_REFRESH_OVERLAP_DAYS", "7"))
# A negative complaint with no answer from the brand after this long is on the alert list.
INSIGHTS_ALERT_AFTER_HOURS = int(os.environ.get("INSIGHTS_ALERT_AFTER_HOURS", "24"))
# A negative mention from a listening tool that reached at least this many people, published in the
# last INSIGHTS_MENTION_ALERT_DAYS days, is on the alert list.
INSIGHTS_MENTION_ALERT_REACH = int(os.environ.get("INSIGHTS_MENTION_ALERT_REACH", "10000"))
INSIGHTS_MENTION_ALERT_DAYS = int(os.environ.get("INSIGHTS_MENTION_ALERT_DAYS", "7"))
# A complainant "stayed" when they took part again at least this long after the complaint.
INSIGHTS_RETENTION_AFTER_HOURS = int(os.environ.get("INSIGHTS_RETENTION_AFTER_HOURS", "24"))

# Sentiment of comments and ideas (brand_hub/sentiment): a score in [-1, 1] is positive from
# SENTIMENT_POSITIVE_FROM, negative below SENTIMENT_NEGATIVE_BELOW, neutral between (VADER's bands).
SENTIMENT_POSITIVE_FROM = float(os.environ.get("SENTIMENT_POSITIVE_FROM", "0.05"))
SENTIMENT_NEGATIVE_BELOW = float(os.environ.get("SENTIMENT_NEGATIVE_BELOW", "-0.05"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Each line with its time, level, logger and process: the lines of a process's log can be set
    # against a request's time (site/topology.sh keeps one log per process).
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s",
            "datefmt": "%Y-%m-%d %H:%M:%S%z",  # local time (TIME_ZONE) with its offset from UTC
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # The Elasticsearch client logs every request at INFO; its warnings and errors still show.
        "elastic_transport": {"level": "WARNING"},
    },
}
