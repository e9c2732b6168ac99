from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "brand_hub.recommendations"
    label = "recommendations"

    def ready(self):
        from . import receivers  # noqa: F401
