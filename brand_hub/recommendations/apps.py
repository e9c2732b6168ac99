from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "brand_hub.recommendations"
    label = "recommendations"
