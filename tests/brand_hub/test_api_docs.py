"""The API's docs pages: they render from the project's own assets, and their documents are valid."""

from html.parser import HTMLParser

import pytest

from django.contrib.staticfiles import finders

DOCS_PAGES = ["/api/docs/", "/api/v3/docs/", "/_allauth/openapi.html"]


class AssetLinks(HTMLParser):
    """Every script, stylesheet and icon address a page asks the browser to load."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])


def asset_urls(html: str) -> list[str]:
    parser = AssetLinks()
    parser.feed(html)
    return parser.urls


@pytest.mark.django_db
@pytest.mark.parametrize("path", DOCS_PAGES)
def test_every_docs_page_loads_its_scripts_from_the_project_not_a_cdn(client, settings, path):
    response = client.get(path)

    assert response.status_code == 200
    urls = asset_urls(response.content.decode())
    assert any(url.endswith(".js") for url in urls), urls
    for url in urls:
        assert url.startswith(settings.STATIC_URL), f"{path} loads {url} from outside the project"
        assert finders.find(url.removeprefix(settings.STATIC_URL)), f"{url} is not a static file here"


@pytest.mark.django_db
def test_the_session_token_scheme_says_where_the_token_goes(client):
    schemes = client.get("/api/schema/").json()["components"]["securitySchemes"]

    for name, scheme in schemes.items():
        assert scheme["type"] == "apiKey"
        assert scheme.get("in") in ("header", "cookie", "query"), name
        assert scheme.get("name"), name
    assert {"in": "header", "name": "X-Session-Token"}.items() <= schemes["SessionTokenAuth"].items()
    assert {"in": "cookie", "name": "sessionid"}.items() <= schemes["BrowserSessionAuth"].items()
