"""The Elasticsearch client and index names, both taken from Django settings."""

from functools import cache

from elasticsearch import Elasticsearch

from django.conf import settings

DEFAULT_ELASTICSEARCH_URL = "http://127.0.0.1:9200"
DEFAULT_INDEX_PREFIX = "brand_hub"


def elasticsearch_url() -> str:
    return getattr(settings, "ELASTICSEARCH_URL", DEFAULT_ELASTICSEARCH_URL)


def index_prefix() -> str:
    """Lets several sites, or test runs, share one cluster without touching each other's indices."""
    return getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", DEFAULT_INDEX_PREFIX)


def get_client() -> Elasticsearch:
    """One client per URL: it holds a connection pool, and tests may point settings elsewhere."""
    return _client_for(elasticsearch_url())


@cache
def _client_for(url: str) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=30)
