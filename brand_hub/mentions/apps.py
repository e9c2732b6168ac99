from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentionsConfig(AppConfig):
    name = "brand_hub.mentions"
    label = "mentions"
    verbose_name = _("Mentions")
