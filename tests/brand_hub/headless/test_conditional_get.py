"""Caching headers and conditional GET on the public content API."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=blog.BlogPage&fields=*"


def test_public_responses_carry_an_etag_last_modified_and_cache_control(client, destination):
    response = client.get(LISTING)
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]


def test_a_conditional_get_is_answered_304_with_one_query(client, destination):
    etag = client.get(LISTING)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LISTING, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert len(queries) == 1


def test_if_modified_since_is_answered_304_until_content_changes(client, destination):
    last_modified = client.get(LISTING)["Last-Modified"]
    assert client.get(LISTING, headers={"if-modified-since": last_modified}).status_code == 304


def test_publishing_a_change_gives_a_new_etag_and_fresh_content(client, destination):
    etag = client.get(LISTING)["ETag"]
    post = destination["posts"][0]
    post.title = "Renamed post"
    post.save_revision().publish()

    response = client.get(LISTING, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Renamed post" in [item["title"] for item in response.json()["items"]]


def test_different_urls_have_different_etags(client, destination):
    assert client.get(LISTING)["ETag"] != client.get(LISTING + "&limit=1")["ETag"]


def test_errors_and_authenticated_calls_are_not_cached(client, destination):
    bad = client.get("/api/v2/pages/?limit=x")
    assert bad.status_code == 400
    assert "ETag" not in bad
    authed = client.get("/api/v3/pages/", headers={"authorization": "Bearer nope"})
    assert "ETag" not in authed


def test_cors_allows_the_configured_frontend_origin(client, destination, settings):
    response = client.get(LISTING, headers={"origin": "http://localhost:3000"})
    assert response["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    other = client.get(LISTING, headers={"origin": "http://evil.example"})
    assert "Access-Control-Allow-Origin" not in other
