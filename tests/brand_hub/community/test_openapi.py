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
