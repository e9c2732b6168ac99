"""Text prepared in Python before Elasticsearch sees it, the same way for a document and for a query.

The test node has only the server's own analysis (no asciifolding, stemmer or ngram filters), so
folding accents and finding a word's base form happen here: a document carries its words folded
(`<field>_folded`) and their base forms (`<field>_stems_<language>`) beside the text as written, and a
query is prepared by the same functions before it is matched against those fields.
"""

import re
import threading
from functools import lru_cache

from simplemma.strategies import LOW_MEMORY_DICTIONARY_FACTORY, DictionaryLookupStrategy

from brand_hub.core.text import SNOWBALL_ALGORITHMS, fold, snowball

#: Raised whenever what this module produces for the same text changes: documents indexed with an
#: older version no longer meet the queries, and `search_check` counts them until `search_reindex`.
ANALYSIS_VERSION = 3

#: A word: letters and digits, with the parts of a compound joined by a hyphen or an apostrophe
#: ("co-creación", "customer's") kept together so that the parts can be joined as well as split.
WORD = re.compile(r"[^\W_]+(?:[-‐‑'’][^\W_]+)*")
PART = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text, compounds whole, in order."""
    return WORD.findall(text)


def parts(word: str) -> list[str]:
    """The parts of a compound ("co-creación": co, creación); a plain word is its own part."""
    return PART.findall(word)


def joined(word: str) -> str:
    """A compound written as one word ("co-creación": cocreación), as people also write it."""
    return "".join(parts(word))


@lru_cache(maxsize=200_000)
def folded_parts(word: str) -> str:
    """A word's parts folded, space-separated ("Co-creación": co creacion)."""
    return " ".join(fold(part) for part in parts(word))


def folded_text(text: str) -> str:
    """The `_folded` field: every part of every word folded, in order, so that phrases still match."""
    return " ".join(folded_parts(word) for word in words(text))


#: Endings typed without their accents that Snowball only strips when accented ("zwrotow": zwrotów).
ACCENTLESS_ENDINGS = {"pl": (("ow", "ów"),)}
#: Endings Snowball leaves that a word outside the dictionary takes ("influencerzy": influencer).
UNSTRIPPED_ENDINGS = {"pl": (("rzy", "r"),)}
_dictionary = DictionaryLookupStrategy(LOW_MEMORY_DICTIONARY_FACTORY)
#: Loading a language's dictionary takes seconds of CPU: threads asking for it together wait for one
#: load instead of each doing it (sixteen first searches on a cold web worker took 10 to 30 s).
_loading = threading.Lock()
_loaded: set[str] = set()


def warm_up() -> None:
    """Load the dictionaries now (seconds of CPU for the three) rather than in the first batch or
    search: the search worker and each web process call it as they start."""
    for language in SNOWBALL_ALGORITHMS:
        _load_dictionary(language)


def _load_dictionary(language: str) -> None:
    if language in _loaded:
        return
    with _loading:
        if language not in _loaded:
            _dictionary.get_lemma("", language)
            _loaded.add(language)


@lru_cache(maxsize=200_000)
def lemma(word: str, language: str) -> str | None:
    """The word's dictionary form when simplemma's dictionary of the language holds the word, else None.

    Only the dictionary: simplemma's rules for unknown words guess ("prosumidroes": prosumidroer), and
    a guess made for a document and another for a query would not meet. The low-memory dictionaries
    take some 60 MB for the three languages instead of about 500 MB (Polish alone is 450 MB).
    """
    _load_dictionary(language)
    return _dictionary.get_lemma(word.lower(), language)


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """Snowball's stem, folded: a suffix stripped, never a prefix ("devolución" stays apart from
    "evolución", which hunspell's Spanish dictionary made one)."""
    word = word.lower()
    for typed, accented in ACCENTLESS_ENDINGS.get(language, ()):
        if word.endswith(typed):
            word = word[: -len(typed)] + accented
    for ending, base in UNSTRIPPED_ENDINGS.get(language, ()):
        if word.endswith(ending) and lemma(word, language) is None:
            return fold(word[: -len(ending)] + base)
    return fold(snowball(language).stemWord(word))


@lru_cache(maxsize=200_000)
def word_keys(word: str, language: str) -> tuple[str, ...]:
    """What a word is found by in a language, for a document's word and a query's alike: its
    dictionary form (folded) when simplemma's dictionary knows it ("shipped": ship, "prosumentem":
    prosument), and its own Snowball stem, which also meets words outside the dictionaries
    ("prosumidores": prosumidor) and words typed without accents ("devolucion" and "devoluciones":
    devolu). Not the dictionary form's stem: "talleres" (taller) would stem to "tall", as "talla" does."""
    word = joined(word)
    known = lemma(word, language)
    own = stem(word, language)
    if known is None or fold(known) == own:
        return (own,)
    return (fold(known), own)


def stemmed_text(text: str, language: str) -> str:
    """The `_stems_<language>` field: the keys of every word; a compound's joined form
    ("co-creación": cocreacion), as its parts are already in the folded field."""
    return " ".join(" ".join(word_keys(word, language)) for word in words(text))
