"""The locale-prefixed site renders every page, with its language links."""

import re

import pytest

from brand_hub.core.models import LocalizedSiteSettings
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


def test_a_page_named_like_the_site_is_titled_once(client, destination, locales):
    LocalizedSiteSettings.objects.create(locale=locales["es"], site_name="Inicio")  # the home's title
    assert "<title>Inicio</title>" in client.get(destination["home"].url).content.decode()
    post = destination["posts"][0]
    assert f"<title>{post.title} · Inicio</title>" in client.get(post.url).content.decode()


def test_a_quote_is_attributed_in_a_caption_not_in_the_sites_dark_footer(client, destination):
    html = client.get(destination["posts"][0].url).content.decode()
    assert (
        '<figure class="quote"><blockquote>The best ideas came from customers.</blockquote>'
        "<figcaption>— Ana</figcaption></figure>" in html
    )
    assert html.count("<footer") == 1  # the page's own footer; only it is painted dark
    assert "body>footer{background" in html


def test_the_hero_image_carries_no_spanish_alt_text_on_the_english_and_polish_pages(
    client, destination, locales
):
    post = destination["posts"][0]
    image_title = post.hero_image.title
    for locale in ("en", "pl"):
        html = client.get(translate_and_publish(post, locales[locale]).url).content.decode()
        hero = re.search(r'<img [^>]*src="[^"]*\.width-1200\.[^"]*"[^>]*>', html)
        assert hero, f"no hero image on the {locale} page"
        assert 'alt=""' in hero.group(0)  # decorative: the heading under it names the page
        assert image_title not in html
        assert 'alt="A runner"' in html  # a body image keeps the alt text written for it
