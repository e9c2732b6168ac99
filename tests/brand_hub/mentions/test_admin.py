"""The admin of listening: API keys made with the full key shown once, revoked; mentions listed and erased."""

import pytest

from django.test import Client

from brand_hub.apikeys.models import ApiKey
from brand_hub.apikeys.services import find_key
from brand_hub.mentions.models import Mention
from brand_hub.users.roles import ADMINISTRATORS, EDITORS
from tests.conftest import person

from .conftest import mention, send


@pytest.fixture
def administrator(roles, django_user_model) -> Client:
    return person(django_user_model, "alba", ADMINISTRATORS)


@pytest.fixture
def editor(roles, django_user_model) -> Client:
    return person(django_user_model, "irene", EDITORS)


@pytest.mark.django_db
def test_an_administrator_makes_a_key_and_sees_it_once(administrator):
    response = administrator.post(
        "/admin/api-keys/new/",
        {"name": "Brandwatch", "scopes": ["mentions:ingest"], "expires_at": "2099-01-01 00:00"},
    )

    assert response.status_code == 200, response.content
    full_key = response.context["full_key"]
    assert full_key.startswith("bh_") and full_key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    key = ApiKey.objects.get()
    assert find_key(full_key) == key and key.scopes == ["mentions:ingest"]
    assert full_key not in administrator.get(f"/admin/api-keys/edit/{key.pk}/").content.decode()
    assert administrator.get("/admin/api-keys/").status_code == 200


@pytest.mark.django_db
def test_an_administrator_revokes_a_key(administrator):
    administrator.post(
        "/admin/api-keys/new/",
        {"name": "Tool", "scopes": ["insights:read"], "expires_at": "2099-01-01 00:00"},
    )
    key = ApiKey.objects.get()

    administrator.post(f"/admin/api-keys/edit/{key.pk}/", {"name": "Tool", "revoke": "on"})

    assert ApiKey.objects.get().is_revoked


@pytest.mark.django_db
def test_a_key_in_the_past_is_refused_and_an_editor_may_not_make_keys(administrator, editor):
    response = administrator.post(
        "/admin/api-keys/new/",
        {"name": "Tool", "scopes": ["insights:read"], "expires_at": "2001-01-01 00:00"},
    )
    assert response.status_code == 200 and "expires_at" in response.context["form"].errors
    assert editor.get("/admin/api-keys/new/").status_code in (302, 403)
    assert not ApiKey.objects.exists()


@pytest.mark.django_db
def test_an_editor_lists_mentions_and_erases_one_by_url(editor, listening_tool):
    send(listening_tool, [mention(1), mention(2)])

    listing = editor.get("/admin/mentions/")
    assert listing.status_code == 200 and "@someone" in listing.content.decode()
    response = editor.post(
        "/admin/mentions/erase/", {"handles": "", "urls": "https://x.com/someone/status/1", "network": ""}
    )

    assert response.status_code == 302
    assert list(Mention.objects.values_list("url", flat=True)) == ["https://x.com/someone/status/2"]


@pytest.mark.django_db
def test_erasing_without_an_author_or_url_says_so(editor):
    response = editor.post("/admin/mentions/erase/", {"handles": "", "urls": "", "network": ""})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
