"""Per-language navigation, footer and social links through the project's API."""

import pytest

from wagtail_localize.operations import TranslationCreator

from brand_hub.core.models import LocalizedSiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_settings(home, locales):
    return LocalizedSiteSettings.objects.create(
        locale=locales["es"],
        site_name="Senda",
        navigation=[("link", {"label": "Inicio", "page": home, "external_url": ""})],
        footer_text=f'<p>Hecho con <a linktype="page" id="{home.pk}">la comunidad</a></p>',
        social_links=[("social", {"network": "instagram", "url": "https://instagram.com/senda"})],
    )


def test_site_settings_come_in_the_requested_language(client, spanish_settings, locales, settings):
    settings.FRONTEND_URL = "https://senda.example"
    TranslationCreator(None, [locales["pl"]]).create_translations(spanish_settings)
    polish = LocalizedSiteSettings.objects.get(locale=locales["pl"])
    polish.site_name = "Senda PL"
    polish.save()

    spanish = client.get("/api/site-settings/", {"locale": "es"}).json()
    assert spanish["site_name"] == "Senda"
    assert spanish["navigation"] == [
        {"label": "Inicio", "url": "https://senda.example/es/"}
    ]  # on the frontend
    assert spanish["footer_text"] == '<p>Hecho con <a href="/es/">la comunidad</a></p>'
    assert spanish["social_links"] == [{"network": "instagram", "url": "https://instagram.com/senda"}]
    assert client.get("/api/site-settings/", {"locale": "pl"}).json()["site_name"] == "Senda PL"


def test_an_unknown_locale_is_a_400_naming_the_field(client, spanish_settings):
    response = client.get("/api/site-settings/", {"locale": "xx"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "locale"


def test_a_locale_without_settings_is_a_404_with_a_message(client, spanish_settings):
    response = client.get("/api/site-settings/", {"locale": "en"})
    assert response.status_code == 404
    assert response.json()["detail"]


def test_the_locales_on_offer_are_listed(client, locales):
    codes = {locale["code"]: locale["is_default"] for locale in client.get("/api/locales/").json()}
    assert codes == {"en": False, "es": True, "pl": False}


def test_api_error_messages_speak_the_callers_language(client, spanish_settings):
    response = client.get("/api/site-settings/", {"locale": "xx"}, headers={"accept-language": "pl"})
    assert "Nieznany język 'xx'" in response.json()["errors"][0]["message"]
    response = client.get("/api/v2/pages/", {"locale": "xx"}, headers={"accept-language": "es"})
    assert response.json()["message"].startswith("el idioma 'xx' no existe")
