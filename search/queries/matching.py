"""How a query's words meet a document's text: as written first, then folded, then in any form;
quoted phrases as phrases; typos forgiven and a correction offered only when nothing was found."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from search.indices.fields import LANGUAGES
from search.language import FUNCTION_WORDS
from search.prepared import WORD, fold, folded_text, parts, word_keys, words

from .base import run_search, total_hits

#: Exact words as written outrank the same words without their accents, which outrank other forms
#: (the dictionary form first, then the stem).
AS_WRITTEN_BOOST = 3.0
FOLDED_BOOST = 2.0
LEMMA_BOOST = 1.0
STEM_BOOST = 0.5
#: A word this long (folded) is forgiven one typo, and two from TWO_TYPOS letters on; shorter words
#: must be right ("sol" is not "sal"). Only when the words as typed found nothing.
ONE_TYPO, TWO_TYPOS = 5, 8
#: A word this short followed by another may be the first half of a compound written apart.
SHORT_PART = 3
QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")
STOP_WORDS = frozenset(fold(word) for vocabulary in FUNCTION_WORDS.values() for word in vocabulary)
#: What Elasticsearch's html encoder escapes, so that fragments read the same as before.
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;", "/": "&#x2F;"})
FRAGMENT_SIZE = 160
FRAGMENTS = 3


@dataclass(frozen=True)
class SearchText:
    """What the box held: quoted phrases, and the other words in order, each required or, for stop
    words, only ranking (unless the query has nothing else)."""

    phrases: tuple[str, ...]
    words: tuple[str, ...]
    required: tuple[bool, ...]

    @classmethod
    def parse(cls, q: str | None) -> "SearchText":
        q = q or ""
        phrases = tuple(phrase for phrase in QUOTED.findall(q) if words(phrase))
        loose = tuple(words(QUOTED.sub(" ", q)))
        required = tuple(fold(word) not in STOP_WORDS for word in loose)
        if not any(required) and not phrases:
            required = (True,) * len(loose)
        return cls(phrases=phrases, words=loose, required=required)

    def __bool__(self) -> bool:
        return bool(self.phrases or self.words)

    def required_words(self) -> list[str]:
        return [word for word, required in zip(self.words, self.required, strict=True) if required]

    def folded_words(self) -> set[str]:
        everything = [*self.required_words(), *(word for phrase in self.phrases for word in words(phrase))]
        return {fold(part) for word in everything for part in parts(word)}

    def keys(self, language: str) -> set[str]:
        return {key for word in self.required_words() for key in word_keys(word, language)}


def searched_texts(fields: Sequence[str]) -> dict[str, float]:
    """{"title": 2.0, "description": 1.0} from a field list such as ["title^2", "title_es^2", ...]:
    the texts searched and their weights (a text's prepared fields are named after it)."""
    texts = {}
    for spec in fields:
        name, _, boost = spec.partition("^")
        if name.rsplit("_", 1)[-1] not in LANGUAGES:
            texts[name] = float(boost or 1)
    return texts


def _folded_match(field: str, folded: str, boost: float, typos: bool) -> dict:
    if typos and len(folded) >= ONE_TYPO and " " not in folded:
        fuzzy = {"fuzziness": f"AUTO:{ONE_TYPO},{TWO_TYPOS}", "prefix_length": 1, "max_expansions": 20}
        return {"match": {field: {"query": folded, "boost": boost, **fuzzy}}}
    return {"match_phrase": {field: {"query": folded, "boost": boost}}}


def word_clause(word: str, texts: dict[str, float], *, typos: bool = False) -> dict:
    """One word of the query, found in any searched text in any of its forms; a compound also as one
    word ("co-creación" finds "cocreación", whose folded form is one word)."""
    word_parts = [fold(part) for part in parts(word)]
    should = []
    for name, weight in texts.items():
        should.append({"match_phrase": {name: {"query": word, "boost": weight * AS_WRITTEN_BOOST}}})
        folded_fields = [" ".join(word_parts)] + (["".join(word_parts)] if len(word_parts) > 1 else [])
        for folded in folded_fields:
            should.append(_folded_match(f"{name}_folded", folded, weight * FOLDED_BOOST, typos))
        for language in LANGUAGES:
            field = f"{name}_stems_{language}"
            for key, boost in zip(word_keys(word, language), (LEMMA_BOOST, STEM_BOOST), strict=False):
                should.append({"match": {field: {"query": key, "boost": weight * boost}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def words_clauses(search: SearchText, texts: dict[str, float], *, typos: bool) -> tuple[list, list]:
    """The clauses every document must match and those that only rank it. A short word before
    another ("co creación") may be the first half of a compound written apart: then either the two
    words (the short one required unless it is a stop word) or the two joined match."""
    must, should, index = [], [], 0
    found = search.words
    while index < len(found):
        word, required = found[index], search.required[index]
        if len(word) <= SHORT_PART and index + 1 < len(found) and search.required[index + 1]:
            following = word_clause(found[index + 1], texts, typos=typos)
            if required:
                apart = {"bool": {"must": [word_clause(word, texts, typos=typos), following]}}
            else:
                apart = following
                should.append(word_clause(word, texts))
            together = word_clause(f"{word}-{found[index + 1]}", texts, typos=typos)
            must.append({"bool": {"should": [apart, together], "minimum_should_match": 1}})
            index += 2
            continue
        (must if required else should).append(word_clause(word, texts, typos=typos and required))
        index += 1
    return must, should


def phrase_clause(phrase: str, texts: dict[str, float]) -> dict:
    """A quoted phrase: its words in that order, as written or without accents."""
    should = []
    for name, weight in texts.items():
        should.append({"match_phrase": {name: {"query": phrase, "boost": weight * AS_WRITTEN_BOOST}}})
        folded = folded_text(phrase)
        should.append({"match_phrase": {f"{name}_folded": {"query": folded, "boost": weight * FOLDED_BOOST}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def text_query(q: str | None, fields: Sequence[str], *, typos: bool = False) -> dict:
    """Every phrase and every word that is not a stop word must be found in some searched text: as
    written, without accents or case, or in another form of the document's language. With `typos`,
    longer words may be a letter or two off."""
    search = SearchText.parse(q)
    if not search:
        return {"match_all": {}}
    texts = searched_texts(fields)
    must, should = words_clauses(search, texts, typos=typos)
    must += [phrase_clause(phrase, texts) for phrase in search.phrases]
    return {"bool": {"must": must, "should": should}}


def suggest_request(q: str, fields: Sequence[str]) -> dict:
    """Elasticsearch's term suggester on each text as written: corrections for the words it lacks."""
    options = {"suggest_mode": "missing", "min_word_length": 4, "max_edits": 2, "prefix_length": 1}
    return {
        "text": " ".join(words(q)),
        **{f"did_you_mean_{name}": {"term": {"field": name, **options}} for name in searched_texts(fields)},
    }


def suggestion_of(q: str, response: dict) -> str | None:
    """The query with each word the index lacks replaced by its likeliest correction, or None."""
    text = " ".join(words(q))
    best: dict[tuple[int, int], tuple[float, int, str]] = {}
    for entries in response.get("suggest", {}).values():
        for entry in entries:
            for option in entry["options"]:
                span = (entry["offset"], entry["length"])
                candidate = (option["score"], option["freq"], option["text"])
                if candidate > best.get(span, (0.0, 0, "")):
                    best[span] = candidate
    if not best:
        return None
    for (offset, length), (_score, _freq, correction) in sorted(best.items(), reverse=True):
        text = text[:offset] + correction + text[offset + length :]
    return text


def search_forgiving_typos(
    indices: dict[str, Sequence[str]], q: str | None, body_for: Callable[[dict], dict]
) -> tuple[dict, str | None]:
    """Search the indices ({alias: its searched fields}) with the words as typed. When that finds
    nothing, suggest a correction made of the indices' own words and answer what the correction
    finds ("prosumidroes": prosumidores, and so every form of it); failing that, what the words as
    typed find when longer words may be a letter or two off. Returns the answer and the suggestion,
    named only when the answer is what it found (a word of another language's comments, which the
    filters leave out, is no suggestion)."""
    fields = list(dict.fromkeys(field for names in indices.values() for field in names))
    response = run_search(list(indices), body_for(text_query(q, fields)))
    if not q or total_hits(response) or not SearchText.parse(q):
        return response, None
    suggestions = {"suggest": {}}
    for alias, names in indices.items():
        # Each index apart: a suggester fails on a field that an index lacks.
        answer = run_search([alias], {"size": 0, "suggest": suggest_request(q, names)})
        for name, entries in answer.get("suggest", {}).items():
            suggestions["suggest"][f"{alias} {name}"] = entries
    suggestion = suggestion_of(q, suggestions)
    if suggestion:
        corrected = run_search(list(indices), body_for(text_query(suggestion, fields)))
        if total_hits(corrected):
            return corrected, suggestion
    return run_search(list(indices), body_for(text_query(q, fields, typos=True))), None


def _marked_spans(text: str, search: SearchText, language: str | None) -> list[tuple[int, int]]:
    folded = search.folded_words()
    keys = search.keys(language) if language in LANGUAGES else set()
    spans = []
    for match in WORD.finditer(text):
        word = match.group()
        if any(fold(part) in folded for part in parts(word)) or (
            keys and keys.intersection(word_keys(word, language))
        ):
            spans.append(match.span())
    return spans


def _escaped(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, at = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        out.append(text[at:span_start].translate(ESCAPES))
        out.append(f"<mark>{text[span_start:span_end].translate(ESCAPES)}</mark>")
        at = span_end
    out.append(text[at:end].translate(ESCAPES))
    return "".join(out)


SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def marked_fragments(
    text: str, search: SearchText, language: str | None, *, whole: bool = False
) -> list[str]:
    """HTML-safe fragments of the text with the words the query matched in <mark>, found the way the
    query finds them (folded, or by a key of the document's language): up to three passages of about
    160 characters in the text's order, or the whole text; none when nothing matched."""
    spans = _marked_spans(text, search, language)
    if not spans:
        return []
    if whole or len(text) <= FRAGMENT_SIZE:
        return [_escaped(text, spans, 0, len(text))]
    passages, start = [], 0
    for boundary in [*(match.end() for match in SENTENCE_END.finditer(text)), len(text)]:
        if boundary - start >= FRAGMENT_SIZE or boundary == len(text):
            passages.append((start, boundary))
            start = boundary
    chosen = [(start, end) for start, end in passages if any(start <= s < end for s, _ in spans)][:FRAGMENTS]
    return [_escaped(text, spans, start, end).strip() for start, end in chosen]


def mark_hits(response: dict, q: str | None, texts: dict[str, bool]) -> None:
    """Put each hit's fragments under `highlight`, as Elasticsearch's highlighter would: {text name:
    whether the whole text is one fragment}."""
    search = SearchText.parse(q)
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        hit["highlight"] = {
            name: marked_fragments(source.get(name) or "", search, source.get("language"), whole=whole)
            for name, whole in texts.items()
        }
