"""CSV for spreadsheets: cells that a spreadsheet would run as a formula are defused, and rows stream."""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

#: What a spreadsheet reads as the start of a formula (OWASP's list: = + - @, tab and carriage return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(value: Any) -> Any:
    """A text cell that would start a formula, as text: a leading apostrophe, which spreadsheets hide.

    Numbers stay numbers (a negative figure is no formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Line:
    """The file-like object csv.writer writes one line to, handed back instead of kept."""

    def write(self, text: str) -> str:
        return text


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Each row as one CSV line, every text cell quoted and defused, for a StreamingHttpResponse."""
    writer = csv.writer(_Line(), quoting=csv.QUOTE_NONNUMERIC)
    for row in rows:
        yield writer.writerow([defused(value) for value in row])
