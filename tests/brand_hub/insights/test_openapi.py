"""Every insights endpoint is in the OpenAPI document with the errors it can answer."""

import pytest

pytestmark = pytest.mark.django_db

READ = {"200", "400", "401", "403"}
EXPECTED = {
    ("/api/insights/overview", "get"): READ,
    ("/api/insights/timeline", "get"): READ,
    ("/api/insights/alerts", "get"): READ,
    ("/api/insights/influencers", "get"): READ,
    ("/api/insights/page-views", "post"): {"200", "400", "404", "413", "429"},
}


def test_the_insights_endpoints_are_documented_with_their_error_responses(client):
    paths = client.get("/api/schema/").json()["paths"]

    documented = {
        (path, method): set(operation["responses"])
        for path, operations in paths.items()
        if path.startswith("/api/insights/")
        for method, operation in operations.items()
    }
    assert {key: documented.get(key) for key in EXPECTED} == EXPECTED
