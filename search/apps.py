"""Django app config for Brand Hub's Elasticsearch search."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Labelled `brand_search` so it never collides with Wagtail's `wagtailsearch`."""

    name = "search"
    label = "brand_search"
    verbose_name = "Search"

    def ready(self):
        from . import receivers  # noqa: F401
