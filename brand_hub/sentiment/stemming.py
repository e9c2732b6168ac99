"""Words as the lexicons key them: Snowball stems, and Spanish without its accents (as nlp.js keys it)."""

import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

SNOWBALL_NAMES = {"es": "spanish", "en": "english", "pl": "polish"}
# A Snowball stemmer keeps its word in the instance while it works: one per thread.
_local = threading.local()


def strip_accents(word: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", word) if not unicodedata.combining(char))


def _stemmer(language: str):
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(SNOWBALL_NAMES[language])
    return stemmers[language]


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """The stem of a lower-case word; Spanish loses its accents first (ñ becomes n)."""
    if language == "es":
        word = strip_accents(word)
    return _stemmer(language).stemWord(word)
