from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "brand_hub.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from . import receivers  # noqa: F401
