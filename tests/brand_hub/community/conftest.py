"""People of a discussion: prosumers and a community moderator, each with a signed-in client."""

import pytest

from django.contrib.auth.models import Group
from django.test import Client

from brand_hub.users.roles import COMMUNITY_MODERATORS, PROSUMERS, ensure_roles


def person(django_user_model, name: str, *roles: str):
    user = django_user_model.objects.create_user(
        name, f"{name}@example.com", f"pw-{name}-12345", display_name=name.capitalize()
    )
    user.groups.add(*Group.objects.filter(name__in=roles))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def roles(db):
    return ensure_roles()


@pytest.fixture
def lucia(roles, django_user_model):
    return person(django_user_model, "lucia", PROSUMERS)


@pytest.fixture
def marek(roles, django_user_model):
    return person(django_user_model, "marek", PROSUMERS)


@pytest.fixture
def moderator(roles, django_user_model):
    return person(django_user_model, "tomasz", PROSUMERS, COMMUNITY_MODERATORS)


@pytest.fixture
def post(destination):
    return destination["posts"][0]
