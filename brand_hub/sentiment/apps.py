from django.apps import AppConfig


class SentimentConfig(AppConfig):
    name = "brand_hub.sentiment"
    label = "sentiment"

    def warm_up(self) -> None:
        """Build each language's lexicon now, not in a process's first comment of that language
        (brand_hub.core.processes.settle)."""
        from .analyser import LANGUAGES, emoji_valences, lexicon

        for language in LANGUAGES:
            lexicon(language)
        emoji_valences()
