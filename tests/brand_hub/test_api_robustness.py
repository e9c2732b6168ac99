"""Whatever a client sends, the project's API answers a 4xx naming the input at fault, never a 500,
and stores nothing. The endpoints come from the OpenAPI document, so a new one is covered at once."""

import json
import re
from urllib.parse import urlencode

import pytest

from django.conf import settings
from django.db import connection
from django.test import Client

from brand_hub.api import api
from brand_hub.headless.schemas import MAX_ID

pytestmark = pytest.mark.django_db

DOCUMENT = api.get_openapi_schema(path_prefix="/api/")
SCHEMAS = DOCUMENT["components"]["schemas"]
OPERATIONS = [
    (method, path, operation)
    for path, methods in DOCUMENT["paths"].items()
    for method, operation in methods.items()
]
TOO_BIG = 2**63


def resolved(schema: dict) -> dict:
    """A property's schema with its $ref followed and an optional's null dropped."""
    if "$ref" in schema:
        return resolved(SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]])
    options = [option for option in schema.get("anyOf", []) if option.get("type") != "null"]
    return resolved(options[0]) if len(options) == 1 else schema


def body_schema(operation: dict) -> dict | None:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    return resolved(content["schema"]) if content else None


def plausible(schema: dict):
    """A value of the right type for a required field the test is not about."""
    schema = resolved(schema)
    if "enum" in schema:
        return schema["enum"][0]
    if schema.get("type") == "array":  # as few items as it takes, each plausible
        return [plausible(schema.get("items", {}))] * schema.get("minItems", 0)
    return {"string": "Un texto corriente", "integer": 1, "boolean": False, "array": []}.get(
        schema.get("type")
    )


def body_with(schema: dict, field: str | None = None, value=None) -> dict:
    """A body with every required field, and `field` set to `value`."""
    required = schema.get("required", [])
    body = {name: plausible(prop) for name, prop in schema["properties"].items() if name in required}
    return {**body, field: value} if field else body


def url_of(path: str, **values) -> str:
    return re.sub(
        r"{(\w+)}", lambda match: str(values.get(match[1], "abcdefgh" if match[1] == "code" else 1)), path
    )


def cases(predicate):
    return [
        pytest.param(
            method, path, operation, *extra, id=f"{method} {path} {extra[0] if extra else ''}".strip()
        )
        for method, path, operation in OPERATIONS
        for extra in predicate(method, path, operation)
    ]


def text_body_fields(method, path, operation):
    schema = body_schema(operation)
    for name, prop in (schema or {}).get("properties", {}).items():
        prop = resolved(prop)
        if prop.get("type") == "string" and "enum" not in prop:
            yield (name, "Hola\x00mundo", name)
        elif prop.get("type") == "array" and resolved(prop["items"]).get("type") == "string":
            yield (name, ["bien", "Hola\x00mundo"], f"{name}.1")


def query_parameters(kind):
    def parameters(method, path, operation):
        for parameter in operation.get("parameters", []):
            schema = resolved(parameter["schema"])
            item_type = resolved(schema["items"]).get("type") if schema.get("type") == "array" else None
            if (
                parameter["in"] == "query"
                and kind in (schema.get("type"), item_type)
                and "enum" not in schema
            ):
                yield (parameter["name"],)

    return parameters


def with_body(method, path, operation):
    if body_schema(operation) is not None:
        yield ()


def with_path_ids(method, path, operation):
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path" and resolved(parameter["schema"]).get("type") == "integer":
            yield (parameter["name"],)


@pytest.fixture
def writes():
    """Rows inserted, updated or deleted so far in the test's transaction, as PostgreSQL counts them."""

    def count() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables"
            )
            return cursor.fetchone()[0]

    return count


@pytest.fixture
def client_of(destination, lucia):
    """A signed-in prosumer on a site with content, asking with any method."""

    def send(method: str, url: str, body=None, *, query: dict | None = None, **extra):
        if query:
            url = f"{url}?{urlencode(query, doseq=True)}"
        if body is None:
            return getattr(lucia, method)(url, **extra)
        body = body if isinstance(body, str | bytes) else json.dumps(body)
        return getattr(lucia, method)(url, body, content_type="application/json", **extra)

    return send


def refusal(response, status: int = 400) -> list[str]:
    """The fields a refusal names, after checking it has the project's error shape."""
    assert response.status_code == status, response.content[:300]
    payload = response.json()
    assert payload["detail"] and payload["errors"], payload
    return [error["field"] for error in payload["errors"]]


