from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "brand_hub.core"
    label = "core"
