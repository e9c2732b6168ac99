"""The Elasticsearch indices Brand Hub keeps: comments and ideas, each a VersionedIndex behind an alias."""
