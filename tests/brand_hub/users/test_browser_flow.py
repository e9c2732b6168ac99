"""What a browser does on the reference frontend: the frontend (http://127.0.0.1:3000 in `make run`, also
opened as http://localhost:3000) passes /api/ and /_allauth/ on to Brand Hub on :8000, so the browser
sends the frontend's Origin and Brand Hub receives its own host. Sign-up, log-in and the project API's
writes with the session cookie must pass CSRF from there, and from nowhere else."""

import pytest

from django.test import Client

from brand_hub.settings.base import frontend_origins
from tests.brand_hub.users.test_accounts_api import BROWSER, SIGNUP, verification_key

pytestmark = pytest.mark.django_db

#: The Host Next.js's rewrite sends on to Brand Hub (it proxies to the destination's host).
PROXIED_HOST = "127.0.0.1:8000"


class Browser:
    """A browser on one origin: cookies kept, the csrftoken cookie's value sent back on writes."""

    def __init__(self, origin: str):
        self.origin = origin
        self.client = Client(enforce_csrf_checks=True, HTTP_HOST=PROXIED_HOST)

    def headers(self) -> dict[str, str]:
        token = self.client.cookies.get("csrftoken")
        return {"origin": self.origin, **({"x-csrftoken": token.value} if token else {})}

    def get(self, path: str):
        return self.client.get(path, headers={"origin": self.origin})

    def send(self, method: str, path: str, body: dict):
        call = getattr(self.client, method)
        return call(path, body, content_type="application/json", headers=self.headers())


def test_the_frontends_origins_are_its_url_and_its_loopback_twin():
    assert frontend_origins("http://127.0.0.1:3000") == ["http://127.0.0.1:3000", "http://localhost:3000"]
    assert frontend_origins("http://localhost:3000/") == ["http://localhost:3000", "http://127.0.0.1:3000"]
    assert frontend_origins("https://www.senda.example") == ["https://www.senda.example"]


@pytest.fixture(autouse=True)
def make_run_frontend(settings):
    """The frontend's settings as base.py derives them from its default FRONTEND_URL (what the
    development defaults are is tests/brand_hub/test_settings_modules.py's to check)."""
    settings.FRONTEND_URL = "http://127.0.0.1:3000"
    settings.CORS_ALLOWED_ORIGINS = settings.CSRF_TRUSTED_ORIGINS = frontend_origins(settings.FRONTEND_URL)


@pytest.mark.parametrize("origin", ["http://127.0.0.1:3000", "http://localhost:3000"])
def test_a_browser_on_the_frontend_signs_up_verifies_logs_in_and_writes_through_the_proxy(
    origin,
):
    browser = Browser(origin)
    assert browser.get(f"{BROWSER}/auth/session").status_code == 401
    assert browser.client.cookies.get("csrftoken"), "allauth hands the browser its CSRF cookie"

    signed_up = browser.send("post", f"{BROWSER}/auth/signup", SIGNUP)
    assert signed_up.status_code == 401  # the account exists, its e-mail waits for verification
    verified = browser.send("post", f"{BROWSER}/auth/email/verify", {"key": verification_key()})
    assert verified.status_code == 200
    assert browser.send("delete", f"{BROWSER}/auth/session", {}).status_code == 401  # logged out
    logged_in = browser.send(
        "post", f"{BROWSER}/auth/login", {"email": SIGNUP["email"], "password": SIGNUP["password"]}
    )
    assert logged_in.status_code == 200, logged_in.content
    assert browser.get(f"{BROWSER}/auth/session").json()["meta"]["is_authenticated"] is True

    renamed = browser.send("patch", "/api/community/me/", {"display_name": "Lucía R."})

    assert renamed.status_code == 200, renamed.content
    assert renamed.json()["display_name"] == "Lucía R."


def test_a_write_from_a_foreign_origin_is_a_403_naming_x_csrftoken():
    browser = Browser("http://127.0.0.1:3000")
    browser.get(f"{BROWSER}/auth/session")
    browser.send("post", f"{BROWSER}/auth/signup", SIGNUP)
    browser.send("post", f"{BROWSER}/auth/email/verify", {"key": verification_key()})
    browser.origin = "http://evil.example"

    renamed = browser.send("patch", "/api/community/me/", {"display_name": "Mallory"})
    login = browser.send("post", f"{BROWSER}/auth/login", {"email": SIGNUP["email"], "password": "x"})

    assert renamed.status_code == 403
    assert [error["field"] for error in renamed.json()["errors"]] == ["X-CSRFToken"]
    assert login.status_code == 403
    (error,) = login.json()["errors"]  # allauth's own error shape, as its other answers
    assert (error["code"], error["param"]) == ("csrf_failed", "X-CSRFToken")
    assert "http://evil.example" in error["message"] and "CSRF_TRUSTED_ORIGINS" in error["message"]


def test_a_write_without_the_csrf_token_is_a_json_403_in_allauth_and_an_html_one_in_the_admin():
    browser = Browser("http://127.0.0.1:3000")
    browser.get(f"{BROWSER}/auth/session")

    login = browser.client.post(
        f"{BROWSER}/auth/login", {"email": "a@example.com", "password": "x"}, content_type="application/json"
    )
    admin = browser.client.post("/admin/login/", {"username": "a", "password": "x"})

    assert login.status_code == 403
    assert "X-CSRFToken" in login.json()["errors"][0]["message"]
    assert admin.status_code == 403 and admin["Content-Type"].startswith("text/html")
