"""The API's docs pages: they render from the project's own assets, and their documents are valid."""

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from django.contrib.staticfiles import finders

from brand_hub.apikeys.auth import ApiKeyAuth

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
        if scheme["type"] == "http":  # the API keys of server-to-server clients: Authorization: Bearer
            assert (scheme["scheme"], scheme.get("description")) == ("bearer", ApiKeyAuth.openapi_description)
            continue
        assert scheme["type"] == "apiKey"
        assert scheme.get("in") in ("header", "cookie", "query"), name
        assert scheme.get("name"), name
    assert {"in": "header", "name": "X-Session-Token"}.items() <= schemes["SessionTokenAuth"].items()
    assert {"in": "cookie", "name": "sessionid"}.items() <= schemes["BrowserSessionAuth"].items()


#: Debian's headless Chromium; the test command installs it (site/bootstrap.sh --tests).
CHROMIUM = shutil.which("chromium")

#: Each docs page, the document it renders and how its renderer marks an operation in the DOM: Swagger UI
#: gives each operation block the id `operations-<tag>-<operationId>`; Redoc gives each operation
#: section `data-section-id="tag/<tag>/paths/<path as a JSON pointer>/<method>"`.
RENDERED_DOCS = [
    ("/api/docs/", "/api/schema/", "swagger"),
    ("/api/v3/docs/", "/api/v3/openapi.json", "swagger"),
    ("/_allauth/openapi.html", "/_allauth/openapi.json", "redoc"),
]
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def rendered_dom(url: str, profile) -> str:
    """The page's DOM once its scripts have run, in headless Chromium that can reach nothing but this
    machine: every other host name resolves to nothing, so a script from a CDN never loads."""
    completed = subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",  # root in CI containers; the page is our own
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",  # never another Chromium's profile, which would take the URL over
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
            "--virtual-time-budget=10000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


def operation_markers(document: dict, renderer: str) -> list[str]:
    markers = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            if renderer == "swagger":
                markers.append(f'-{operation["operationId"]}"')
            else:
                pointer = path.replace("~", "~0").replace("/", "~1")
                markers.append(f'/paths/{pointer}/{method}"')
    return markers


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize(("page", "document_url", "renderer"), RENDERED_DOCS)
def test_every_docs_page_renders_its_operations_in_a_browser_with_no_outside_network(
    live_server, client, tmp_path, page, document_url, renderer
):
    document = client.get(document_url).json()
    markers = operation_markers(document, renderer)

    dom = rendered_dom(live_server.url + page, tmp_path / "chromium")

    if renderer == "swagger":
        rendered = re.findall(r'id="operations-[^"]*"', dom)
    else:
        rendered = re.findall(r'data-section-id="[^"]*/paths/[^"]*"', dom)
    missing = [marker for marker in markers if not any(name.endswith(marker) for name in rendered)]
    assert markers, f"{document_url} has no operations"
    assert not missing, f"{page} rendered {len(rendered)} operations; not these: {missing[:10]}"
