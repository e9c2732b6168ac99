"""Every ideas endpoint is in the OpenAPI document with the errors it can answer."""

import pytest

pytestmark = pytest.mark.django_db

# 403 on writes is the session cookie's CSRF check, 413 a body too large (brand_hub.headless.router).
VOTE = {"200", "400", "401", "403", "404", "409", "413", "429"}
EXPECTED = {
    ("/api/community/ideas/", "get"): {"200", "400"},
    ("/api/community/ideas/", "post"): {"201", "400", "401", "403", "409", "413", "429"},
    ("/api/community/ideas/mine/", "get"): {"200", "400", "401"},
    ("/api/community/ideas/{idea_id}/vote", "post"): VOTE,
    ("/api/community/ideas/{idea_id}/vote", "delete"): VOTE,
    ("/api/community/ideas/{idea_id}/status", "post"): {"200", "400", "401", "403", "404", "409", "413"},
    ("/api/community/ideas/{idea_id}/history", "get"): {"200", "400", "404"},
    ("/api/community/ideas/{idea_id}/merge", "post"): {"200", "400", "401", "403", "404", "409", "413"},
    ("/api/community/ideas/{idea_id}/answers", "post"): {"200", "400", "401", "403", "404", "409", "413"},
    ("/api/community/ideas/{idea_id}/answers", "delete"): {"200", "400", "401", "403", "404", "409", "413"},
    ("/api/community/ideas/in-action", "get"): {"200", "400"},
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
