"""Property-based fuzzing of every operation in Wagtail v3's OpenAPI document, as mounted here.

Read as a visitor and read and written with an editor's bearer token; no answer may be a
server error, and every answer conforms to the document: a documented status, the documented
content type and a body of the documented schema (errors included: brand_hub/headless/errors.py).
(v2 has no OpenAPI document: its guards have their own tests in tests/brand_hub/headless/.)
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from brand_hub.users.roles import EDITORS
from tests.conftest import person
from tests.contract.conftest import bearer_token

# Each request commits on its own, as in service: one request's database error must not poison the next.
pytestmark = [pytest.mark.django_db(transaction=True)]

content_api = schemathesis.pytest.from_fixture("content_api_schema")

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZING = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.fixture
def editor_headers(roles, destination, django_user_model) -> dict[str, str]:
    editor = person(django_user_model, "editor", EDITORS).user
    return {"Authorization": f"Bearer {bearer_token(editor)}"}


@content_api.parametrize()
@FUZZING
def test_every_content_operation_answers_a_visitor_as_documented(case, destination):
    response = case.call()
    case.validate_response(response, checks=CHECKS)


@content_api.parametrize()
@FUZZING
def test_every_content_operation_answers_an_editor_as_documented(case, editor_headers):
    response = case.call(headers=editor_headers)
    case.validate_response(response, checks=CHECKS)
