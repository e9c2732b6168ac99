from django.apps import AppConfig


class SentimentConfig(AppConfig):
    name = "brand_hub.sentiment"
    label = "sentiment"
