"""The Elasticsearch indices Brand Hub keeps, each a module with create, delete and name helpers."""

from search.indices import pages

SEARCH_INDICES = (pages,)