@pytest.mark.parametrize(("method", "path", "operation", "field", "value", "named"), cases(text_body_fields))
def test_no_text_in_a_body_may_hold_a_nul_character(
    client_of, writes, method, path, operation, field, value, named
):
    """PostgreSQL cannot store NUL in text: a flag's note, a display name, a bio, an idea's title... ."""
    before = writes()
    response = client_of(method, url_of(path), body_with(body_schema(operation), field, value))
    assert refusal(response) == [named]
    assert "NUL" in response.json()["detail"]
    assert writes() == before


@pytest.mark.parametrize(("method", "path", "operation", "name"), cases(query_parameters("string")))
def test_no_text_in_a_query_may_hold_a_nul_character(client_of, writes, method, path, operation, name):
    before = writes()
    assert refusal(client_of(method, url_of(path), **{"QUERY_STRING": f"{name}=Hola%00mundo"})) == [name]
    assert writes() == before


def test_no_text_in_a_path_may_hold_a_nul_character(client_of, writes):
    before = writes()
    response = client_of("post", "/api/community/shares/ab%00cdefgh/visits", {"visitor_id": "visitor-0001"})
    assert refusal(response) == ["code"]
    assert writes() == before


@pytest.mark.parametrize(("method", "path", "operation", "name"), cases(query_parameters("integer")))
def test_an_integer_query_parameter_beyond_what_is_stored_is_a_400_naming_it(
    client_of, writes, method, path, operation, name
):
    """offset=2**63 reached PostgreSQL (`bigint out of range`); every id, count and window is bounded."""
    before = writes()
    fields = refusal(client_of(method, url_of(path), query={name: TOO_BIG}))
    assert name in [field.split(".")[0] for field in fields]
    assert writes() == before


@pytest.mark.parametrize(
    ("endpoint", "name"),
    [("/api/search/comments", name) for name in ("board", "group", "challenge")]
    + [("/api/search/ideas", name) for name in ("board", "challenge")],
)
def test_a_search_for_several_pages_one_beyond_the_index_ids_is_a_400(client, endpoint, name):
    """Two values make a `terms` query, whose range check Elasticsearch answered with a 500 of ours."""
    response = client.get(endpoint, {name: [1, MAX_ID + 1]})
    assert refusal(response) == [f"{name}.1"]


@pytest.mark.parametrize(("method", "path", "operation", "name"), cases(with_path_ids))
def test_an_id_in_a_path_that_is_no_number_or_too_big_is_a_json_4xx(client_of, method, path, operation, name):
    """Non-numbers on routes with an int converter match no URL: the 404 is JSON under /api/ too."""
    schema = body_schema(operation)
    for value in ("abc", TOO_BIG):
        response = client_of(method, url_of(path, **{name: value}), body_with(schema) if schema else None)
        assert response.status_code in (400, 404), (value, response.content[:300])
        assert refusal(response, response.status_code) in ([name], ["path"])


