"""A full-field listing costs a fixed number of SQL queries, whatever the page size."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.pages import build_blog

pytestmark = pytest.mark.django_db

FULL_LISTING = {"type": "blog.BlogPage", "fields": "*"}


def count_listing_queries(client, limit: int) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v2/pages/", {**FULL_LISTING, "limit": limit})
    assert response.status_code == 200
    return len(queries), response.json()


def warm_renditions(client, limit):
    """Renditions are generated on the first read; the budget is about reading them."""
    count_listing_queries(client, limit)


@pytest.fixture
def twenty_posts(home, image, destination):
    return build_blog(destination["home"], posts=17, image=image, author=destination["author"], slug="mas")


def test_a_full_field_listing_of_twenty_posts_takes_at_most_ten_queries(client, twenty_posts):
    warm_renditions(client, 20)
    queries, data = count_listing_queries(client, 20)

    assert len(data["items"]) == 20
    assert all(item["hero_image"]["renditions"] and item["author"]["photo"] for item in data["items"])
    assert all("linktype" not in str(item["body"]) for item in data["items"])
    assert queries <= 10


def test_the_listing_query_count_does_not_grow_with_the_page_size(client, twenty_posts):
    warm_renditions(client, 20)
    small, _ = count_listing_queries(client, 2)
    large, _ = count_listing_queries(client, 20)
    assert small == large
