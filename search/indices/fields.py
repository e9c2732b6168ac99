"""Field builders shared by the comment and idea indices: text as written, folded, and per language."""

from elasticsearch.dsl import Document, Text

from search.analysis import ANALYZERS
from search.prepared import folded_text, stemmed_text

LANGUAGES = tuple(ANALYZERS)


def text_as_written() -> Text:
    """Every document's words with the standard analyzer: exact words match in any language."""
    return Text(analyzer="standard")


def folded() -> Text:
    """Words folded in Python (search.prepared.fold): "envio" finds "envío". The standard analyzer
    only splits the prepared words again, keeping their positions for phrases."""
    return Text(analyzer="standard")


def stems(language: str) -> Text:
    """Base forms of a language's words (search.prepared.word_keys), filled for documents in it."""
    return Text(analyzer="standard")


def language_text(language: str) -> Text:
    """Stemmed in one language; only documents in that language fill it (a third of the work of
    analysing every text three times), so `text_pl` holds Polish words only."""
    return Text(analyzer=ANALYZERS[language])


def language_fields(name: str, value: str, language: str) -> dict[str, str]:
    """A text's prepared fields: {"text_folded": ..., "text_es": value, "text_stems_es": ...} for a
    Spanish text (the fields of the document's language only)."""
    fields = {f"{name}_folded": folded_text(value)}
    if language in LANGUAGES:
        fields[f"{name}_{language}"] = value
        fields[f"{name}_stems_{language}"] = stemmed_text(value, language)
    return fields


class TextDocument(Document):
    """One text (`text`) indexed the four ways of the knowledge search: comments and mentions."""

    text = text_as_written()
    text_folded = folded()
    text_es = language_text("es")
    text_en = language_text("en")
    text_pl = language_text("pl")
    text_stems_es = stems("es")
    text_stems_en = stems("en")
    text_stems_pl = stems("pl")
