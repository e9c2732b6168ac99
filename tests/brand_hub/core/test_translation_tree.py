"""The page tree in three languages, kept linked and in sync by wagtail-localize."""

import pytest

from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from brand_hub.blog.models import BlogPage

pytestmark = pytest.mark.django_db


def translate_subtree(page, locales):
    """Translate a page and its descendants into `locales`, as the 'Translate' admin action does."""
    creator = TranslationCreator(None, locales)
    for node in [page, *page.get_descendants()]:
        creator.create_translations(node)


def test_a_spanish_tree_is_translated_into_english_and_polish(destination, locales):
    translate_subtree(destination["home"], [locales["en"], locales["pl"]])

    post = destination["posts"][0]
    polish = post.get_translation(locales["pl"])
    assert polish.translation_key == post.translation_key
    assert polish.get_parent().specific.get_translation(locales["es"]) == post.get_parent().specific
    for code in ("es", "en", "pl"):
        assert BlogPage.objects.filter(locale=locales[code]).count() == 3
    assert Page.objects.get(pk=polish.pk).url_path.endswith("/blog/post-0/")


def test_translated_strings_reach_the_translation_and_edits_are_synced(destination, locales):
    post = destination["posts"][0]
    translate_subtree(destination["home"], [locales["pl"]])
    translation = Translation.objects.get(source__object_id=post.translation_key, target_locale=locales["pl"])

    intro = translation.source.stringsegment_set.get(string__data="Intro 0").string
    StringTranslation.objects.create(
        translation_of=intro, locale=locales["pl"], context=intro.segments.first().context, data="Wstęp 0"
    )
    translation.save_target(publish=True)
    assert post.get_translation(locales["pl"]).specific.intro == "Wstęp 0"

    # The editor changes the Spanish source and syncs: the new text reaches Polish untranslated,
    # the translated intro stays.
    post.title = "Post cero"
    post.save_revision().publish()
    source, _changed = TranslationSource.update_or_create_from_instance(post)
    translation.refresh_from_db()
    translation.save_target(publish=True)
    polish = post.get_translation(locales["pl"]).specific
    assert polish.intro == "Wstęp 0"
    assert polish.title == "Post cero"


def test_a_page_an_editor_creates_appears_in_every_translated_tree(
    client, destination, locales, django_user_model
):
    """wagtail-localize keeps the trees in sync: a new Spanish page gets an alias in each language."""
    blog_index = destination["posts"][0].get_parent()
    translate_subtree(destination["home"], [locales["en"], locales["pl"]])
    for page in Page.objects.filter(locale__in=[locales["en"], locales["pl"]]).specific():
        page.save_revision().publish()
    client.force_login(django_user_model.objects.create_superuser("chief", "c@example.com", "pw-chief-1"))

    response = client.post(
        f"/admin/pages/add/blog/blogpage/{blog_index.id}/",
        {
            "title": "Nueva zapatilla",
            "slug": "nueva-zapatilla",
            "intro": "Presentamos la nueva zapatilla",
            "body-count": "1",
            "body-0-type": "heading",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "",
            "body-0-value-text": "Hecha con la comunidad",
            "body-0-value-level": "h2",
            "published_date": "2026-11-01",
            "topics": "",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content[:2000]

    spanish = BlogPage.objects.get(slug="nueva-zapatilla", locale=locales["es"])
    for code in ("en", "pl"):
        alias = BlogPage.objects.get(translation_key=spanish.translation_key, locale=locales[code])
        assert alias.alias_of_id == spanish.id
        assert alias.get_parent().specific.get_translation(locales["es"]).id == blog_index.id
