from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "brand_hub.users"
    label = "users"
