from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "brand_hub.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from . import receivers  # noqa: F401
