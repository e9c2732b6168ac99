"""The Elasticsearch client and index names, both taken from Django settings."""

from functools import cache

from elasticsearch import Elasticsearch

from django.conf import settings

DEFAULT_ELASTICSEARCH_URL = "http://127.0.0.1:9200"
DEFAULT_INDEX_PREFIX = "brand_hub"
#: A request that fails on one node (refused, reset, timed out, 502/503/504) is sent again to the next
#: node, up to this many times: with every node of a three-node cluster listed, two may be down.
MAX_RETRIES = 3


def elasticsearch_url() -> str:
    """ELASTICSEARCH_URL as configured: one node's URL, or a cluster's node URLs separated by commas."""
    return getattr(settings, "ELASTICSEARCH_URL", DEFAULT_ELASTICSEARCH_URL)


def elasticsearch_urls() -> tuple[str, ...]:
    return tuple(url.strip() for url in elasticsearch_url().split(",") if url.strip())


def failover_retries() -> int:
    """Retries that give each other listed node one chance: 0 with one node, where a retry would ask
    the same node again (callers that must fail fast then do)."""
    return len(elasticsearch_urls()) - 1


def index_prefix() -> str:
    """Lets several sites, or test runs, share one cluster without touching each other's indices."""
    return getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", DEFAULT_INDEX_PREFIX)


def get_client() -> Elasticsearch:
    """One client per URL list: it holds a connection pool, and tests may point settings elsewhere."""
    return _client_for(elasticsearch_urls())


@cache
def _client_for(urls: tuple[str, ...]) -> Elasticsearch:
    # Requests go round the listed nodes; one that fails is marked dead (retried after a back-off)
    # and the request goes to the next. No sniffing: the nodes' own publish addresses may not be
    # reachable from the web nodes, the listed URLs are.
    return Elasticsearch(list(urls), request_timeout=30, max_retries=MAX_RETRIES, retry_on_timeout=True)
