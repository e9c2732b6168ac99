from django.apps import AppConfig
from django.utils import translation


class HeadlessConfig(AppConfig):
    name = "brand_hub.headless"
    label = "brand_headless"

    def ready(self):
        from . import signals  # noqa: F401
        from .typed_pages import extend_wagtail_v3

        # Wagtail v3 builds its schemas when its registry and routers are first imported, reading each
        # field's verbose name in the language active then. Built here, in English, the OpenAPI
        # document reads the same whichever language the site defaults to and whatever loads it first.
        with translation.override("en"):
            # Typed page schemas go into the registry before the pages router reads it.
            extend_wagtail_v3()
            from wagtail.api.v3 import registry, urls  # noqa: F401

        from .public_urls import use_public_urls_in_wagtail_apis

        # After the v3 schemas exist: their resolvers are replaced in each of them.
        use_public_urls_in_wagtail_apis()
