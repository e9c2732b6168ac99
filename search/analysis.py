"""Multilingual text analysis: one hunspell-stemming analyzer per content language."""

from elasticsearch.dsl import analyzer, token_filter

# Elasticsearch has no built-in Polish stop list (`_polish_` would be taken as a literal word),
# so the commonest function words are listed here.
POLISH_STOP_WORDS = [
    "a", "aby", "ale", "bo", "by", "być", "czy", "dla", "do", "gdy", "i", "ich", "jak", "jego",
    "jej", "jest", "już", "lub", "na", "nad", "nie", "o", "od", "oraz", "po", "pod", "przez",
    "przy", "się", "tak", "także", "to", "u", "w", "we", "z", "za", "ze", "że",
]  # fmt: skip


def _hunspell_analyzer(name: str, *, locale: str, stopwords: str | list[str]):
    """Only the server's own analysis, so the same definition runs on the integ-test node
    (which has no analysis-common module: no stemmer, snowball or asciifolding) and on a full
    distribution. Stop words go before stemming, as they are listed in their surface forms."""
    return analyzer(
        name,
        tokenizer="standard",
        filter=[
            "lowercase",
            token_filter(f"{name}_stop", type="stop", stopwords=stopwords),
            token_filter(f"{name}_hunspell", type="hunspell", locale=locale, dedup=True),
        ],
    )


brand_es = _hunspell_analyzer("brand_es", locale="es_ES", stopwords="_spanish_")
brand_en = _hunspell_analyzer("brand_en", locale="en_US", stopwords="_english_")
brand_pl = _hunspell_analyzer("brand_pl", locale="pl_PL", stopwords=POLISH_STOP_WORDS)

LANGUAGE_ANALYZERS = {"es": "brand_es", "en": "brand_en", "pl": "brand_pl"}
ANALYZERS = {"es": brand_es, "en": brand_en, "pl": brand_pl}
