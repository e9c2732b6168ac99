from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "brand_hub.community"
    label = "community"
    verbose_name = "Community"

    def ready(self):
        from . import signals  # noqa: F401
