"""Local development: debug on by default and a secret key generated once and kept in var/."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool, local_secret_key

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or local_secret_key()
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
