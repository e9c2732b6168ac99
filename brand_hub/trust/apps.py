from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustConfig(AppConfig):
    name = "brand_hub.trust"
    label = "trust"
    verbose_name = _("Trust and suspensions")

    def ready(self):
        from . import receivers  # noqa: F401
