"""Brand Hub's own Elasticsearch search: analysis, indices, queries and their commands."""
