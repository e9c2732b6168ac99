from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReputationConfig(AppConfig):
    name = "brand_hub.reputation"
    label = "reputation"
    verbose_name = _("Reputation")

    def ready(self):
        from . import receivers  # noqa: F401
