from django.apps import AppConfig


class HeadlessConfig(AppConfig):
    name = "brand_hub.headless"
    label = "brand_headless"

    def ready(self):
        from . import signals  # noqa: F401
