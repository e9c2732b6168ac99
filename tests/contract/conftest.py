"""Fixtures for the contract checks: the documents' own operations, called with each role's credentials."""

import pytest
import schemathesis
from allauth.account.models import EmailAddress

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client

from search.indices.comments import COMMENTS
from search.indices.ideas import IDEAS
from tests.search.conftest import elasticsearch, index_prefix  # noqa: F401  (fixtures used here)


@pytest.fixture
def wsgi_application(settings):
    """The project's WSGI application, on the test's database connection.

    A WSGI handler closes the database connection when a request starts and finishes; Django's
    test client unhooks that for the length of each request, and this does the same for the test.
    """
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True  # a failure reports its traceback, not a bare 500 page
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def project_api_schema(wsgi_application):
    return schemathesis.openapi.from_wsgi("/api/schema/", wsgi_application)


@pytest.fixture
def knowledge_indices(db, index_prefix):  # noqa: F811
    """The comment and idea indices the search endpoints read, made as the outbox worker makes them
    (their shard count comes from the database's row count)."""
    COMMENTS.ensure()
    IDEAS.ensure()


def session_token(user) -> str:
    """An app's X-Session-Token for the account, from allauth's own log-in endpoint."""
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    response = Client().post(
        "/_allauth/app/v1/auth/login",
        {"email": user.email, "password": f"pw-{user.username}-12345"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


@pytest.fixture
def content_api_schema(wsgi_application):
    return schemathesis.openapi.from_wsgi("/api/v3/openapi.json", wsgi_application)


def bearer_token(user) -> str:
    """A Wagtail API token for the account, as an editor makes one in the admin."""
    from wagtail.models import APIToken

    _token, plaintext = APIToken.create_token(user=user, name="contract checks")
    return plaintext
