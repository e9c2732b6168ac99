"""ASGI entry point: production serves the API with gunicorn's UvicornWorker (live updates stream
without holding a thread each)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.production")
application = get_asgi_application()
