from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "brand_hub.blog"
    label = "blog"
