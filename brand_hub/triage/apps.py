from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "brand_hub.triage"
    label = "triage"
    verbose_name = _("Spam and abuse triage")

    def ready(self) -> None:
        from . import receivers  # noqa: F401
