"""Local development: debug on by default and a secret key generated once and kept in var/."""

import hashlib
import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, SECRET_KEY, env_bool, local_secret_key

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or local_secret_key()
# A webhook receiver being built on this machine may listen over plain http.
WEBHOOKS_ALLOW_LOCAL_HTTP = DEBUG
# Mails print to the console unless EMAIL_BACKEND says otherwise (the browser tests read them from
# files: django.core.mail.backends.filebased.EmailBackend with EMAIL_FILE_PATH).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")


def checkout_index_prefix(checkout: Path) -> str:
    """An index prefix of this checkout's own, so that checkouts sharing one development node never
    write into each other's indices; derived from the checkout's path, so it is the same every run."""
    return f"brand_hub_dev_{hashlib.sha256(str(checkout).encode()).hexdigest()[:8]}"


# Production and tests keep base.py's explicit setting; only development derives one when unset.
if not os.environ.get("ELASTICSEARCH_INDEX_PREFIX"):
    ELASTICSEARCH_INDEX_PREFIX = checkout_index_prefix(BASE_DIR)
