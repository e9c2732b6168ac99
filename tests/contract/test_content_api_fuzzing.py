"""Property-based fuzzing of every operation in Wagtail v3's OpenAPI document, as mounted here.

Read as a visitor and read and written with an editor's bearer token; no answer may be a
server error. (v2 has no OpenAPI document: its guards have their own tests in tests/brand_hub/headless/.)
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from brand_hub.users.roles import EDITORS
from tests.conftest import person
from tests.contract.conftest import bearer_token

# Each request commits on its own, as in service: one request's database error must not poison the next.
pytestmark = [pytest.mark.django_db(transaction=True)]

content_api = schemathesis.pytest.from_fixture("content_api_schema")

FUZZING = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.fixture
def editor_headers(roles, destination, django_user_model) -> dict[str, str]:
    editor = person(django_user_model, "editor", EDITORS).user
    return {"Authorization": f"Bearer {bearer_token(editor)}"}


@content_api.parametrize()
@FUZZING
def test_no_content_operation_answers_a_server_error_to_a_visitor(case, destination):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])


@content_api.parametrize()
@FUZZING
def test_no_content_operation_answers_a_server_error_to_an_editor(case, editor_headers):
    response = case.call(headers=editor_headers)
    case.validate_response(response, checks=[not_a_server_error])
