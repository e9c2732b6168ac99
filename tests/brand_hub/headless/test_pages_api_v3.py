"""Wagtail's v3 content API and the OpenAPI documents, as a typed frontend reads them."""

import pytest

from wagtail.contrib.redirects.models import Redirect

from tests.factories.pages import translate_and_publish

pytestmark = pytest.mark.django_db


def test_v3_detail_carries_every_api_field_resolved(client, destination, settings):
    settings.FRONTEND_URL = "https://senda.example"
    post = destination["posts"][0]
    data = client.get(f"/api/v3/pages/{post.id}/").json()

    assert data["meta"]["type"] == "blog.BlogPage"
    assert data["hero_image"]["renditions"]["thumbnail"]["width"] == 400
    assert data["author"]["name"] == "Ana Ruiz"
    assert data["topics"] == ["running", "topic-0"]
    paragraph = next(block for block in data["body"] if block["type"] == "paragraph")
    assert 'href="/es/blog/"' in paragraph["value"]
    assert data["translations"] == [
        {"id": post.id, "locale": "es", "url": f"https://senda.example{post.url}"}
    ]


def test_v3_finds_a_page_by_its_locale_prefixed_path(client, destination, locales):
    post = destination["posts"][1]
    polish = translate_and_publish(post, locales["pl"])

    for page in (post, polish):
        response = client.get("/api/v3/pages/find/", {"html_path": page.url})
        assert response.status_code == 302, response.content
        assert response["Location"] == f"/api/v3/pages/{page.id}/"
    assert polish.url.startswith("/pl/")


def test_v3_find_keeps_the_rest_of_the_query_and_refuses_what_is_not_public(client, destination):
    post = destination["posts"][0]
    response = client.get("/api/v3/pages/find/", {"html_path": post.url, "rich_text_format": "html"})
    assert response["Location"] == f"/api/v3/pages/{post.id}/?rich_text_format=html"

    post.unpublish()
    assert client.get("/api/v3/pages/find/", {"html_path": post.url}).status_code == 404
    assert client.get("/api/v3/pages/find/", {"html_path": "/pl/nothing-here/"}).status_code == 404


def test_v3_finds_a_redirect_by_the_address_a_visitor_followed(client, destination):
    """Redirects are stored without the trailing slash the site's addresses carry."""
    post = destination["posts"][0]
    redirect = Redirect.objects.create(old_path=Redirect.normalise_path("/es/old-post/"), redirect_page=post)

    for html_path in ("/es/old-post/", "/es/old-post", "/es/old-post/?utm_source=news"):
        response = client.get("/api/v3/redirects/find/", {"html_path": html_path})
        assert response.status_code == 302, (html_path, response.content)
        assert response["Location"] == f"/api/v3/redirects/{redirect.id}/"
    assert client.get("/api/v3/redirects/find/", {"html_path": "/es/other-post/"}).status_code == 404


def test_v3_lists_filters_by_locale_and_paginates(client, destination):
    data = client.get("/api/v3/pages/", {"type": "blog.BlogPage", "locale": "es", "limit": 2}).json()
    assert data["count"] == 3
    assert len(data["items"]) == 2
    assert client.get("/api/v3/pages/", {"locale": "pl"}).json()["count"] == 0


@pytest.mark.parametrize(
    "params", [{"limit": "abc"}, {"type": "blog.Nope"}, {"order": "zzz"}, {"offset": "-5"}]
)
def test_v3_bad_query_parameters_get_a_400_problem(client, destination, params):
    response = client.get("/api/v3/pages/", params)
    assert response.status_code == 400
    assert response.json()["errors"]


def test_v3_serves_its_openapi_document_and_docs(client, db):
    schema = client.get("/api/v3/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v3/pages/" in schema["paths"]
    assert client.get("/api/v3/docs/").status_code == 200


def test_the_project_api_is_described_at_api_schema_with_docs(client, db):
    schema = client.get("/api/schema/").json()
    assert schema["info"]["title"] == "Brand Hub API"
    assert "/api/site-settings/" in schema["paths"]
    responses = schema["paths"]["/api/site-settings/"]["get"]["responses"]
    assert {"200", "404"} <= set(responses)
    assert client.get("/api/docs/").status_code == 200
