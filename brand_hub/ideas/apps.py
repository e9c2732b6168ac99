from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "brand_hub.ideas"
    label = "ideas"

    def ready(self):
        from . import receivers  # noqa: F401
        from .review import replace_outcome_emails

        replace_outcome_emails()
