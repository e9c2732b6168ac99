"""The headless content API: field serializers, batched prefetching, caching and draft preview."""
