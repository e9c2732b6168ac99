"""The project API's refusals say what is wrong and what to send, in the request's language."""

import pytest

from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_401_says_which_credentials_to_send_in_the_callers_language():
    response = Client().get("/api/community/me/", headers={"Accept-Language": "pl"})

    assert response.status_code == 401
    body = response.json()
    assert body["errors"] == [{"field": "X-Session-Token", "message": body["detail"]}]
    assert body["detail"].startswith("Najpierw się zaloguj")
    assert "/_allauth/app/v1/auth/login" in body["detail"]


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Must be 1 or more."), ("es", "Debe ser 1 o más."), ("pl", "Musi wynosić co najmniej 1.")],
)
def test_pydantic_field_messages_speak_the_callers_language(destination, language, message):
    response = Client().get("/api/community/ideas/?limit=0", headers={"Accept-Language": language})

    assert response.status_code == 400
    assert {"field": "limit", "message": message} in response.json()["errors"]


def test_a_missing_field_is_named_with_a_translated_message(lucia, post):
    response = lucia.post(
        "/api/community/comments/",
        {"page_id": post.pk},
        content_type="application/json",
        headers={"Accept-Language": "es"},
    )

    assert response.status_code == 400
    assert {"field": "text", "message": "Este campo es obligatorio."} in response.json()["errors"]


def test_a_browser_write_without_the_csrf_token_is_told_which_header_to_send(lucia, post):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(lucia.user)

    response = browser.post(
        "/api/community/comments/",
        {"page_id": post.pk, "text": "Hola"},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 403
    assert response.json()["errors"][0]["field"] == "X-CSRFToken"
    assert "csrftoken" in response.json()["detail"]
