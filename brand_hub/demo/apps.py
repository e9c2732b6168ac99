from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo seeder (`manage.py seed_demo`): no models of its own, it fills the other apps' pages."""

    name = "brand_hub.demo"
    label = "demo"
