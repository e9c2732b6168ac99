"""The locale-prefixed site renders every page, with its language links."""

import pytest

from tests.brand_hub.headless.test_pages_api_v2 import translate_and_publish

pytestmark = pytest.mark.django_db


def test_every_page_renders_under_its_locale_prefix(client, destination):
    for page in [destination["home"], *destination["posts"], destination["group"], destination["challenge"]]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert (
            page.title in response.content.decode() or page.specific.hero_title in response.content.decode()
        )


def test_a_page_links_to_its_translations(client, destination, locales):
    post = destination["posts"][0]
    english = translate_and_publish(post, locales["en"])
    html = client.get(post.url).content.decode()
    assert f'hreflang="en" href="{english.url}"' in html
    assert client.get(english.url).status_code == 200
    assert english.url.startswith("/en/")
