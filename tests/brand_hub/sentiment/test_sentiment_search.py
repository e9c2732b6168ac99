"""Search filters and counts comments and ideas by their sentiment, through the real Elasticsearch node."""

import pytest

from tests.search.searching import facet, found, refused, send_and_refresh

from .calls import posted, proposed

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def written(client, page, text) -> int:
    return posted(client, page, text).pk


@pytest.fixture
def opinions(index_prefix, post, lucia, marek) -> dict[str, list[int]]:
    ids = {
        "positive": [written(lucia, post, "Me encanta, funciona genial")],
        "negative": [
            written(marek, post, "No me gusta nada, llegó roto"),
            written(marek, post, "Nie polecam, bardzo słaba jakość"),
        ],
        "neutral": [written(lucia, post, "¿Cuándo abre la tienda de Sevilla?")],
    }
    send_and_refresh()
    return ids


def test_comments_filter_by_sentiment_and_the_facet_counts_every_label(client, opinions):
    results = found(client, "/comments", sentiment="negative")

    assert sorted(item["comment_id"] for item in results["items"]) == sorted(opinions["negative"])
    assert {item["sentiment"] for item in results["items"]} == {"negative"}
    assert all(item["sentiment_score"] < 0 for item in results["items"])
    # The facet ignores its own filter, so a screen can offer the other labels with their counts.
    assert facet(results, "sentiment") == {"negative": 2, "positive": 1, "neutral": 1}


def test_an_unknown_sentiment_is_a_400_naming_the_field(client, index_prefix):
    body = refused(client, "/comments", sentiment="angry")
    assert any("sentiment" in str(error) for error in body["errors"])


def test_ideas_filter_and_facet_by_sentiment(client, index_prefix, lucia, moderator, destination):
    idea_id = proposed(lucia, destination["board"])
    send_and_refresh()

    results = found(moderator, "/ideas", sentiment="negative", state="unpublished")

    assert [item["id"] for item in results["items"]] == [idea_id]
    assert results["items"][0]["sentiment"] == "negative"
    assert facet(results, "sentiment")["negative"] == 1


def test_the_knowledge_base_offers_the_sentiment_facet_and_filters_by_it(opinions, moderator):
    response = moderator.get("/admin/knowledge-base/", {"sentiment": "negative"})

    assert response.status_code == 200
    assert response.context["results"]["count"] == 2
    sentiment = next(group for group in response.context["facets"] if group["name"] == "sentiment")
    assert {value["value"]: value["count"] for value in sentiment["values"]}["positive"] == 1
