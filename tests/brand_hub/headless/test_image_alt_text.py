"""An image's alt text in the content APIs is in the page's language: a body image carries the alt text
written for it, translated with the page, and falls back to the image's own when none was written."""

import pytest

from wagtail_localize.models import StringTranslation, Translation

from brand_hub.blog.models import BlogPage
from tests.brand_hub.headless.test_pages_api_v2 import translate_and_publish

pytestmark = pytest.mark.django_db

ALT_TEXT = {"es": "Una corredora en el sendero", "en": "A runner on the trail", "pl": "Biegaczka na szlaku"}


@pytest.fixture
def post(destination) -> BlogPage:
    post = destination["posts"][0]
    for block in post.body:
        if block.block_type == "image":
            block.value["alt_text"] = ALT_TEXT["es"]
    post.save_revision().publish()
    return post


def translated(post: BlogPage, locale) -> BlogPage:
    """The post in `locale`, its alt text translated in wagtail-localize's editor and published."""
    page = translate_and_publish(post, locale)
    translation = Translation.objects.get(source__object_id=post.translation_key, target_locale=locale)
    alt = translation.source.stringsegment_set.get(string__data=ALT_TEXT["es"])
    StringTranslation.objects.create(
        translation_of=alt.string, locale=locale, context=alt.context, data=ALT_TEXT[locale.language_code]
    )
    translation.save_target(publish=True)
    return page


def body_image(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    [block] = [block for block in response.json()["body"] if block["type"] == "image"]
    return block["value"]["image"]


@pytest.mark.parametrize("api", ["v2", "v3"])
def test_a_body_images_alt_text_is_in_the_language_of_each_page(client, post, locales, api):
    pages = {"es": post, **{code: translated(post, locales[code]) for code in ("en", "pl")}}

    for code, page in pages.items():
        assert body_image(client, f"/api/{api}/pages/{page.pk}/")["alt"] == ALT_TEXT[code], code


@pytest.mark.parametrize("api", ["v2", "v3"])
def test_a_body_image_without_alt_text_falls_back_to_the_images_own(client, destination, api):
    post = destination["posts"][1]
    for block in post.body:
        if block.block_type == "image":
            block.value["alt_text"] = ""
    post.save_revision().publish()

    assert body_image(client, f"/api/{api}/pages/{post.pk}/")["alt"] == post.hero_image.title
