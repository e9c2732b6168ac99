"""Every page type through Wagtail's v2 content API, as a headless frontend reads it."""

import pytest

from wagtail.models import Locale

from tests.factories.pages import translate_and_publish

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_blog_post_lists_every_field_a_frontend_needs(client, destination):
    post = destination["posts"][0]
    data = get_json(client, PAGES, type="blog.BlogPage", fields="*", limit=20)

    item = next(item for item in data["items"] if item["id"] == post.id)
    assert item["intro"] == "Intro 0"
    assert item["author"]["name"] == "Ana Ruiz"
    assert item["author"]["photo"]["renditions"]["avatar"]["width"] == 160
    assert item["topics"] == ["running", "topic-0"]
    assert item["reading_time"] >= 1
    assert item["published_date"]
    hero = item["hero_image"]
    assert hero["renditions"]["thumbnail"] == {
        "url": hero["renditions"]["thumbnail"]["url"],
        "width": 400,
        "height": 300,
    }
    assert hero["renditions"]["thumbnail"]["url"].startswith("http")


def test_streamfield_is_structured_json_with_links_and_renditions_resolved(client, destination, settings):
    settings.FRONTEND_URL = "https://senda.example"
    post = destination["posts"][0]
    data = get_json(client, f"{PAGES}{post.id}/")

    blocks = {block["type"]: block["value"] for block in data["body"]}
    assert blocks["heading"] == {"text": "Made with our community", "level": "h2"}
    assert (
        '<a href="/es/inicio/blog/">read more</a>' in blocks["paragraph"]
        or 'href="/es/blog/"' in blocks["paragraph"]
    )
    assert "linktype" not in blocks["paragraph"]
    assert blocks["image"]["image"]["renditions"]["large"]["width"] <= 1600
    assert blocks["call_to_action"]["url"] == "https://senda.example/es/"  # FRONTEND_URL, the page's path
    assert blocks["quote"]["attribution"] == "Ana"


def test_rich_text_fields_are_html_with_internal_links_resolved(client, destination):
    group = destination["group"]
    data = get_json(client, f"{PAGES}{group.id}/")
    assert data["description"] == '<p>Trail runners. See <a href="/es/">home</a>.</p>'
    assert data["cover_image"]["renditions"]["medium"]["url"].startswith("http")
    assert data["topics"] == ["trail"]


def test_ideas_and_challenges_expose_their_co_creation_fields(client, destination):
    challenge = get_json(client, f"{PAGES}{destination['challenge'].id}/")
    assert challenge["phase"] == "collecting"
    assert challenge["question"].startswith("¿Cómo")
    assert challenge["reward"] == "<p>Un par gratis.</p>"

    idea = get_json(client, f"{PAGES}{destination['idea'].id}/")
    assert idea["status"] == "planned"
    assert idea["topics"] == ["sostenibilidad"]
    assert idea["meta"]["parent"]["id"] == destination["challenge"].id


def test_each_page_lists_its_translations(client, destination, locales, settings):
    settings.FRONTEND_URL = "https://senda.example"
    post = destination["posts"][0]
    english = translate_and_publish(post, locales["en"])

    data = get_json(client, f"{PAGES}{post.id}/")
    assert data["translations"] == [
        {"id": english.id, "locale": "en", "url": f"https://senda.example{english.url}"},
        {"id": post.id, "locale": "es", "url": f"https://senda.example{post.url}"},
    ]
    assert english.url.startswith("/en/")

    listing = get_json(client, PAGES, type="blog.BlogPage", fields="translations", locale="en")
    assert [item["id"] for item in listing["items"]] == [english.id]


def test_pages_filter_by_locale_and_order_and_paginate(client, destination):
    data = get_json(client, PAGES, type="blog.BlogPage", order="-title", limit=2, offset=1)
    assert data["meta"]["total_count"] == 3
    assert [item["title"] for item in data["items"]] == ["Post 1", "Post 0"]
    assert get_json(client, PAGES, locale="pl")["meta"]["total_count"] == 0


def test_a_page_is_found_by_its_locale_prefixed_path(client, destination):
    post = destination["posts"][1]
    response = client.get(f"{PAGES}find/", {"html_path": post.url})
    assert response.status_code == 302
    assert response["Location"].split("?")[0].endswith(f"{PAGES}{post.id}/")
    assert client.get(f"{PAGES}find/", {"html_path": "/es/nothing-here/"}).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "many"},
        {"offset": "-1"},
        {"type": "blog.Nothing"},
        {"order": "no_such_field"},
        {"fields": "no_such_field", "type": "blog.BlogPage"},
        {"child_of": "abc"},
        {"unknown": "1"},
        {"limit": "1000"},
    ],
)
def test_bad_query_parameters_get_a_400_with_a_json_message(client, destination, params):
    response = client.get(PAGES, params)
    assert response.status_code == 400
    assert response.json()["message"]


def test_a_locale_that_does_not_exist_is_a_400(client, destination):
    assert Locale.objects.filter(language_code="xx").count() == 0
    response = client.get(PAGES, {"locale": "xx"}, headers={"accept-language": "en"})
    assert response.status_code == 400
    assert "locale" in response.json()["message"]
