"""The search answers' types a frontend narrows on: closed sets as enums, v3's page types, typed facets."""

import pytest

from wagtail.models import get_page_models

from brand_hub.community.comments import post_comment
from brand_hub.community.models import CommentKind
from brand_hub.ideas import services
from brand_hub.ideas.models import IdeaStatus
from brand_hub.mentions.models import Network
from brand_hub.sentiment.labels import Sentiment
from search.client import get_client
from search.documents import comment_documents
from search.indices.comments import COMMENTS

from .searching import facet, found, send_and_refresh

pytestmark = pytest.mark.django_db

PAGE_TYPES = sorted(model._meta.label for model in get_page_models())


@pytest.fixture
def schemas(client) -> dict:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return response.json()["components"]["schemas"]


def enum_of(schemas: dict, prop: dict) -> list:
    """The enum of a property, through a $ref and a nullable anyOf."""
    if "$ref" in prop:
        return enum_of(schemas, schemas[prop["$ref"].rsplit("/", 1)[1]])
    if "anyOf" in prop:
        (typed,) = [option for option in prop["anyOf"] if option.get("type") != "null"]
        return enum_of(schemas, typed)
    return prop["enum"]


def property_of(schemas: dict, schema: str, name: str) -> dict:
    return schemas[schema]["properties"][name]


def test_hits_type_their_closed_sets_as_the_models_enums(schemas):
    closed = {
        ("CommentHitSchema", "kind"): CommentKind.values,
        ("CommentHitSchema", "state"): ["published", "held", "removed"],
        ("CommentHitSchema", "language"): ["es", "en", "pl"],
        ("CommentHitSchema", "locale"): ["es", "en", "pl"],
        ("CommentHitSchema", "sentiment"): Sentiment.values,
        ("PageRefSchema", "type"): PAGE_TYPES,
        ("IdeaHitSchema", "status"): IdeaStatus.values,
        ("IdeaHitSchema", "state"): ["published", "unpublished"],
        ("IdeaHitSchema", "locale"): ["es", "en", "pl"],
        ("IdeaHitSchema", "sentiment"): Sentiment.values,
        ("IdeaParentSchema", "type"): ["board", "challenge"],
        ("SimilarIdeaSchema", "status"): IdeaStatus.values,
        ("EverythingHitSchema", "type"): ["comment", "idea", "mention"],
        ("EverythingHitSchema", "source"): ["site", *Network.values],
        ("EverythingHitSchema", "state"): ["published", "held", "removed", "unpublished"],
        ("EverythingHitSchema", "language"): ["es", "en", "pl"],
        ("EverythingHitSchema", "kind"): CommentKind.values,
        ("EverythingHitSchema", "status"): IdeaStatus.values,
        ("CommentResultsSchema", "sort"): ["relevance", "newest", "oldest"],
        ("IdeaResultsSchema", "sort"): ["relevance", "newest", "top"],
        ("EverythingResultsSchema", "sort"): ["relevance", "newest"],
    }
    for (schema, name), values in closed.items():
        assert sorted(enum_of(schemas, property_of(schemas, schema, name))) == sorted(values), (schema, name)


def test_facets_are_a_closed_object_with_each_facets_values_typed(schemas):
    expected = {
        "CommentResultsSchema": {
            "locale": ["es", "en", "pl"],
            "language": ["es", "en", "pl"],
            "kind": CommentKind.values,
            "resolved": "boolean",
            "page_type": PAGE_TYPES,
            "group": "integer",
            "challenge": "integer",
            "board": "integer",
            "sentiment": Sentiment.values,
            "state": ["published", "held", "removed"],
            "month": "string",
        },
        "IdeaResultsSchema": {
            "status": IdeaStatus.values,
            "locale": ["es", "en", "pl"],
            "parent_type": ["board", "challenge"],
            "topics": "string",
            "challenge": "integer",
            "board": "integer",
            "sentiment": Sentiment.values,
            "state": ["published", "unpublished"],
        },
        "EverythingResultsSchema": {
            "type": ["comment", "idea", "mention"],
            "locale": ["es", "en", "pl"],
            "language": ["es", "en", "pl"],
            "source": ["site", *Network.values],
        },
    }
    for results, facets in expected.items():
        facets_schema = schemas[property_of(schemas, results, "facets")["$ref"].rsplit("/", 1)[1]]
        assert "additionalProperties" not in facets_schema, results
        assert set(facets_schema["properties"]) == set(facets), results
        assert not facets_schema.get("required"), "a facet not asked for is left out"
        for name, values in facets.items():
            facet_schema = facets_schema["properties"][name]
            assert facet_schema["type"] == "array", (results, name)  # never null
            bucket = schemas[facet_schema["items"]["$ref"].rsplit("/", 1)[1]]
            assert sorted(bucket["required"]) == ["count", "value"]
            value = bucket["properties"]["value"]
            if isinstance(values, str):
                assert value["type"] == values, (results, name)
            else:
                assert sorted(enum_of(schemas, value)) == sorted(values), (results, name)


