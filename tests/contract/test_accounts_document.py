"""allauth answers the account flows a frontend walks through as its document (/_allauth/openapi.json) says.

allauth is not the project's code, but its answers pass through the project's configuration and
adapters (brand_hub/users/): the sign-up form's fields, the frontend links' keys, the e-mails. Each
step is called with the document's own operation and checked against it: status, content type, body.
"""

import re

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from django.core import mail

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
PREFIX = "/_allauth/{client}/v1"
EMAIL, PASSWORD = "lucia@example.com", "trail-runner-2026"


@pytest.fixture
def accounts(wsgi_application):
    """Calls one operation of the accounts document as a mobile app does, and checks the answer against it."""
    document = schemathesis.openapi.from_wsgi("/_allauth/openapi.json", wsgi_application)

    def call(method: str, path: str, *, token: str | None = None, headers: dict | None = None, **body):
        operation = document[PREFIX + path][method]
        headers = {**(headers or {}), **({"X-Session-Token": token} if token else {})}
        case = operation.Case(
            path_parameters={"client": "app"}, headers=headers, **({"body": body} if body else {})
        )
        # allauth's rate limits key on the client's address, which a WSGI call does not set by itself.
        response = case.call(environ_base={"REMOTE_ADDR": "127.0.0.1"})
        case.validate_response(response, checks=CHECKS)
        return response

    return call


def key_in_last_email(route: str) -> str:
    """The key as it appears in the e-mail's link to the frontend, which posts it as it is."""
    return re.search(rf"/account/{route}/(\S+)", mail.outbox[-1].body).group(1)


def test_sign_up_verify_log_in_and_reset_answer_as_the_accounts_document_says(accounts):
    assert accounts("GET", "/config").status_code == 200

    signed_up = accounts(
        "POST",
        "/auth/signup",
        email=EMAIL,
        password=PASSWORD,
        display_name="Lucía",
        preferred_locale="es",
        accept_terms=True,
    )
    assert signed_up.status_code == 401  # pending: the address is not verified yet
    token = signed_up.json()["meta"]["session_token"]
    key = key_in_last_email("verify-email")
    assert accounts("GET", "/auth/email/verify", headers={"X-Email-Verification-Key": key}).status_code == 200
    verified = accounts("POST", "/auth/email/verify", token=token, key=key)
    assert verified.status_code == 200
    token = verified.json()["meta"]["session_token"]  # signing in gave the session a new token
    assert accounts("GET", "/auth/session", token=token).status_code == 200
    assert accounts("GET", "/account/email", token=token).status_code == 200
    assert accounts("DELETE", "/auth/session", token=token).status_code == 401  # signed out

    assert accounts("POST", "/auth/login", email=EMAIL, password="not-the-password").status_code == 400
    assert accounts("POST", "/auth/login", email=EMAIL, password=PASSWORD).status_code == 200

    assert accounts("POST", "/auth/password/request", email=EMAIL).status_code == 200
    key = key_in_last_email("password/reset/key")
    assert accounts("GET", "/auth/password/reset", headers={"X-Password-Reset-Key": key}).status_code == 200
    reset = accounts("POST", "/auth/password/reset", key=key, password="new-trail-2027")
    assert reset.status_code in (200, 401)  # 401: signed in, or not, as ACCOUNT_LOGIN_ON_PASSWORD_RESET says
    assert accounts("POST", "/auth/login", email=EMAIL, password="new-trail-2027").status_code == 200


def test_wrong_input_to_the_account_flows_answers_as_the_accounts_document_says(accounts):
    refused = accounts("POST", "/auth/signup", email="not-an-address", password="x", accept_terms=False)
    assert refused.status_code == 400
    assert accounts("POST", "/auth/email/verify", key="not-a-key").status_code in (400, 409)
    assert accounts("GET", "/auth/session").status_code == 401


def test_the_limits_on_log_ins_and_sign_ups_answer_the_429_the_accounts_document_lists(accounts, settings):
    """allauth does not list these 429s; the project's limits make them (brand_hub.users.spec)."""
    limits = {"login_failed": "10/m/ip,2/5m/key", "signup": "1/m/ip", "reset_password": "1/m/ip"}
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, **limits}
    signup = {"password": PASSWORD, "display_name": "Lucía", "preferred_locale": "es", "accept_terms": True}
    assert accounts("POST", "/auth/signup", email=EMAIL, **signup).status_code == 401
    assert accounts("POST", "/auth/signup", email="pablo@example.com", **signup).status_code == 429

    attempts = [accounts("POST", "/auth/login", email=EMAIL, password="wrong") for _attempt in range(3)]
    assert [attempt.status_code for attempt in attempts] == [400, 400, 429]

    requests = [accounts("POST", "/auth/password/request", email=EMAIL) for _attempt in range(2)]
    assert [request.status_code for request in requests] == [200, 429]
