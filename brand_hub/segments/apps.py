from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SegmentsConfig(AppConfig):
    name = "brand_hub.segments"
    label = "segments"
    verbose_name = _("Segments")

    def ready(self):
        from . import receivers  # noqa: F401
