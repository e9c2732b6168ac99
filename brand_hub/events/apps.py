from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "brand_hub.events"
    label = "events"
    verbose_name = "Events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401
