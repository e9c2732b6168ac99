"""A smaller destination than the shared one (one post, the ideas tree, no images) and an editor, who
reviews ideas in Wagtail's workflow."""

import pytest

from brand_hub.users.roles import EDITORS
from tests.conftest import person
from tests.factories.pages import build_blog, build_ideas


@pytest.fixture
def destination(home) -> dict:
    return {"home": home, "posts": build_blog(home, posts=1), **build_ideas(home)}


@pytest.fixture
def editor(roles, django_user_model):
    return person(django_user_model, "elena", EDITORS)
