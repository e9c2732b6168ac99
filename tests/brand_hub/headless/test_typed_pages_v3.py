"""Wagtail v3 answers typed pages: a top-level `type`, typed StreamField blocks and card listings."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from brand_hub.blog.models import BlogPage
from tests.factories.pages import build_blog

pytestmark = pytest.mark.django_db


def test_a_page_detail_names_its_type_at_the_top_and_types_its_body(client, destination):
    post = BlogPage.objects.live().exclude(hero_image=None).first()

    data = client.get(f"/api/v3/pages/{post.id}/").json()

    assert data["type"] == "blog.BlogPage" == data["meta"]["type"]
    assert set(data["hero_image"]["renditions"]) == {"thumbnail", "medium", "large"}
    assert {child["type"] for child in data["body"]} <= {
        "heading", "paragraph", "image", "quote", "embed", "call_to_action",
    }  # fmt: skip
    assert data["translations"][0]["locale"]


def test_a_block_stored_before_one_of_its_fields_existed_is_still_answered(client, destination):
    post = BlogPage.objects.live().first()
    old_heading = {"type": "heading", "value": {"level": "h3"}, "id": "old"}
    BlogPage.objects.filter(pk=post.pk).update(body=[old_heading])

    response = client.get(f"/api/v3/pages/{post.id}/")

    assert response.status_code == 200, response.content
    assert response.json()["body"] == [{**old_heading, "value": {"text": None, "level": "h3"}}]


def test_the_page_cards_listing_answers_each_card_with_the_fields_a_list_shows(client, destination):
    response = client.get("/api/v3/page-cards/", {"type": "blog.BlogPage", "limit": 20})

    assert response.status_code == 200, response.content
    data = response.json()
    assert data["count"] == BlogPage.objects.live().count() == len(data["items"])
    for card in data["items"]:
        assert card["type"] == "blog.BlogPage"
        assert {"intro", "hero_image", "author", "topics", "published_date", "reading_time"} <= set(card)
        assert "body" not in card


def test_the_page_cards_listing_mixes_page_types_each_with_its_own_card(client, destination):
    data = client.get("/api/v3/page-cards/", {"limit": 20}).json()

    types = {card["type"] for card in data["items"]}
    assert {"home.HomePage", "blog.BlogPage"} <= types
    assert data["count"] == len(data["items"])


def test_the_page_cards_listing_refuses_a_limit_above_the_maximum(client, destination):
    response = client.get("/api/v3/page-cards/", {"limit": 1000})

    assert response.status_code == 400


def test_the_v3_document_types_body_blocks_as_a_union_keyed_by_type(client):
    document = client.get("/api/v3/openapi.json").json()
    body = document["components"]["schemas"]["BlogPageSchema"]["properties"]["body"]["items"]

    assert body["discriminator"]["propertyName"] == "type"
    assert len(body["oneOf"]) == 6


def test_the_v3_document_tells_frontends_to_narrow_a_page_on_its_top_level_type(client):
    """Every member of a read union types `type` as its label, `meta.type` as any string: only the
    first narrows in TypeScript. Writes are picked by `meta.type`, as Wagtail's text says."""
    document = client.get("/api/v3/openapi.json").json()
    schemas = document["components"]["schemas"]
    reads = [
        document["paths"]["/api/v3/pages/{page_id}/"]["get"]["responses"]["200"]["content"][
            "application/json"
        ],
        document["paths"]["/api/v3/pages/find/"]["get"]["responses"]["200"]["content"]["application/json"],
        document["paths"]["/api/v3/page-preview/"]["get"]["responses"]["200"]["content"]["application/json"],
        {"schema": schemas["PageRevisionDetailSchema"]["properties"]["content_object"]},
    ]
    write = document["paths"]["/api/v3/pages/{page_id}/"]["patch"]["requestBody"]["content"]

    for read in reads:
        union = read["schema"]
        assert "top-level `type`" in union["description"]
        assert "narrow the union on `type`" in union["description"]
        for member in union["oneOf"]:
            properties = schemas[member["$ref"].rpartition("/")[2]]["properties"]
            assert "const" in properties["type"]
    assert "`meta.type`" in write["application/json"]["schema"]["description"]


def count_card_queries(client, limit: int) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v3/page-cards/", {"type": "blog.BlogPage", "limit": limit})
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.fixture
def twenty_posts(home, image, destination):
    return build_blog(destination["home"], posts=17, image=image, author=destination["author"], slug="mas")


def test_a_page_of_cards_costs_the_same_queries_for_two_posts_as_for_twenty(client, twenty_posts):
    count_card_queries(client, 20)  # renditions are made on the first read
    small, _ = count_card_queries(client, 2)
    large, data = count_card_queries(client, 20)

    assert len(data["items"]) == 20
    assert all(card["hero_image"]["renditions"] and card["author"]["photo"] for card in data["items"])
    assert small == large


def test_a_page_of_cards_is_answered_304_when_nothing_was_published_since(client, destination):
    first = client.get("/api/v3/page-cards/", {"type": "blog.BlogPage"})

    again = client.get("/api/v3/page-cards/", {"type": "blog.BlogPage"}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


@pytest.mark.parametrize(
    "params", [{"offset": 2**63}, {"search": "zapatilla\x00"}, {"search": " ".join(["idea"] * 40)}]
)
def test_the_page_cards_listing_refuses_what_the_database_cannot_run(client, destination, params):
    response = client.get("/api/v3/page-cards/", params)

    assert response.status_code == 400, response.content
