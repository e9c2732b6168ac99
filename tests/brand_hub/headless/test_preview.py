"""Draft preview in an external frontend: a signed token exchanged for the draft's JSON."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from django.core import signing

from brand_hub.headless.models import HeadlessPreview
from brand_hub.headless.preview import TOKEN_SALT

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-editor-123")


def blog_form(**fields) -> dict:
    return {"body-count": "0", "topics": "", **fields}


def frontend_preview_link(client, url: str, form: dict) -> str:
    """Open the admin's preview at `url` with the form's unsaved state, as an editor clicking Preview
    does; the address the preview frame opens in the frontend."""
    posted = client.post(url, form)
    assert posted.json()["is_valid"], posted.json()
    html = client.get(url, {"mode": ""}).content.decode()
    match = re.search(r'<iframe src="([^"]+)"', html)
    assert match, html[:500]
    return match.group(1).replace("&amp;", "&")


def preview_query(link: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlparse(link).query).items()}


def preview_token_from_admin(client, editor, page, **changes) -> str:
    client.force_login(editor)
    fields = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "published_date": str(page.published_date),
    }
    form = blog_form(**{**fields, **changes})
    return preview_query(frontend_preview_link(client, f"/admin/pages/{page.id}/edit/preview/", form))[
        "token"
    ]


def test_an_editor_previews_an_unpublished_change_through_a_token(client, destination, editor):
    post = destination["posts"][0]
    token = preview_token_from_admin(client, editor, post, title="Draft headline")
    client.logout()

    response = client.get("/api/v2/pages/preview/", {"token": token})
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Draft headline"
    assert data["id"] == post.id
    assert data["meta"]["type"] == "blog.BlogPage"
    assert response["Cache-Control"] == "private, no-store"

    live = client.get(f"/api/v2/pages/{post.id}/").json()
    assert live["title"] == post.title


def test_a_forged_or_expired_preview_token_is_refused(client, destination, settings):
    assert client.get("/api/v2/pages/preview/", {"token": "forged"}).status_code == 400
    assert client.get("/api/v2/pages/preview/").json()["errors"][0]["field"] == "token"
    settings.HEADLESS_PREVIEW_TOKEN_MAX_AGE = -1
    expired = signing.dumps({"preview": 1}, salt=TOKEN_SALT)
    response = client.get("/api/v2/pages/preview/", {"token": expired}, headers={"accept-language": "en"})
    assert response.status_code == 400
    assert "expired" in response.json()["message"]


def test_the_admin_preview_opens_the_frontend_with_the_token_the_page_type_and_its_locale(
    client, destination, editor, settings
):
    post = destination["posts"][0]
    client.force_login(editor)
    form = blog_form(title="Draft", slug=post.slug, intro="", published_date=str(post.published_date))

    link = frontend_preview_link(client, f"/admin/pages/{post.id}/edit/preview/", form)

    assert link.startswith(f"{settings.FRONTEND_PREVIEW_URL}?")
    query = preview_query(link)
    assert query["type"] == "blog.BlogPage"
    assert query["locale"] == "es"
    assert client.get("/api/v3/page-preview/", {"token": query["token"]}).json()["title"] == "Draft"


def test_the_typed_preview_answers_the_draft_in_the_shape_of_v3s_page_detail(client, destination, editor):
    post = destination["posts"][0]
    token = preview_token_from_admin(client, editor, post, title="Draft headline")
    client.logout()

    response = client.get("/api/v3/page-preview/", {"token": token})

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    draft = response.json()
    live = client.get(f"/api/v3/pages/{post.id}/").json()
    assert draft["type"] == live["type"] == "blog.BlogPage"
    assert draft.keys() == live.keys()
    assert draft["meta"].keys() == live["meta"].keys()
    assert (draft["id"], draft["title"], live["title"]) == (post.id, "Draft headline", post.title)


def test_a_brand_new_page_never_published_previews_in_the_frontend_too(client, destination, editor):
    index = destination["posts"][0].get_parent()
    client.force_login(editor)
    form = blog_form(
        title="Nuevo borrador", slug="nuevo-borrador", intro="Aún sin publicar", published_date="2026-12-06"
    )

    link = frontend_preview_link(client, f"/admin/pages/add/blog/blogpage/{index.id}/preview/", form)
    query = preview_query(link)
    client.logout()

    assert (query["type"], query["locale"]) == ("blog.BlogPage", "es")
    typed = client.get("/api/v3/page-preview/", {"token": query["token"]})
    assert typed.status_code == 200, typed.content
    assert typed.json()["title"] == "Nuevo borrador"
    assert typed.json()["type"] == "blog.BlogPage"
    v2 = client.get("/api/v2/pages/preview/", {"token": query["token"]})
    assert v2.status_code == 200, v2.content
    assert v2.json()["title"] == "Nuevo borrador"


@pytest.mark.parametrize(
    ("query", "words"),
    [({}, "token"), ({"token": ""}, "token"), ({"token": "forged"}, "not valid")],
)
def test_a_missing_or_forged_token_is_a_400_naming_the_token(client, destination, query, words):
    response = client.get("/api/v3/page-preview/", query, headers={"accept-language": "en"})

    assert response.status_code == 400
    assert response["Cache-Control"] == "private, no-store"
    body = response.json()
    assert body["errors"] == [{"field": "token", "message": body["detail"]}]
    assert words in body["detail"]


def test_an_expired_token_is_a_400_and_a_cleared_draft_a_404(client, destination, editor, settings):
    token = preview_token_from_admin(client, editor, destination["posts"][0])
    HeadlessPreview.objects.all().delete()

    gone = client.get("/api/v3/page-preview/", {"token": token}, headers={"accept-language": "en"})
    settings.HEADLESS_PREVIEW_TOKEN_MAX_AGE = -1
    expired = client.get("/api/v3/page-preview/", {"token": token}, headers={"accept-language": "pl"})

    assert gone.status_code == 404
    assert gone.json() == {
        "detail": "The preview no longer exists.",
        "errors": [{"field": "token", "message": "The preview no longer exists."}],
    }
    assert expired.status_code == 400
    assert expired.json()["detail"] == "Token podglądu wygasł."


def test_the_v3_document_gives_the_preview_the_page_details_type_and_its_errors(client):
    document = client.get("/api/v3/openapi.json").json()
    preview = document["paths"]["/api/v3/page-preview/"]["get"]
    detail = document["paths"]["/api/v3/pages/{page_id}/"]["get"]

    content = "application/json"
    assert preview["responses"]["200"]["content"][content] == detail["responses"]["200"]["content"][content]
    assert [parameter["name"] for parameter in preview["parameters"]] == ["token"]
    for status in ("400", "404"):
        schema = preview["responses"][status]["content"][content]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorSchema"}


def test_a_frontend_sending_a_bearer_token_with_the_preview_is_read_like_any_v3_read(
    client, destination, editor
):
    """A token that names no account is the documented 401; a valid one does not get in the way."""
    from wagtail.models import APIToken

    post = destination["posts"][0]
    token = preview_token_from_admin(client, editor, post, title="Draft headline")
    client.logout()
    _api_token, bearer = APIToken.create_token(user=editor, name="frontend")

    wrong = client.get("/api/v3/page-preview/", {"token": token}, HTTP_AUTHORIZATION="Bearer not-a-token")
    right = client.get("/api/v3/page-preview/", {"token": token}, HTTP_AUTHORIZATION=f"Bearer {bearer}")

    assert wrong.status_code == 401
    assert wrong.json()["errors"][0]["field"] == "Authorization"
    assert (right.status_code, right.json()["title"]) == (200, "Draft headline")
    document = client.get("/api/v3/openapi.json").json()
    assert "401" in document["paths"]["/api/v3/page-preview/"]["get"]["responses"]
