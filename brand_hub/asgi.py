"""ASGI entry point: production serves the API with gunicorn's UvicornWorker (live updates stream
without holding a thread each)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.production")
# A web process serves requests in several threads at once: its pool keeps 4 connections open.
os.environ.setdefault("DATABASE_POOL_MIN_SIZE", "4")
application = get_asgi_application()

# Before the first request rather than in it: the search's word dictionaries, seconds of CPU, then
# what brand_hub.core.processes.settle loads (caches, catalogues, lexicons, URL map, database pool).
from brand_hub.core.processes import settle  # noqa: E402  (the apps must be loaded first)
from search.prepared import warm_up  # noqa: E402

warm_up()
settle()
