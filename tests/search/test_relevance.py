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
