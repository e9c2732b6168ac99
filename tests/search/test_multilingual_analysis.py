"""Hunspell stemming in the pages index: an inflected word finds the page in its other forms."""

import itertools

import pytest

from search.indices.pages import PageDocument

pytestmark = pytest.mark.elasticsearch

_page_ids = itertools.count(1)


def publish(client, index: str, *, locale: str, title: str) -> None:
    PageDocument(
        page_id=next(_page_ids), locale=locale, page_type="blog.BlogPage", url="/", title=title
    ).save(index=index, using=client, refresh=True)


def titles_matching(client, index: str, *, field: str, words: str) -> list[str]:
    response = client.search(index=index, query={"match": {field: words}})
    return [hit["_source"]["title"] for hit in response["hits"]["hits"]]


def analyzed(client, index: str, *, analyzer: str, text: str) -> list[str]:
    return [
        token["token"]
        for token in client.indices.analyze(index=index, analyzer=analyzer, text=text)["tokens"]
    ]


def test_an_inflected_spanish_word_finds_its_other_forms(elasticsearch, pages_index):
    publish(elasticsearch, pages_index, locale="es", title="Los clientes compraron zapatillas nuevas")
    publish(elasticsearch, pages_index, locale="es", title="La tienda cierra los domingos")

    assert "comprar" in analyzed(elasticsearch, pages_index, analyzer="brand_es", text="compraron")
    assert "los" not in analyzed(elasticsearch, pages_index, analyzer="brand_es", text="los clientes")
    for words in ("comprar", "zapatilla", "cliente"):
        assert titles_matching(elasticsearch, pages_index, field="title.es", words=words) == [
            "Los clientes compraron zapatillas nuevas"
        ]


def test_an_inflected_polish_word_finds_its_other_forms(elasticsearch, pages_index):
    publish(elasticsearch, pages_index, locale="pl", title="Kupiłem nowe buty w sklepie")
    publish(elasticsearch, pages_index, locale="pl", title="Sklep jest zamknięty w niedzielę")

    assert "kupić" in analyzed(elasticsearch, pages_index, analyzer="brand_pl", text="kupiłem")
    assert set(analyzed(elasticsearch, pages_index, analyzer="brand_pl", text="butów")) & set(
        analyzed(elasticsearch, pages_index, analyzer="brand_pl", text="buty")
    )
    for words in ("kupić", "butów"):
        assert titles_matching(elasticsearch, pages_index, field="title.pl", words=words) == [
            "Kupiłem nowe buty w sklepie"
        ]


def test_an_inflected_english_word_finds_its_other_forms(elasticsearch, pages_index):
    publish(elasticsearch, pages_index, locale="en", title="Our customers are ordering new jackets")
    publish(elasticsearch, pages_index, locale="en", title="The shop closes on Sundays")

    assert "order" in analyzed(elasticsearch, pages_index, analyzer="brand_en", text="ordering")
    for words in ("ordered", "jacket"):
        assert titles_matching(elasticsearch, pages_index, field="title.en", words=words) == [
            "Our customers are ordering new jackets"
        ]


def test_the_unstemmed_field_does_not_match_another_form_of_a_word(elasticsearch, pages_index):
    publish(elasticsearch, pages_index, locale="es", title="Los clientes compraron zapatillas nuevas")

    assert titles_matching(elasticsearch, pages_index, field="title", words="comprar zapatilla") == []
    assert titles_matching(elasticsearch, pages_index, field="title", words="zapatillas") == [
        "Los clientes compraron zapatillas nuevas"
    ]
