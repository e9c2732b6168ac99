"""Absolute URLs in the APIs: pages at the frontend's origin, API and media addresses at the API's."""

import pytest

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail_localize.operations import TranslationCreator

from brand_hub.recommendations.models import ShareLink

pytestmark = pytest.mark.django_db

FRONTEND = "https://senda.example"
API_HOST = "api.senda.example"


@pytest.fixture(autouse=True)
def public_origins(settings):
    settings.FRONTEND_URL = FRONTEND
    settings.PUBLIC_API_URL = None


@pytest.fixture
def english_post(destination, locales) -> Page:
    """The first post translated to English with its ancestors, as an editor translates it."""
    post = destination["posts"][0]
    for page in [*post.get_ancestors()[1:], post]:
        if page.specific.get_translation_or_none(locales["en"]) is None:
            TranslationCreator(None, [locales["en"]]).create_translations(page)
        page.specific.get_translation(locales["en"]).save_revision().publish()
    return post.get_translation(locales["en"])


def on_api_host(client, path: str, **params):
    response = client.get(path, params, HTTP_HOST=API_HOST)
    assert response.status_code == 200, response.content
    return response.json()


def test_html_url_is_the_page_on_the_frontend_under_its_locale_in_v2_and_v3(
    client, destination, english_post
):
    spanish = destination["posts"][0]
    expected = {
        spanish.pk: f"{FRONTEND}/es/blog/post-0/",
        english_post.pk: f"{FRONTEND}/en/blog/post-0/",
    }

    for page_id, url in expected.items():
        v2 = on_api_host(client, f"/api/v2/pages/{page_id}/")
        v3 = on_api_host(client, f"/api/v3/pages/{page_id}/")
        assert v2["meta"]["html_url"] == v3["meta"]["html_url"] == url
        parent_url = url.removesuffix("post-0/")
        assert (
            v2["meta"]["parent"]["meta"]["html_url"] == v3["meta"]["parent"]["meta"]["html_url"] == parent_url
        )

    v2_listing = on_api_host(client, "/api/v2/pages/", type="blog.BlogPage", locale="en")
    v3_listing = on_api_host(client, "/api/v3/pages/", type="blog.BlogPage", locale="en")
    assert [item["meta"]["html_url"] for item in v2_listing["items"]] == [expected[english_post.pk]]
    assert [item["meta"]["html_url"] for item in v3_listing["items"]] == [expected[english_post.pk]]


def test_detail_and_rendition_urls_are_on_the_host_the_request_came_to(client, destination):
    post = destination["posts"][0]
    for host in (API_HOST, "127.0.0.1:8103"):
        v2 = client.get(f"/api/v2/pages/{post.pk}/", HTTP_HOST=host).json()
        v3 = client.get(f"/api/v3/pages/{post.pk}/", HTTP_HOST=host).json()
        cards = client.get("/api/v3/page-cards/", {"type": "blog.BlogPage"}, HTTP_HOST=host).json()

        assert v2["meta"]["detail_url"] == f"http://{host}/api/v2/pages/{post.pk}/"
        assert v3["meta"]["detail_url"] == f"http://{host}/api/v3/pages/{post.pk}/"
        image_block = next(block for block in v2["body"] if block["type"] == "image")
        renditions = [
            *v2["hero_image"]["renditions"].values(),
            *v3["hero_image"]["renditions"].values(),
            *image_block["value"]["image"]["renditions"].values(),
            *v3["author"]["photo"]["renditions"].values(),
            *cards["items"][0]["hero_image"]["renditions"].values(),
        ]
        assert renditions and all(
            rendition["url"].startswith(f"http://{host}/media/images/") for rendition in renditions
        )


def test_a_configured_public_api_url_is_the_origin_whatever_the_host(client, destination, settings):
    settings.PUBLIC_API_URL = "https://cdn.senda.example/ignored-path"
    post = destination["posts"][0]

    v2 = on_api_host(client, f"/api/v2/pages/{post.pk}/")
    v3 = on_api_host(client, f"/api/v3/pages/{post.pk}/")

    assert v2["meta"]["detail_url"] == f"https://cdn.senda.example/api/v2/pages/{post.pk}/"
    assert v3["meta"]["detail_url"] == f"https://cdn.senda.example/api/v3/pages/{post.pk}/"
    assert v3["hero_image"]["renditions"]["large"]["url"].startswith(
        "https://cdn.senda.example/media/images/"
    )
    assert v2["meta"]["html_url"] == f"{FRONTEND}/es/blog/post-0/"  # pages stay on the frontend


