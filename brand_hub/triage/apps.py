from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "brand_hub.triage"
    label = "triage"
    verbose_name = _("Spam and abuse triage")

    def ready(self) -> None:
        from . import receivers  # noqa: F401

    def warm_up(self) -> None:
        """Read each language's lexicon now, not in a process's first screening in that language
        (brand_hub.core.processes.settle)."""
        from .scoring import LANGUAGES, lexicon

        for language in LANGUAGES:
            lexicon(language)
