"""Words as the lexicons key them: Snowball stems, and Spanish without its accents (as nlp.js keys it)."""

from functools import lru_cache

from brand_hub.core.text import fold, snowball


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """The stem of a lower-case word; Spanish loses its accents first (ñ becomes n)."""
    if language == "es":
        word = fold(word)
    return snowball(language).stemWord(word)
