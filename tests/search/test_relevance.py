"""What people type finds what customers wrote: accents and case, other forms, compounds, phrases, typos."""

import pytest

from tests.brand_hub.community.calls import say

from .searching import found, send_and_refresh

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

ACCENTED = {
    "envio": "Mi envío llegó tarde y la caja venía rota",
    "devolucion": "Pedí la devolución del dinero hace dos semanas",
    "informacion": "No encuentro información sobre las tallas",
    "participacion": "Gracias por la participación en el reto de diseño",
    "cocreacion": "Me encanta la cocreación con la marca",
    "zwrotow": "Polityka zwrotów jest niejasna i nie wiem, czy mogę oddać buty",
}


def written(client, page, text: str) -> int:
    response = say(client, page, text)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def comment_ids(client, q: str) -> list[int]:
    return [item["comment_id"] for item in found(client, "/comments", q=q)["items"]]


@pytest.fixture
def accented(index_prefix, post, lucia) -> dict[str, int]:
    ids = {query: written(lucia, post, text) for query, text in ACCENTED.items()}
    send_and_refresh()
    return ids


@pytest.mark.parametrize("query", ACCENTED)
def test_a_word_typed_without_its_accents_finds_the_comment(client, accented, query):
    assert comment_ids(client, query) == [accented[query]]
    assert comment_ids(client, query.upper()) == [accented[query]]


def test_the_accented_form_as_written_ranks_first(client, index_prefix, post, lucia):
    without = written(lucia, post, "El envio de las zapatillas tardo una semana")
    accented = written(lucia, post, "El envío de las zapatillas tardó una semana")
    send_and_refresh()

    assert comment_ids(client, "envío") == [accented, without]
    assert comment_ids(client, "ENVÍO tardó") == [accented, without]
    assert comment_ids(client, "envio") == [without, accented]


def texts_found(client, q: str, path: str = "/comments") -> list[str]:
    return [item["text"] for item in found(client, path, q=q)["items"]]


@pytest.fixture
def written_texts(index_prefix, post, lucia):
    """Comments with these texts, indexed; the texts are returned."""

    def write(*texts: str) -> list[str]:
        for text in texts:
            written(lucia, post, text)
        send_and_refresh()
        return list(texts)

    return write


#: Written on a Spanish page: enough English function words to be analysed as English.
ENGLISH_SHIPPING = [
    "My order was shipped on Monday and it is late",
    "Shipping took twelve days and it was too long for me",
    "When will you ship to Ireland and is it free?",
]


@pytest.mark.parametrize(
    ("query", "texts"),
    [
        ("prosumidor", ["Los prosumidores más activos prueban los prototipos", "Soy prosumidor desde enero"]),
        (
            "prosumidores",
            ["Los prosumidores más activos prueban los prototipos", "Soy prosumidor desde enero"],
        ),
        (
            "influenciadores",
            ["Los influenciadores no usan las zapatillas", "Un influenciador habló de la suela"],
        ),
        (
            "prosumentem",
            ["Jestem prosumentem od roku i to jest świetne", "Prosumenci z naszej grupy są zadowoleni"],
        ),
        ("ship", ENGLISH_SHIPPING),
        (
            "shipping",
            ENGLISH_SHIPPING,
        ),
    ],
)
def test_a_word_outside_the_dictionary_finds_its_other_forms(client, written_texts, query, texts):
    written_texts(*texts, "La tienda cierra los domingos", "The store closes early")
    assert sorted(texts_found(client, query)) == sorted(texts)


@pytest.mark.parametrize(
    ("query", "meant", "unrelated"),
    [
        ("devolución", "Pedí la devolución del dinero", "Me gusta la evolución del diseño"),
        ("evolución", "Me gusta la evolución del diseño", "Pedí la devolución del dinero"),
        ("información", "No hay información de tallas", "La formación de los dependientes es buena"),
        (
            "delivery",
            "The delivery driver left the parcel in the rain and it was wet",
            "I love the team livery on the box and it is the best",
        ),
    ],
)
def test_a_word_does_not_find_an_unrelated_word_that_shares_its_ending(
    client, written_texts, query, meant, unrelated
):
    written_texts(meant, unrelated)
    assert texts_found(client, query) == [meant]


def test_a_compound_with_a_hyphen_and_joined_find_each_other(client, written_texts):
    hyphenated, joined = written_texts("El programa de co-creación es genial", "Me encanta la cocreación")
    assert sorted(texts_found(client, "co-creación")) == sorted([hyphenated, joined])
    assert sorted(texts_found(client, "cocreación")) == sorted([hyphenated, joined])
    assert sorted(texts_found(client, "cocreacion")) == sorted([hyphenated, joined])
    assert sorted(texts_found(client, "co creación")) == sorted([hyphenated, joined])


def test_a_quoted_phrase_finds_only_the_comments_with_those_words_in_that_order(client, written_texts):
    phrase, scattered = written_texts(
        "La atención al cliente respondió en cinco minutos",
        "Ningún cliente debería necesitar tanta atención para una queja",
    )
    assert sorted(texts_found(client, "atención cliente")) == sorted([phrase, scattered])
    assert texts_found(client, '"atención al cliente"') == [phrase]
    assert texts_found(client, '"atencion al cliente"') == [phrase]


@pytest.mark.parametrize(
    ("typed", "text", "suggestion"),
    [
        ("prosumidroes", "Los prosumidores más activos prueban los prototipos", "prosumidores"),
        ("tendecias", "Las tendencias de color son demasiado oscuras", "tendencias"),
    ],
)
def test_a_typo_in_a_longer_word_still_finds_the_comment_and_suggests_the_word(
    client, written_texts, typed, text, suggestion
):
    written_texts(text, "La tienda cierra los domingos")
    results = found(client, "/comments", q=typed)
    assert [item["text"] for item in results["items"]] == [text]
    assert results["suggestion"] == suggestion
    assert found(client, "", q=typed)["suggestion"] == suggestion


def test_no_suggestion_when_the_query_as_typed_finds_something(client, written_texts):
    written_texts("Las tendencias de color son demasiado oscuras")
    assert found(client, "/comments", q="tendencias")["suggestion"] is None
    assert found(client, "/comments", q="xyzzyq")["suggestion"] is None
    assert found(client, "/comments", q="xyzzyq")["count"] == 0


def test_a_short_word_must_be_typed_right(client, written_texts):
    written_texts("El sol de la tarde")
    assert texts_found(client, "sal") == []


def test_the_word_matched_without_its_accents_is_marked_as_written(client, written_texts):
    written_texts("Mi envío llegó tarde y las devoluciones tardan")
    (item,) = found(client, "/comments", q="envio devolucion")["items"]
    assert item["highlight"] == ["Mi <mark>envío</mark> llegó tarde y las <mark>devoluciones</mark> tardan"]


def test_no_suggestion_that_the_filters_leave_without_an_answer(client, written_texts):
    """The Polish page's search for a Spanish typo: the Spanish word would find nothing there."""
    written_texts("Los prosumidores más activos prueban los prototipos")
    assert found(client, "/comments", q="prosumidroes")["suggestion"] == "prosumidores"
    results = found(client, "/comments", q="prosumidroes", language="pl")
    assert results["suggestion"] is None and results["count"] == 0
