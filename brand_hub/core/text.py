"""Words as people type them, made comparable: one folding and one Snowball stemmer for every app
that matches words (search's analysis, sentiment's lexicons)."""

import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

#: Snowball's algorithm for each language the site speaks.
SNOWBALL_ALGORITHMS = {"es": "spanish", "en": "english", "pl": "polish"}
#: Letters that Unicode does not decompose into a base letter and an accent.
UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d"})
# A Snowball stemmer keeps the word it works on in the instance: one per thread.
_local = threading.local()


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without accents: "Envío" and "envio" are one word, "zwrotów" and "zwrotow" too."""
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(UNDECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def snowball(language: str) -> snowballstemmer.stemmer:
    """This thread's Snowball stemmer for `language` (es, en, pl)."""
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(SNOWBALL_ALGORITHMS[language])
    return stemmers[language]
