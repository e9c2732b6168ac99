"""Page search through Wagtail's database backend, with nothing else installed."""

import pytest

from django.conf import settings

from wagtail.models import Page

from brand_hub.blog.models import BlogPage

pytestmark = pytest.mark.django_db


def test_wagtail_search_runs_on_the_database_backend():
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "wagtail.search.backends.database"


def test_pages_are_found_by_words_of_their_fields(destination):
    post = destination["posts"][1]
    post.intro = "Zapatillas de trail recicladas"
    post.save_revision().publish()

    results = list(BlogPage.objects.live().search("recicladas"))
    assert results == [post]
    assert list(Page.objects.live().search("Corredores")) == [destination["group"].page_ptr]


def test_the_v2_api_searches_pages(client, destination):
    data = client.get("/api/v2/pages/", {"search": "Corredores"}).json()
    assert [item["id"] for item in data["items"]] == [destination["group"].id]
