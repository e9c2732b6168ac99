"""Every community endpoint (comments, follows, notifications, profiles) is in the OpenAPI document."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_discussion_endpoints_are_documented_with_their_errors(client):
    document = client.get("/api/schema/").json()
    paths = document["paths"]
    for path, method in [
        ("/api/community/comments/", "get"),
        ("/api/community/comments/", "post"),
        ("/api/community/comments/{comment_id}", "patch"),
        ("/api/community/comments/{comment_id}", "delete"),
        ("/api/community/comments/{comment_id}/reaction", "put"),
        ("/api/community/comments/{comment_id}/flags", "post"),
        ("/api/community/comments/{comment_id}/moderation", "post"),
        ("/api/community/follows/", "post"),
        ("/api/community/people/{user_id}/follow", "post"),
        ("/api/community/people/{user_id}/follow", "delete"),
        ("/api/community/feed", "get"),
        ("/api/community/notifications/", "get"),
        ("/api/community/me/", "delete"),
        ("/api/community/me/export", "get"),
    ]:
        assert method in paths[path], (path, method)
    assert {"400", "401", "403", "409", "429"} <= set(paths["/api/community/comments/"]["post"]["responses"])
    thread_schema = document["components"]["schemas"]["ThreadSchema"]
    assert thread_schema["properties"]["replies"]["items"] == {"$ref": "#/components/schemas/ThreadSchema"}


def test_the_docs_page_serves(client):
    assert client.get("/api/docs/").status_code == 200


def test_each_request_body_is_documented_with_its_own_schema(client):
    """Two schemas of one name would share one entry, and the document would describe the wrong body."""
    document = client.get("/api/schema/").json()
    schemas = document["components"]["schemas"]

    def body_fields(path: str, method: str) -> set[str]:
        reference = document["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
        return set(schemas[reference["$ref"].rsplit("/", 1)[1]]["properties"])

    assert body_fields("/api/community/comments/{comment_id}/moderation", "post") == {"action", "kind"}
    assert {"page_id", "text", "kind", "parent_id"} == body_fields("/api/community/comments/", "post")
    assert {"state", "reason", "at"} == set(schemas["IdeaModerationSchema"]["properties"])
