"""Trending words: what recent comments talk about far more than the comments before them."""

from datetime import timedelta

import pytest

from django.test import Client
from django.utils import timezone

from brand_hub.community.comments import post_comment
from brand_hub.community.models import CommunityComment
from brand_hub.community.moderation import hold_comment

from .searching import found, refused, send_and_refresh

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

BACKGROUND = [
    "El envío de mis zapatillas tardó dos semanas",
    "¿Hay tallas grandes de estas zapatillas?",
    "Me encanta el color azul de las zapatillas",
    "El envío llegó sin la factura",
    "Las tallas son pequeñas, pedid una más",
    "El color se destiñe con la lluvia",
    "Las zapatillas son cómodas para correr",
    "Quiero devolver las zapatillas por la talla",
    "El envío gratis es un detalle",
    "Me gustan las zapatillas de color verde",
    "Las zapatillas pesan poco y son bonitas",
    "Corro con estas zapatillas cada domingo",
]
ENGLISH_BACKGROUND = [
    "The size of these shoes is too small for me",
    "I like the colour of the shoes and the size is right",
    "The delivery of my shoes was late and the box was broken",
    "It is the best pair of running shoes that I have",
]
RECENT = [
    "Los cordones de mis zapatillas se rompieron",
    "Se me rompió un cordón al segundo día",
    "Los cordones son demasiado cortos",
    "¿Venden cordones de repuesto para estas zapatillas?",
    "Los cordones se deshacen al correr",
    "El envío fue rápido",
]


def said(person, page, text: str, *, days_ago: float) -> CommunityComment:
    comment = post_comment(author=person.user, page=page, text=text)
    CommunityComment.objects.filter(pk=comment.pk).update(
        submit_date=timezone.now() - timedelta(days=days_ago)
    )
    return comment


@pytest.fixture
def conversation(index_prefix, destination, lucia, marek):
    post = destination["posts"][0]
    for number, text in enumerate(BACKGROUND):
        said(lucia if number % 2 else marek, post, text, days_ago=30 + number)
    for number, text in enumerate(RECENT):
        said(marek if number % 2 else lucia, post, text, days_ago=1 + number / 2)
    for text in ("El pegamento de la suela", "Otra vez el pegamento", "Pegamento malo, pegamento feo"):
        hold_comment(said(marek, post, text, days_ago=1), reason="flags")
    for number, text in enumerate(ENGLISH_BACKGROUND):
        said(marek, post, text, days_ago=20 + number)
    said(lucia, post, "The laces of my shoes broke. The laces are too short and the laces fray", days_ago=1)
    said(marek, post, "I bought new laces for the shoes and they are great", days_ago=2)
    send_and_refresh()


def test_recent_words_stand_out_by_their_stem(client, conversation):
    terms = found(client, "/trending", locale="es")
    assert terms[0]["term"] == "cordón"  # cordones and cordón, one stem
    assert (terms[0]["doc_count"], terms[0]["bg_count"]) == (5, 5)
    assert terms[0]["score"] > 0
    words = [term["term"] for term in terms]
    assert "zapata" not in words  # zapatillas are everywhere: not news
    assert "envío" not in words
    assert "pegamento" not in words  # held comments do not trend


def test_each_locale_trends_in_its_own_language(client, conversation):
    assert [term["term"] for term in found(client, "/trending", locale="en")][:1] == ["lace"]
    assert found(client, "/trending", locale="pl") == []


def test_a_short_window_and_a_group_narrow_the_trend(client, conversation, destination):
    assert found(client, "/trending", locale="es", days=1) == []  # fewer than two comments are that recent
    assert found(client, "/trending", locale="es", group=destination["group"].pk) == []


def test_trending_with_no_index_yet_is_empty(client, index_prefix):
    assert found(client, "/trending", locale="es") == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "locale"),
        ({"locale": "fr"}, "locale"),
        ({"locale": "es", "days": 0}, "days"),
        ({"locale": "es", "days": 365}, "days"),
    ],
)
def test_a_bad_trending_request_is_a_400(client, index_prefix, params, field):
    assert [error["field"] for error in refused(client, "/trending", **params)["errors"]] == [field]


def test_trending_answers_503_while_the_node_is_unreachable(settings, index_prefix):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    assert Client().get("/api/search/trending", {"locale": "es"}).status_code == 503
