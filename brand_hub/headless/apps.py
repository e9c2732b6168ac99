from django.apps import AppConfig


class HeadlessConfig(AppConfig):
    name = "brand_hub.headless"
    label = "headless"

    def ready(self):
        from . import signals  # noqa: F401
