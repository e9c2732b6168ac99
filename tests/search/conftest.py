"""Fixtures for tests against the real Elasticsearch node, each run in indices of its own."""

import os
import uuid

import pytest
from elasticsearch import ApiError, Elasticsearch, TransportError

from django.conf import settings as django_settings

from search.client import get_client
from search.indices.comments import COMMENTS


@pytest.fixture
def elasticsearch() -> Elasticsearch:
    """The node at settings.ELASTICSEARCH_URL. A node that does not answer fails the test
    rather than skipping it, so a broken CI setup cannot pass as green."""
    if os.environ.get("BRAND_HUB_SKIP_ELASTICSEARCH") == "1":
        pytest.skip("BRAND_HUB_SKIP_ELASTICSEARCH=1")
    client = get_client()
    try:
        client.cluster.health(wait_for_status="yellow", timeout="30s")
    except (TransportError, ApiError) as error:
        problem = error
    else:
        return client
    # Failing outside the except block keeps the client's chained tracebacks out of the report.
    pytest.fail(
        f"Elasticsearch does not answer at {django_settings.ELASTICSEARCH_URL}: {problem}\n"
        "Start it with `bash site/elasticsearch/elasticsearch.sh start` (or `make es-start`), "
        "or set BRAND_HUB_SKIP_ELASTICSEARCH=1 to skip the Elasticsearch tests.",
        pytrace=False,
    )


@pytest.fixture
def index_prefix(elasticsearch, settings) -> str:
    """A prefix no other test run uses; every index made under it is deleted afterwards."""
    prefix = f"test_{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    yield prefix
    # Wildcard deletes are refused by default (action.destructive_requires_name), so each
    # index is deleted by its own name.
    for name in elasticsearch.indices.get(index=f"{prefix}_*", expand_wildcards="all"):
        elasticsearch.indices.delete(index=name)


@pytest.fixture
def comments_index(db, index_prefix) -> str:
    """The comments index, created as the management command creates it (its shard count comes from
    the database's row count); its alias is returned."""
    COMMENTS.ensure()
    return COMMENTS.alias_name()
