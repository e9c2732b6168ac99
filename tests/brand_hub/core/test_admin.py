"""Editors work in the Wagtail admin: every page type opens for editing and translation."""

import re

import pytest

from wagtail.models import Page

from brand_hub.core.models import LocalizedSiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("chief", "chief@example.com", "pw-chief-1"))
    return client


def test_every_page_of_the_destination_opens_in_the_editor(admin_client, destination):
    pages = Page.objects.filter(depth__gt=1).exclude(slug="home")
    types = set()
    for page in pages:
        response = admin_client.get(f"/admin/pages/{page.id}/edit/")
        assert response.status_code == 200, page
        types.add(page.specific_class.__name__)
    assert {"HomePage", "BlogPage", "CommunityGroupPage", "IdeaChallengePage", "IdeaPage"} <= types


@pytest.mark.parametrize("name", ["home", "post", "group", "board", "challenge"])
def test_the_page_editor_offers_an_alt_text_beside_each_hero_or_cover_image(admin_client, destination, name):
    page = destination["posts"][0] if name == "post" else destination[name]
    field = "hero_image" if hasattr(page.specific, "hero_image") else "cover_image"

    html = admin_client.get(f"/admin/pages/{page.id}/edit/").content.decode()

    assert f'name="{field}"' in html
    assert f'name="{field}_alt"' in html


def test_an_editor_can_add_each_kind_of_child_page(admin_client, destination):
    blog_index = destination["posts"][0].get_parent()
    assert admin_client.get(f"/admin/pages/add/blog/blogpage/{blog_index.id}/").status_code == 200
    challenge = destination["challenge"]
    assert admin_client.get(f"/admin/pages/add/ideas/ideapage/{challenge.id}/").status_code == 200


def test_a_page_is_offered_for_translation_through_wagtail_localize(admin_client, destination):
    response = admin_client.get(f"/admin/localize/submit/page/{destination['home'].id}/")
    assert response.status_code == 200
    assert b"Polish" in response.content or b"polaco" in response.content.lower()


def test_site_settings_per_language_are_edited_as_snippets(admin_client, locales):
    LocalizedSiteSettings.objects.create(locale=locales["es"], site_name="Senda")
    response = admin_client.get("/admin/snippets/core/localizedsitesettings/")
    assert response.status_code == 200
    assert b"Senda" in response.content


def test_the_admins_avatar_is_served_by_the_site_itself(admin_client):
    """Gravatar's images fail offline and tell a third party who works in the admin."""
    html = admin_client.get("/admin/").content.decode()
    avatar = re.search(r'"avatarUrl": "([^"]+)"', html)  # the sidebar's account menu
    assert avatar, "no avatar in the admin's sidebar"
    assert avatar.group(1).startswith("/static/wagtailadmin/images/"), avatar.group(1)
    assert "gravatar" not in html