def test_the_page_type_filter_takes_v3s_names(schemas, client):
    (parameter,) = [
        parameter
        for parameter in client.get("/api/schema/").json()["paths"]["/api/search/comments"]["get"][
            "parameters"
        ]
        if parameter["name"] == "page_type"
    ]
    assert sorted(enum_of(schemas, parameter["schema"]["anyOf"][0]["items"])) == PAGE_TYPES


@pytest.fixture
def discussed(index_prefix, destination, lucia, marek) -> dict[str, int]:
    post, board = destination["posts"][0], destination["board"]
    comment = post_comment(
        author=lucia.user, page=post, text="Los cordones se rompen enseguida", kind="complaint"
    )
    on_group = post_comment(
        author=marek.user, page=destination["group"], text="Cordones nuevos para el grupo"
    )
    idea = services.submit_idea(
        author=lucia.user,
        parent=board,
        title="Cordones de algodón",
        description="Más resistentes.",
        topics=[],
    )
    idea.save_revision().publish()
    send_and_refresh()
    return {"comment": comment.pk, "on_group": on_group.pk, "idea": idea.pk}


@pytest.mark.elasticsearch
def test_a_comment_hit_names_its_page_type_as_v3_names_the_page(client, discussed, post):
    results = found(client, "/comments", q="cordones", kind="complaint")
    (hit,) = results["items"]
    assert hit["kind"] == "complaint" and hit["state"] == "published" and hit["language"] == "es"
    v3_page = client.get(f"/api/v3/pages/{post.pk}/").json()
    assert hit["page"]["type"] == v3_page["type"] == "blog.BlogPage"
    assert facet(results, "page_type") == {"blog.BlogPage": 1}  # counted among the complaints
    assert facet(results, "kind") == {"complaint": 1, "other": 1}
    assert found(client, "/comments", page_type="blog.BlogPage")["count"] == 1


@pytest.mark.elasticsearch
def test_only_the_facets_asked_for_are_answered(client, discussed):
    assert set(found(client, "/comments", q="cordones", facets="kind,page_type")["facets"]) == {
        "kind",
        "page_type",
    }
    assert found(client, "/comments", q="cordones", facets="")["facets"] == {}
    assert set(found(client, "/ideas", q="cordones")["facets"]) == {
        "status",
        "locale",
        "parent_type",
        "topics",
        "challenge",
        "board",
        "sentiment",
        "state",
    }
    everything = found(client, "", q="cordones", facets="type")
    assert everything["facets"] == {"type": [{"value": "comment", "count": 2}, {"value": "idea", "count": 1}]}


@pytest.mark.elasticsearch
def test_a_hit_of_the_combined_search_says_its_comments_kind_or_its_ideas_status(client, discussed):
    items = {(item["type"], item["id"]): item for item in found(client, "", q="cordones")["items"]}
    assert items["comment", discussed["comment"]]["kind"] == "complaint"
    assert items["comment", discussed["comment"]]["status"] is None
    assert items["comment", discussed["on_group"]]["kind"] == "other"
    assert items["idea", discussed["idea"]]["status"] == "submitted"
    assert items["idea", discussed["idea"]]["kind"] is None


@pytest.mark.elasticsearch
def test_documents_indexed_with_the_lower_case_page_type_are_still_filtered_counted_and_named_as_v3(
    client, discussed
):
    """Comments indexed before the change carry `blog.blogpage` until `search_reindex` rewrites them."""
    old = comment_documents([discussed["comment"]])[discussed["comment"]]
    assert old["page_type"] == "blog.BlogPage"
    old["page_type"] = "blog.blogpage"
    get_client().index(index=COMMENTS.alias_name(), id=str(discussed["comment"]), document=old, refresh=True)

    results = found(client, "/comments", q="cordones", page_type="blog.BlogPage")
    assert [item["comment_id"] for item in results["items"]] == [discussed["comment"]]
    assert results["items"][0]["page"]["type"] == "blog.BlogPage"
    assert facet(results, "page_type") == {"blog.BlogPage": 1, "community_groups.CommunityGroupPage": 1}
    # A client that still sends the lower-case name gets the same answer.
    assert found(client, "/comments", q="cordones", page_type="blog.blogpage")["items"] == results["items"]
