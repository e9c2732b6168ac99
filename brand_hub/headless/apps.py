from importlib.util import find_spec

from django.apps import AppConfig, apps
from django.utils import translation


def mounts_v3_routers(config: AppConfig) -> bool:
    """A Wagtail app with an api.v3 package adds its router to v3 in its ready()."""
    if not config.name.startswith("wagtail."):
        return False
    try:
        return find_spec(f"{config.name}.api.v3") is not None
    except ModuleNotFoundError:  # no api package at all
        return False


def in_english(ready):
    def english_ready():
        with translation.override("en"):
            ready()

    return english_ready


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

        # The apps that mount their own routers on v3 (images, documents, redirects, ...) build them in
        # their ready(), which Django calls after this one, with no language active: their field titles
        # came out in the default language ("Colección"). Their ready() runs in English too.
        for config in apps.get_app_configs():
            if mounts_v3_routers(config):
                config.ready = in_english(config.ready)

        from .public_urls import use_public_urls_in_wagtail_apis
        from .querysets import read_pages_as_readers_in_v3

        read_pages_as_readers_in_v3()

        # After the v3 schemas exist: their resolvers are replaced in each of them.
        use_public_urls_in_wagtail_apis()
