"""Wagtail's v3 and v2 answer errors in the project's one shape, documented and in the request's language."""

import json
from pathlib import Path

import jsonschema_rs
import pytest

from django.conf import settings
from django.test import Client
from django.utils import translation

from wagtail.models import APIToken

from brand_hub.users.roles import EDITORS, ensure_roles

pytestmark = pytest.mark.django_db

DOCUMENTS = Path(settings.BASE_DIR) / "brand_hub" / "openapi"
V3 = json.loads((DOCUMENTS / "v3.json").read_text())
PROJECT = json.loads((DOCUMENTS / "project.json").read_text())
WRITES = {"post", "put", "patch", "delete"}


def operations():
    for path, methods in V3["paths"].items():
        for method, operation in methods.items():
            yield pytest.param(path, method, operation, id=operation["operationId"])


def statuses_it_can_answer(path: str, method: str, operation: dict) -> set[str]:
    """Read from what the operation takes: a query or path parameter or a body can be malformed
    (400); a token can be wrong or lack a permission (401, 403); a path id or a find can name
    nothing (404); a write can be refused as sent (422)."""
    parameters = operation.get("parameters", [])
    statuses = set()
    if parameters or "requestBody" in operation:
        statuses.add("400")
    if operation.get("security"):
        statuses |= {"401", "403"}
    if any(parameter["in"] == "path" for parameter in parameters) or path.endswith("/find/"):
        statuses.add("404")
    if method in WRITES:
        statuses.add("422")
    return statuses


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def assert_error(response, status: int, field: str) -> dict:
    """The answer is the one error shape, as v3's document describes it, naming `field`."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    jsonschema_rs.validate({"$ref": "#/components/schemas/ErrorSchema", "components": V3["components"]}, body)
    assert set(body) == {"detail", "errors"}
    assert field in [error["field"] for error in body["errors"]]
    return body


def bearer(user, language: str = "es") -> Client:
    _token, plaintext = APIToken.create_token(user=user, name="errors")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}", HTTP_ACCEPT_LANGUAGE=language)


@pytest.fixture
def editor(django_user_model):
    editor = django_user_model.objects.create_user("elena", "elena@example.com", "pw-elena-123")
    editor.groups.add(ensure_roles()[EDITORS])
    return editor


# The document


@pytest.mark.parametrize("path,method,operation", operations())
def test_every_v3_operation_documents_the_errors_it_can_answer_with_the_one_schema(path, method, operation):
    responses = operation["responses"]
    assert statuses_it_can_answer(path, method, operation) <= set(responses)
    for status, response in responses.items():
        if status.startswith(("4", "5")):
            assert response["content"] == {
                "application/json": {"schema": {"$ref": "#/components/schemas/ErrorSchema"}}
            }


def test_v3_documents_the_same_error_schema_as_the_project_api():
    for name in ("ErrorSchema", "FieldErrorSchema"):
        assert V3["components"]["schemas"][name] == PROJECT["components"]["schemas"][name]


def test_v3_says_a_token_is_optional_for_public_reads_and_how_to_send_one():
    schemes = V3["components"]["securitySchemes"]
    assert set(schemes) == {"BearerTokenAuth"}  # Wagtail's AllowAnonymous is no scheme at all
    assert "Authorization: Bearer <token>" in schemes["BearerTokenAuth"]["description"]
    assert V3["paths"]["/api/v3/pages/"]["get"]["security"] == [{"BearerTokenAuth": []}, {}]


def test_the_v3_document_is_in_english_whatever_language_is_active(client):
    """Wagtail builds the image and document schemas when their apps load, in the default language
    (Spanish here): their titles were "Colección" and "Descripción"."""
    for document in (V3, client.get("/api/v3/openapi.json", HTTP_ACCEPT_LANGUAGE="pl").json()):
        for name in ("ImageCreateSchema", "ImagePatchSchema", "DocumentCreateSchema"):
            assert (
                document["components"]["schemas"][name]["properties"]["collection_id"]["title"]
                == "Collection"
            )
        assert document["components"]["schemas"]["ImageCreateSchema"]["properties"]["description"][
            "title"
        ] == ("Description")
        assert json.dumps(document, ensure_ascii=False).isascii()


# Each status class, live


def test_a_bad_query_parameter_is_a_400_naming_it_in_the_requests_language(destination):
    response = Client(HTTP_ACCEPT_LANGUAGE="pl").get("/api/v3/pages/", {"limit": "abc"})

    body = assert_error(response, 400, "limit")
    assert body["errors"] == [{"field": "limit", "message": in_language("pl", "A whole number is expected.")}]
    assert body["detail"] == in_language("pl", "The request has invalid parameters.")


@pytest.mark.parametrize("url", ["/api/v3/pages/", "/api/v3/page-cards/", "/api/v3/pages/find/"])
def test_a_site_no_site_has_is_a_400_naming_site_not_a_missing_listing(destination, url):
    """Found by the fuzzing's status check: Wagtail answered `?site=null` with a 404."""
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(url, {"site": "null", "html_path": "/"})

    assert assert_error(response, 400, "site")["detail"] == "No site has this host name (and port)."


def test_wagtails_own_refusal_of_a_limit_is_translated_and_names_it(destination):
    response = Client(HTTP_ACCEPT_LANGUAGE="es").get("/api/v3/pages/", {"limit": "1000"})

    body = assert_error(response, 400, "limit")
    assert body["detail"] == "limit no puede ser mayor que 100"


