"""Field builders shared by the comment and idea indices: text analysed in the document's own language."""

from elasticsearch.dsl import Text

from search.analysis import ANALYZERS

LANGUAGES = tuple(ANALYZERS)


def text_as_written() -> Text:
    """Every document's words with the standard analyzer: exact words match in any language."""
    return Text(analyzer="standard")


def language_text(language: str) -> Text:
    """Stemmed in one language; only documents in that language fill it (a third of the work of
    analysing every text three times), so `text_pl` holds Polish words only."""
    return Text(analyzer=ANALYZERS[language])


def split_by_language(name: str, value: str, language: str) -> dict[str, str]:
    """{"text_es": value} for a Spanish text: the document's field in its language only."""
    return {f"{name}_{language}": value} if language in LANGUAGES else {}
