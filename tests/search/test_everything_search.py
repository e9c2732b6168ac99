"""One search box over comments and ideas, and the search API's place in the OpenAPI document."""

import pytest

from django.test import Client

from brand_hub.community.comments import post_comment
from brand_hub.community.moderation import hold_comment
from brand_hub.ideas import services

from .searching import facet, found, refused, send_and_refresh

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def laces(index_prefix, destination, lucia, marek) -> dict[str, int]:
    post, board = destination["posts"][0], destination["board"]
    comment = post_comment(author=lucia.user, page=post, text="Los cordones se rompen enseguida")
    held = post_comment(author=marek.user, page=post, text="Cordones carísimos, una estafa")
    hold_comment(held, reason="flags")
    idea = services.submit_idea(
        author=lucia.user,
        parent=board,
        title="Cordones de algodón",
        description="Unos cordones más resistentes.",
        topics=[],
    )
    idea.save_revision().publish()
    draft = services.submit_idea(
        author=marek.user, parent=board, title="Cordón de oro", description="Para ir de gala.", topics=[]
    )
    send_and_refresh()
    return {"comment": comment.pk, "held": held.pk, "idea": idea.pk, "draft": draft.pk}


def hits(results) -> list[tuple[str, int]]:
    return sorted((item["type"], item["id"]) for item in results["items"])


def test_comments_and_ideas_are_found_together(client, laces, post, settings):
    settings.FRONTEND_URL = "https://senda.example"
    results = found(client, "", q="cordón")
    assert hits(results) == [("comment", laces["comment"]), ("idea", laces["idea"])]
    assert facet(results, "type") == {"comment": 1, "idea": 1}
    comment = next(item for item in results["items"] if item["type"] == "comment")
    assert (comment["title"], comment["url"]) == (post.title, f"https://senda.example{post.url}")
    assert comment["highlight"] == ["Los <mark>cordones</mark> se rompen enseguida"]
    idea = next(item for item in results["items"] if item["type"] == "idea")
    assert idea["title"] == "Cordones de algodón" and idea["text"] == "Unos cordones más resistentes."
    assert idea["highlight"][0] == "<mark>Cordones</mark> de algodón"


def test_the_type_facet_ignores_the_type_filter(client, laces):
    results = found(client, "", q="cordones", type="idea")
    assert hits(results) == [("idea", laces["idea"])]
    assert facet(results, "type") == {"comment": 1, "idea": 1}
    assert facet(results, "locale") == {"es": 1}


def test_moderators_find_held_comments_and_drafts_too(client, laces, moderator):
    results = found(moderator, "", q="cordón")
    assert hits(results) == sorted(
        [
            ("comment", laces["comment"]),
            ("comment", laces["held"]),
            ("idea", laces["idea"]),
            ("idea", laces["draft"]),
        ]
    )
    assert {item["id"]: item["state"] for item in results["items"]}[laces["draft"]] == "unpublished"


def test_everything_with_no_index_yet_is_empty(client, index_prefix):
    results = found(client, "", q="cordones")
    assert (results["count"], results["items"], results["facets"]["type"]) == (0, [], [])


def test_a_bad_search_is_a_400_and_a_lost_node_a_503(client, settings, index_prefix):
    assert refused(client, "", type="page")["errors"][0]["field"].startswith("type")
    assert refused(client, "", sort="top")["errors"][0]["field"] == "sort"
    assert refused(client, "", facets="kind")["errors"][0]["field"] == "facets"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    response = Client().get("/api/search", {"q": "cordones"})
    assert response.status_code == 503 and response.json()["detail"]


def test_every_search_endpoint_documents_its_errors(client):
    paths = client.get("/api/schema/").json()["paths"]
    for path in (
        "/api/search",
        "/api/search/comments",
        "/api/search/ideas",
        "/api/search/ideas/similar",
        "/api/search/trending",
    ):
        responses = paths[path]["get"]["responses"]
        assert {"200", "400", "503"} <= set(responses), path
