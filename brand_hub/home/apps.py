from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "brand_hub.home"
    label = "home"
