"""Text prepared in Python before Elasticsearch sees it, the same way for a document and for a query.

The test node has only the server's own analysis (no asciifolding, stemmer or ngram filters), so
folding accents and finding a word's base form happen here: a document carries its words folded
(`<field>_folded`) and their base forms (`<field>_stems_<language>`) beside the text as written, and a
query is prepared by the same functions before it is matched against those fields.
"""

import re
import unicodedata
from functools import lru_cache

#: Raised whenever what this module produces for the same text changes: documents indexed with an
#: older version no longer meet the queries, and `search_check` counts them until `search_reindex`.
ANALYSIS_VERSION = 2

#: A word: letters and digits, with the parts of a compound joined by a hyphen or an apostrophe
#: ("co-creación", "customer's") kept together so that the parts can be joined as well as split.
WORD = re.compile(r"[^\W_]+(?:[-‐‑'’][^\W_]+)*")
PART = re.compile(r"[^\W_]+")
#: Letters that Unicode does not decompose into a base letter and an accent.
UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d"})


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without accents: "Envío" and "envio" are one word, "zwrotów" and "zwrotow" too."""
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(UNDECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The words of a text, compounds whole, in order."""
    return WORD.findall(text)


def parts(word: str) -> list[str]:
    """The parts of a compound ("co-creación": co, creación); a plain word is its own part."""
    return PART.findall(word)


def joined(word: str) -> str:
    """A compound written as one word ("co-creación": cocreación), as people also write it."""
    return "".join(parts(word))


def folded_text(text: str) -> str:
    """The `_folded` field: every part of every word folded, in order, so that phrases still match."""
    return " ".join(fold(part) for word in words(text) for part in parts(word))