def test_images_and_documents_are_downloaded_from_absolute_urls(client, image):
    document = get_document_model().objects.create(
        title="Size guide", file=ContentFile(b"%PDF-1.4 size guide", name="size-guide.pdf")
    )

    v2_image = on_api_host(client, f"/api/v2/images/{image.pk}/")
    v3_image = on_api_host(client, f"/api/v3/images/{image.pk}/")
    v2_document = on_api_host(client, f"/api/v2/documents/{document.pk}/")
    v3_document = on_api_host(client, f"/api/v3/documents/{document.pk}/")

    image_file = f"http://{API_HOST}/media/original_images/"
    assert v2_image["meta"]["download_url"].startswith(image_file)
    assert v3_image["meta"]["download_url"] == v2_image["meta"]["download_url"]
    assert v2_image["meta"]["detail_url"] == f"http://{API_HOST}/api/v2/images/{image.pk}/"
    assert v3_image["meta"]["detail_url"] == f"http://{API_HOST}/api/v3/images/{image.pk}/"
    download = f"http://{API_HOST}/documents/{document.pk}/size-guide.pdf"
    assert v2_document["meta"]["download_url"] == v3_document["meta"]["download_url"] == download
    assert v3_document["meta"]["detail_url"] == f"http://{API_HOST}/api/v3/documents/{document.pk}/"


def test_a_host_outside_allowed_hosts_gets_a_400_not_its_name_in_urls(client, destination, settings):
    settings.ALLOWED_HOSTS = [API_HOST]
    post = destination["posts"][0]

    assert client.get(f"/api/v2/pages/{post.pk}/", HTTP_HOST="attacker.example").status_code == 400
    assert client.get(f"/api/v3/pages/{post.pk}/", HTTP_HOST="attacker.example").status_code == 400
    assert client.get(f"/api/v2/pages/{post.pk}/", HTTP_HOST=API_HOST).status_code == 200


def test_each_host_gets_its_own_etag(client, destination):
    """The answers differ by host (their URLs), so a conditional GET from another host is not a 304."""
    listing = "/api/v2/pages/?type=blog.BlogPage&fields=*"
    etag = client.get(listing, HTTP_HOST=API_HOST)["ETag"]

    assert client.get(listing, HTTP_HOST=API_HOST, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(listing, HTTP_HOST="127.0.0.1:8103", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_find_redirects_to_the_detail_with_no_stray_question_mark(client, destination):
    home = destination["home"]

    bare = client.get("/api/v2/pages/find/", {"html_path": "/"}, HTTP_HOST=API_HOST)
    with_fields = client.get(
        "/api/v2/pages/find/", {"html_path": "/es/", "fields": "title"}, HTTP_HOST=API_HOST
    )

    assert (bare.status_code, bare["Location"]) == (302, f"http://{API_HOST}/api/v2/pages/{home.pk}/")
    assert with_fields["Location"] == f"http://{API_HOST}/api/v2/pages/{home.pk}/?fields=title"


def test_the_project_api_gives_pages_at_the_frontend_and_its_own_links_at_the_api(client, destination, lucia):
    idea, group, post = destination["idea"], destination["group"], destination["posts"][0]
    link = ShareLink.objects.create(page=post, sharer=lucia.user, channel="whatsapp", code="abc123")

    ideas = on_api_host(client, "/api/community/ideas/")["items"]
    group_detail = on_api_host(client, f"/api/community/groups/{group.pk}/")
    shares = lucia.get("/api/community/shares/mine", HTTP_HOST=API_HOST).json()["items"]

    assert {item["id"]: item["url"] for item in ideas}[idea.pk] == f"{FRONTEND}{idea.url}"
    assert group_detail["url"] == f"{FRONTEND}/es/comunidad/corredores/"
    assert shares[0]["url"] == f"http://{API_HOST}/s/{link.code}"
    assert shares[0]["page"]["url"] == f"{FRONTEND}/es/blog/post-0/"