@pytest.mark.parametrize("debug", [False, True])
def test_an_address_under_api_that_matches_nothing_answers_a_json_404(client, settings, debug):
    settings.DEBUG = debug  # `make run` serves with DEBUG on, where Django skips handler404
    for url in ("/api/nothing-here/", "/api/community/ideas/abc/vote", "/api/community/comments/1/nowhere"):
        assert refusal(client.get(url), 404) == ["path"]
    assert client.get("/es/no-such-page/").headers["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(("method", "path", "operation"), cases(with_body))
def test_a_body_over_the_upload_limit_is_a_413(client_of, writes, settings, method, path, operation):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    before = writes()
    body = body_with(body_schema(operation), "padding", "x" * 2000)
    assert refusal(client_of(method, url_of(path), body), 413) == ["body"]
    assert writes() == before


@pytest.mark.parametrize(("method", "path", "operation"), cases(with_body))
def test_deeply_nested_json_is_a_400(client_of, writes, method, path, operation):
    before = writes()
    body = body_with(body_schema(operation), "padding", "deep")
    nested = json.dumps(body)[:-1] + ', "nested": ' + "[" * 5000 + "]" * 5000 + "}"
    assert refusal(client_of(method, url_of(path), nested)) == ["body"]
    assert writes() == before


@pytest.mark.parametrize(
    ("path", "name"), [("/api/search/comments", "date_to"), ("/api/insights/overview", "start")]
)
def test_a_date_not_written_as_yyyy_mm_dd_is_a_400_naming_it(client_of, path, name):
    """The document says `format: date`; pydantic alone read `0` as 1 January 1970 (found by schemathesis)."""
    for value in ("0", "1700000000", "20260101"):
        assert refusal(client_of("get", path, query={name: value})) == [name], value
    assert client_of("get", path, query={name: "2026-01-01"}).status_code != 400


def test_every_locale_in_the_document_lists_the_site_s_languages():
    """A client picks a locale from the document's choices instead of learning them from a 400."""
    codes = [code for code, _name in settings.LANGUAGES]
    for _method, path, operation in OPERATIONS:
        for parameter in operation.get("parameters", []):
            if parameter["name"] == "locale":
                schema = resolved(parameter["schema"])
                assert resolved(schema.get("items", schema)).get("enum") == codes, (path, schema)
    assert resolved(SCHEMAS["ProfileUpdateSchema"]["properties"]["preferred_locale"])["enum"] == codes


def test_a_body_that_is_not_json_is_a_400_naming_the_body(client_of):
    assert refusal(client_of("post", "/api/community/follows/", "{not json")) == ["body"]


def test_a_write_parses_its_json_body_once(lucia, json_parses):
    body = json.dumps({"bio": "Corro por el monte"})

    response = lucia.patch("/api/community/me/", body, content_type="application/json")

    assert response.status_code == 200
    assert json_parses.count(body.encode()) == 1


@pytest.mark.parametrize(("method", "path", "operation"), cases(with_body))
def test_a_json_body_that_is_not_an_object_is_a_400_naming_the_body(
    client_of, writes, method, path, operation
):
    """Found by schemathesis: `[null, null]` to mark notifications read marked them all, and to edit
    a comment or a profile answered 200."""
    before = writes()
    for body in ("[null, null]", "[]", '"text"', "1", "null"):
        assert refusal(client_of(method, url_of(path), body)) == ["body"], body
    assert writes() == before


@pytest.mark.parametrize(
    "url",
    [
        "/_allauth/browser/v1/auth/login",
        "/_allauth/browser/v1/auth/signup",
        "/_allauth/app/v1/auth/login",
        "/_allauth/app/v1/auth/signup",
    ],
)
def test_deeply_nested_or_nul_json_to_the_account_endpoints_is_a_400_in_allauths_shape(db, writes, url):
    client = Client()
    before = writes()
    for body in (
        '{"email": "lucia@example.com", "password": ' + "[" * 5000 + "]" * 5000 + "}",
        json.dumps({"email": "lucia\x00@example.com", "password": "pw-lucia-12345"}),
    ):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 400, response.content[:300]
        assert response.json()["errors"][0]["param"] in ("body", "email")
    assert writes() == before


#: Top-N answers that are not pages of a list: they take only how many to list.
RANKINGS = {"/api/search/ideas/similar", "/api/search/trending", "/api/locales/"}
#: Lists that grow at their top while they are read: they page by cursor (headless.pagination).
CURSOR_PAGED = {"/api/community/feed"}


@pytest.mark.parametrize(
    ("method", "path", "operation"), cases(lambda method, path, operation: [()] if method == "get" else [])
)
def test_every_list_endpoint_takes_the_one_pagination(method, path, operation):
    content = operation["responses"].get(200, operation["responses"].get("200", {})).get("content", {})
    answer = resolved(content.get("application/json", {}).get("schema", {}))
    if answer.get("type") == "array":
        assert path in RANKINGS, f"{path} answers a bare list: paginate it"
        return
    if "items" not in answer.get("properties", {}) or path in (
        "/api/insights/alerts",
        "/api/insights/influencers",
    ):
        return
    parameters = {parameter["name"]: resolved(parameter["schema"]) for parameter in operation["parameters"]}
    if path in CURSOR_PAGED:
        assert parameters["limit"]["maximum"] == 100 and "cursor" in parameters and "offset" not in parameters
        assert set(answer["properties"]) == {"limit", "next_cursor", "items"}
        return
    assert (parameters["limit"]["maximum"], parameters["offset"]["maximum"]) == (100, 100_000)
    assert {"count", "limit", "offset", "items"} <= set(answer["properties"])
    assert not {"page", "page_size"} & set(parameters)
