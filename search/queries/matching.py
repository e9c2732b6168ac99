"""How a query's words meet a document's text: as written first, then folded, then in any form."""

from search.indices.fields import LANGUAGES
from search.prepared import fold, parts, words

#: Exact words as written outrank the same words without their accents, which outrank other forms.
AS_WRITTEN_BOOST = 3.0
FOLDED_BOOST = 2.0


def searched_texts(fields: list[str]) -> dict[str, float]:
    """{"title": 2.0, "description": 1.0} from a field list such as ["title^2", "title_es^2", ...]:
    the texts searched and their weights (a text's language fields are derived from its name)."""
    texts = {}
    for spec in fields:
        name, _, boost = spec.partition("^")
        if name.rsplit("_", 1)[-1] not in LANGUAGES:
            texts[name] = float(boost or 1)
    return texts


def word_clause(word: str, texts: dict[str, float]) -> dict:
    """One word of the query, found in any searched text in any of its forms."""
    folded = " ".join(fold(part) for part in parts(word))
    should = []
    for name, boost in texts.items():
        should.append({"match_phrase": {name: {"query": word, "boost": boost * AS_WRITTEN_BOOST}}})
        should.append({"match_phrase": {f"{name}_folded": {"query": folded, "boost": boost * FOLDED_BOOST}}})
        for language in LANGUAGES:
            should.append({"match": {f"{name}_{language}": {"query": word, "boost": boost}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def text_query(q: str | None, fields: list[str]) -> dict:
    """Every word must be found in some searched text: as written, without accents or case, or in
    another form of the document's language."""
    query_words = words(q or "")
    if not query_words:
        return {"match_all": {}}
    texts = searched_texts(fields)
    return {"bool": {"must": [word_clause(word, texts) for word in query_words]}}
