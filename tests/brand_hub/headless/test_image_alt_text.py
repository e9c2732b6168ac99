"""An image's alt text in the content APIs is in the page's language: a body image, a hero or a cover
image carries the alt text written for it on the page, translated with the page, and falls back to the
image's own when none was written; an author's portrait is described by the author's name."""

import pytest

from wagtail.models import Page
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


def translated(page: Page, locale, text: dict[str, str] = ALT_TEXT) -> Page:
    """The page in `locale`, its Spanish `text` translated in wagtail-localize's editor and published."""
    translation_page = translate_and_publish(page, locale)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)
    segment = translation.source.stringsegment_set.get(string__data=text["es"])
    StringTranslation.objects.create(
        translation_of=segment.string, locale=locale, context=segment.context, data=text[locale.language_code]
    )
    translation.save_target(publish=True)
    return translation_page


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


HERO_ALT = {
    "es": "Amanecer sobre la cresta",
    "en": "Sunrise over the ridge",
    "pl": "Wschód słońca nad granią",
}
#: Each page type with an image of its own, by its name in the `destination` fixture.
PAGE_IMAGES = [
    ("home", "hero_image"),
    ("post", "hero_image"),
    ("group", "cover_image"),
    ("board", "cover_image"),
    ("challenge", "cover_image"),
]


def page_with_image(destination, name: str, field: str, image, alt: str) -> Page:
    page = destination["posts"][0] if name == "post" else destination[name]
    page = page.specific
    setattr(page, field, image)
    setattr(page, f"{field}_alt", alt)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.mark.parametrize(("name", "field"), PAGE_IMAGES)
def test_a_pages_own_image_has_the_alt_text_of_the_pages_language(
    client, destination, image, locales, name, field
):
    page = page_with_image(destination, name, field, image, HERO_ALT["es"])
    polish = translated(page, locales["pl"], HERO_ALT)

    for api in ("v2", "v3"):
        assert client.get(f"/api/{api}/pages/{polish.pk}/").json()[field]["alt"] == HERO_ALT["pl"], api
        assert client.get(f"/api/{api}/pages/{page.pk}/").json()[field]["alt"] == HERO_ALT["es"], api
    cards = client.get("/api/v3/page-cards/", {"locale": "pl", "type": page._meta.label}).json()["items"]
    [card] = [card for card in cards if card["id"] == polish.pk]
    assert card[field]["alt"] == HERO_ALT["pl"]


@pytest.mark.parametrize(("name", "field"), PAGE_IMAGES)
def test_a_pages_own_image_without_alt_text_falls_back_to_the_images_title(
    client, destination, image, name, field
):
    page = page_with_image(destination, name, field, image, "")

    assert client.get(f"/api/v3/pages/{page.pk}/").json()[field]["alt"] == image.title


def test_an_authors_portrait_is_described_by_the_authors_name_in_every_language(client, destination, locales):
    post = destination["posts"][0]
    polish = translate_and_publish(post, locales["pl"])

    for page in (post, polish):
        author = client.get(f"/api/v3/pages/{page.pk}/").json()["author"]
        assert author["photo"]["alt"] == destination["author"].name == author["name"]


def test_a_featured_card_on_the_landing_has_its_pages_alt_text_and_two_widths_of_one_crop(
    client, destination, image, locales
):
    post = page_with_image(destination, "post", "hero_image", image, HERO_ALT["es"])
    home = destination["home"]
    home.featured = [("featured_pages", {"heading": "Lo último", "pages": [post]})]
    home.save_revision().publish()

    data = client.get(f"/api/v3/pages/{home.pk}/").json()

    [card] = data["featured"][0]["value"]["pages"]
    assert card["image"]["alt"] == HERO_ALT["es"]
    renditions = card["image"]["renditions"]
    assert (renditions["card"]["width"], renditions["card"]["height"]) == (600, 400)
    assert (renditions["card_small"]["width"], renditions["card_small"]["height"]) == (300, 200)
