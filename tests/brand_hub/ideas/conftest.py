"""Fixtures for the ideas API: the co-creation tree, a prosumer and an editor, signed-in clients."""

import pytest

from django.test import Client

from brand_hub.users.roles import EDITORS, PROSUMERS, ensure_roles
from tests.factories.pages import build_ideas

from .helpers import make_person, signed_in


@pytest.fixture
def ideas(home) -> dict:
    """The ideas index, the open board, a challenge collecting ideas and one published idea in it."""
    return build_ideas(home)


@pytest.fixture
def roles(db) -> dict:
    return ensure_roles()


@pytest.fixture
def prosumer(django_user_model, roles):
    return make_person(django_user_model, roles, "Lucía", PROSUMERS)


@pytest.fixture
def other_prosumer(django_user_model, roles):
    return make_person(django_user_model, roles, "Marek", PROSUMERS)


@pytest.fixture
def editor(django_user_model, roles):
    return make_person(django_user_model, roles, "Elena", EDITORS)


@pytest.fixture
def prosumer_client(prosumer) -> Client:
    return signed_in(prosumer)


@pytest.fixture
def editor_client(editor) -> Client:
    return signed_in(editor)
