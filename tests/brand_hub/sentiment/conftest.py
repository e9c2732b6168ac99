"""The search tests' fixtures (the real node, indices of the test's own), for the sentiment search tests."""

from tests.search.conftest import elasticsearch, index_prefix  # noqa: F401
