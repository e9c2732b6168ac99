"""Hunspell stemming in the comments index: an inflected word finds the comment in its other forms."""

import itertools

import pytest

from search.indices.comments import CommentDocument

pytestmark = pytest.mark.elasticsearch

_comment_ids = itertools.count(1)


def publish(client, index: str, *, locale: str, text: str) -> None:
    """A comment whose text is `text`, stemmed in its language's field as the indexer does."""
    CommentDocument(
        comment_id=next(_comment_ids), language=locale, locale=locale, text=text, **{f"text_{locale}": text}
    ).save(index=index, using=client, refresh=True)


def texts_matching(client, index: str, *, field: str, words: str) -> list[str]:
    response = client.search(index=index, query={"match": {field: words}})
    return [hit["_source"]["text"] for hit in response["hits"]["hits"]]


def analyzed(client, index: str, *, analyzer: str, text: str) -> list[str]:
    return [
        token["token"]
        for token in client.indices.analyze(index=index, analyzer=analyzer, text=text)["tokens"]
    ]


def test_an_inflected_spanish_word_finds_its_other_forms(elasticsearch, comments_index):
    publish(elasticsearch, comments_index, locale="es", text="Los clientes compraron zapatillas nuevas")
    publish(elasticsearch, comments_index, locale="es", text="La tienda cierra los domingos")

    assert "comprar" in analyzed(elasticsearch, comments_index, analyzer="brand_es", text="compraron")
    assert "los" not in analyzed(elasticsearch, comments_index, analyzer="brand_es", text="los clientes")
    for words in ("comprar", "zapatilla", "cliente"):
        assert texts_matching(elasticsearch, comments_index, field="text_es", words=words) == [
            "Los clientes compraron zapatillas nuevas"
        ]


def test_an_inflected_polish_word_finds_its_other_forms(elasticsearch, comments_index):
    publish(elasticsearch, comments_index, locale="pl", text="Kupiłem nowe buty w sklepie")
    publish(elasticsearch, comments_index, locale="pl", text="Sklep jest zamknięty w niedzielę")

    assert "kupić" in analyzed(elasticsearch, comments_index, analyzer="brand_pl", text="kupiłem")
    assert set(analyzed(elasticsearch, comments_index, analyzer="brand_pl", text="butów")) & set(
        analyzed(elasticsearch, comments_index, analyzer="brand_pl", text="buty")
    )
    for words in ("kupić", "butów"):
        assert texts_matching(elasticsearch, comments_index, field="text_pl", words=words) == [
            "Kupiłem nowe buty w sklepie"
        ]


def test_an_inflected_english_word_finds_its_other_forms(elasticsearch, comments_index):
    publish(elasticsearch, comments_index, locale="en", text="Our customers are ordering new jackets")
    publish(elasticsearch, comments_index, locale="en", text="The shop closes on Sundays")

    assert "order" in analyzed(elasticsearch, comments_index, analyzer="brand_en", text="ordering")
    for words in ("ordered", "jacket"):
        assert texts_matching(elasticsearch, comments_index, field="text_en", words=words) == [
            "Our customers are ordering new jackets"
        ]


def test_the_unstemmed_field_does_not_match_another_form_of_a_word(elasticsearch, comments_index):
    publish(elasticsearch, comments_index, locale="es", text="Los clientes compraron zapatillas nuevas")

    assert texts_matching(elasticsearch, comments_index, field="text", words="comprar zapatilla") == []
    assert texts_matching(elasticsearch, comments_index, field="text", words="zapatillas") == [
        "Los clientes compraron zapatillas nuevas"
    ]
