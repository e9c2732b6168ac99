"""Draft preview in an external frontend: a signed token exchanged for the draft's JSON."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from django.core import signing

from brand_hub.headless.preview import TOKEN_SALT

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-editor-123")


def preview_token_from_admin(client, editor, page, **changes) -> str:
    """Open the admin preview with unsaved changes, as an editor clicking Preview does."""
    client.force_login(editor)
    form = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body-count": "0",
        "published_date": str(page.published_date),
        "topics": "",
        **changes,
    }
    url = f"/admin/pages/{page.id}/edit/preview/"
    posted = client.post(url, form)
    assert posted.json()["is_valid"], posted.json()
    html = client.get(url, {"mode": ""}).content.decode()
    match = re.search(r'href="([^"]*/api/v2/pages/preview/\?token=[^"]+)"', html)
    assert match, html[:500]
    return parse_qs(urlparse(match.group(1).replace("&amp;", "&")).query)["token"][0]


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
