"""An editor, who reviews ideas in Wagtail's workflow."""

import pytest

from brand_hub.users.roles import EDITORS
from tests.conftest import person


@pytest.fixture
def editor(roles, django_user_model):
    return person(django_user_model, "elena", EDITORS)
