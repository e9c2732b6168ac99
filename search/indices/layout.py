"""How many primary shards and replicas a new index gets, from the cluster's size and the corpus's.

Shards are fixed when an index is created, so the count is chosen then (on first use and at every
`search_reindex`) from the rows the database holds: one primary shard per DOCUMENTS_PER_SHARD
documents, with room for the corpus to double before the next rebuild, and never more shards than
data nodes.

Why two million: latency, not size, is what binds. A comment takes about 550 bytes in the index
(1,000,086 comments: 553 MB once merged), so Elastic's 10-50 GB a shard would allow some 50 million
comments a shard; but a faceted query walks every comment it matches in a shard, and on one shard of
1,000,000 comments its p95 at one client was 29.9 ms against issue 16's 50 ms target
(benchmarks/README.md, `make bench-search`). With the room to double, a shard starts with at most a
million documents, the size measured under the target. A bigger corpus is split so that each node
searches its part at the same time. More shards than data nodes would only add per-shard work (each
shard scores, sorts and aggregates, the results are merged) on cores that are already busy.

Replicas: one on a cluster, none on a single node (`index.auto_expand_replicas: 0-1`, which
Elasticsearch applies as nodes join and leave). A replica on the only node could never be placed
and would keep the index yellow; on a cluster, one replica is what lets a node die without losing
a shard, and it gives searches a second copy to read. More replicas buy read capacity only when
there are cores to spare for them, at the price of indexing every document once more per copy.
"""

import math

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

#: Bound by the faceted query's latency, far below the size limit; see the module's docstring.
DOCUMENTS_PER_SHARD = 2_000_000
#: The corpus may grow this much before the next rebuild picks a new shard count.
GROWTH_HEADROOM = 2
AUTO_REPLICAS = "0-1"


def shard_count(*, documents: int, data_nodes: int) -> int:
    """One shard per DOCUMENTS_PER_SHARD documents (with headroom), between 1 and the data nodes."""
    configured = getattr(settings, "ELASTICSEARCH_SHARDS", None)
    if configured is not None:
        if configured < 1:
            raise ImproperlyConfigured(f"ELASTICSEARCH_SHARDS must be 1 or more, not {configured}.")
        return configured
    wanted = math.ceil(documents * GROWTH_HEADROOM / DOCUMENTS_PER_SHARD)
    return max(1, min(wanted, data_nodes))


def replica_settings() -> dict:
    """ELASTICSEARCH_REPLICAS when set, otherwise one replica on a cluster and none on one node."""
    configured = getattr(settings, "ELASTICSEARCH_REPLICAS", None)
    if configured is None:
        return {"number_of_replicas": 0, "auto_expand_replicas": AUTO_REPLICAS}
    if configured < 0:
        raise ImproperlyConfigured(f"ELASTICSEARCH_REPLICAS must be 0 or more, not {configured}.")
    return {"number_of_replicas": configured, "auto_expand_replicas": False}


def index_layout(*, documents: int, data_nodes: int) -> dict:
    """The shard and replica settings of a new index."""
    return {"number_of_shards": shard_count(documents=documents, data_nodes=data_nodes), **replica_settings()}