def test_an_operation_that_needs_a_token_says_how_to_send_one(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/v3/whoami/")

    body = assert_error(response, 401, "Authorization")
    assert "Authorization: Bearer <token>" in body["detail"]
    assert "API tokens" in body["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_token_is_a_401_even_where_a_visitor_may_read(destination):
    response = Client(HTTP_AUTHORIZATION="Bearer not-a-token").get("/api/v3/pages/")

    body = assert_error(response, 401, "Authorization")
    assert "Authorization: Bearer <token>" in body["detail"]  # the token itself is not translated
    assert body["detail"].startswith("Autentícate")  # Spanish, the site's default


def test_a_token_without_the_permission_is_a_403_that_says_what_is_missing(django_user_model, home):
    nobody = django_user_model.objects.create_user("nadie", "nadie@example.com", "pw-nadie-123")

    response = bearer(nobody, "en").get("/api/v3/sites/")

    body = assert_error(response, 403, "Authorization")
    assert "permission" in body["detail"] and "sites" in body["detail"]


@pytest.mark.parametrize(
    ("url", "query", "field"),
    [("/api/v3/pages/99999/", {}, "page_id"), ("/api/v3/pages/find/", {"html_path": "/nada/"}, "html_path")],
)
def test_nothing_found_is_a_404_naming_what_was_asked(destination, url, query, field):
    response = Client(HTTP_ACCEPT_LANGUAGE="es").get(url, query)

    assert assert_error(response, 404, field)["detail"] in ("Nada tiene este id.", "Nada coincide con esto.")


def test_a_write_missing_a_field_is_a_422_naming_it_as_sent(destination, editor):
    blog = destination["posts"][0].get_parent()

    response = bearer(editor, "es").post(
        "/api/v3/pages/",
        {"meta": {"type": "blog.BlogPage", "parent_id": blog.pk}},
        content_type="application/json",
    )

    body = assert_error(response, 422, "title")
    assert {"field": "title", "message": "Este campo es obligatorio."} in body["errors"]


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("create", {"meta": {"type": "blog.BlogPage", "parent_id": 99999}, "title": "X"}, "meta.parent_id"),
        ("move", {"destination_id": 99999, "position": "last-child"}, "destination_id"),
        ("copy", {"destination_id": 99999}, "destination_id"),
        ("revert", {"revision_id": 99999}, "revision_id"),
    ],
)
def test_an_id_in_a_writes_body_that_names_nothing_is_a_422_naming_it(
    destination, editor, action, body, field
):
    """Found by the fuzzing's status check: Wagtail answered a missing parent with a 404, which says
    the operation's own page is missing."""
    post = destination["posts"][0]
    url = "/api/v3/pages/" if action == "create" else f"/api/v3/pages/{post.pk}/actions/{action}/"

    response = bearer(editor, "en").post(url, body, content_type="application/json")

    assert assert_error(response, 422, field)["errors"][0]["field"] == field


def test_find_documents_its_redirect_to_the_detail():
    for path in ("/api/v3/pages/find/", "/api/v3/redirects/find/"):
        assert "Location" in V3["paths"][path]["get"]["responses"]["302"]["headers"]


def test_a_form_error_of_a_write_is_a_422_naming_the_field(destination, editor):
    post = destination["posts"][0]
    body = {
        "meta": {"type": "blog.BlogPage", "parent_id": post.get_parent().pk},
        "title": "X",
        "slug": post.slug,
    }

    response = bearer(editor).post("/api/v3/pages/", body, content_type="application/json")

    assert_error(response, 422, "slug")


def test_a_body_over_the_upload_limit_is_a_413(destination, editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = bearer(editor).patch(
        f"/api/v3/pages/{destination['posts'][0].pk}/", {"title": "x" * 2000}, content_type="application/json"
    )

    assert_error(response, 413, "body")


def test_a_body_that_is_not_json_is_a_400_naming_the_body(destination, editor):
    response = bearer(editor, "pl").post("/api/v3/pages/", "{", content_type="application/json")

    assert assert_error(response, 400, "body")["detail"] == in_language("pl", "The body is not valid JSON.")


# v2


def test_v2_answers_the_same_shape_keeping_its_message(destination):
    response = Client(HTTP_ACCEPT_LANGUAGE="pl").get("/api/v2/pages/", {"limit": "abc"})

    assert response.status_code == 400
    message = in_language("pl", "%(name)s must be a positive whole number") % {"name": "limit"}
    assert response.json() == {
        "detail": message,
        "errors": [{"field": "limit", "message": message}],
        "message": message,
    }


@pytest.mark.parametrize(("url", "field"), [("/api/v2/pages/99999/", "id"), ("/api/v2/images/99999/", "id")])
def test_v2_nothing_found_is_a_404_in_the_same_shape(destination, url, field):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(url)

    assert response.status_code == 404
    assert response.json() == {
        "detail": "Nothing has this id.",
        "errors": [{"field": field, "message": "Nothing has this id."}],
        "message": "Nothing has this id.",
    }


def test_v2_unknown_parameters_and_methods_answer_in_the_same_shape(destination):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")

    unknown = client.get("/api/v2/pages/", {"colour": "red"})
    not_allowed = client.post("/api/v2/pages/")

    assert unknown.status_code == 400
    assert unknown.json()["errors"] == [{"field": "colour", "message": "Unknown query parameters: colour."}]
    assert not_allowed.status_code == 405
    assert set(not_allowed.json()) == {"detail", "errors", "message"}
