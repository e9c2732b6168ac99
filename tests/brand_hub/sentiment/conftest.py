"""The search tests' fixtures (the real node, indices of the test's own), for the sentiment search tests,
and the insights' editor, who reads the figures and alerts that follow the scores."""

from tests.brand_hub.insights.conftest import editor  # noqa: F401
from tests.search.conftest import elasticsearch, index_prefix  # noqa: F401
