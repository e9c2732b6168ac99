"""Discussion fixtures: the post most tests talk on."""

import pytest


@pytest.fixture
def post(destination):
    return destination["posts"][0]
