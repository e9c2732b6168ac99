from django.apps import AppConfig


class HeadlessConfig(AppConfig):
    name = "brand_hub.headless"
    label = "brand_headless"

    def ready(self):
        from . import signals  # noqa: F401
        from .typed_pages import extend_wagtail_v3

        extend_wagtail_v3()
