"""Bounds on the listing parameters that Wagtail's v2 and v3 APIs hand to the database unchecked."""

import re

from django.utils.translation import gettext as _

#: The largest OFFSET PostgreSQL (bigint) and SQLite (64-bit integer) accept; beyond it the query fails.
MAX_OFFSET = 2**63 - 1

#: Wagtail's database search backend nests one SQL expression per word, and compiling the nest
#: exceeded Python's recursion limit from about 150 words on PostgreSQL (1,000 on SQLite).
SEARCH_MAX_WORDS = 32
SEARCH_MAX_LENGTH = 256

#: Words as the PostgreSQL backend splits them (whitespace and hyphens); SQLite's split is coarser.
WORD_SEPARATORS = re.compile(r"[\s\-]+")


def offset_problem(offset: int) -> str | None:
    """Why the database cannot skip `offset` rows, or None when it can."""
    if offset > MAX_OFFSET:
        return _("offset cannot be higher than %(max)d") % {"max": MAX_OFFSET}
    return None


def search_problem(query: str) -> str | None:
    """Why the search backend cannot run `query`, or None when it can."""
    if "\x00" in query:
        return _("search cannot contain null characters")
    if len([word for word in WORD_SEPARATORS.split(query) if word]) > SEARCH_MAX_WORDS:
        return _("search cannot have more than %(max)d words") % {"max": SEARCH_MAX_WORDS}
    if len(query) > SEARCH_MAX_LENGTH:
        return _("search cannot be longer than %(max)d characters") % {"max": SEARCH_MAX_LENGTH}
    return None
