"""Every ideas endpoint is in the OpenAPI document with the errors it can answer."""

import pytest

pytestmark = pytest.mark.django_db

EXPECTED = {
    ("/api/community/ideas/", "get"): {"200", "400"},
    ("/api/community/ideas/", "post"): {"201", "400", "401", "409", "429"},
    ("/api/community/ideas/mine/", "get"): {"200", "400", "401"},
    ("/api/community/ideas/{idea_id}/vote", "post"): {"200", "401", "404", "409", "429"},
    ("/api/community/ideas/{idea_id}/vote", "delete"): {"200", "401", "404", "409", "429"},
    ("/api/community/ideas/{idea_id}/status", "post"): {"200", "400", "401", "403", "404", "409"},
    ("/api/community/ideas/{idea_id}/history", "get"): {"200", "404"},
    ("/api/community/ideas/{idea_id}/merge", "post"): {"200", "400", "401", "403", "404", "409"},
}


def test_the_ideas_endpoints_are_documented_with_their_error_responses(client):
    paths = client.get("/api/schema/").json()["paths"]

    documented = {
        (path, method): set(operation["responses"])
        for path, operations in paths.items()
        if path.startswith("/api/community/ideas/")
        for method, operation in operations.items()
    }
    assert documented == EXPECTED
