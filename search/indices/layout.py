"""How many primary shards and replicas a new index gets, from the cluster's size and the corpus's.

Shards are fixed when an index is created, so the count is chosen then (on first use and at every
`search_reindex`) from the rows the database holds: one primary shard per DOCUMENTS_PER_SHARD
documents, with room for the corpus to double before the next rebuild, and never more shards than
data nodes. A shard is searched by one thread on one node: extra shards on the same node add
per-shard work to every query (each shard scores, sorts and aggregates, the results are merged)
without adding a core, and an index of a million comments is nowhere near the size where one shard
gets slow to search or to move (README, "Elasticsearch as a cluster", has the measurement).

Replicas: one on a cluster, none on a single node (`index.auto_expand_replicas: 0-1`, which
Elasticsearch applies as nodes join and leave). A replica on the only node could never be placed
and would keep the index yellow; on a cluster, one replica is what lets a node die without losing
a shard, and it gives searches a second copy to read. More replicas buy read capacity only when
there are cores to spare for them, at the price of indexing every document once more per copy.
"""

import math

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

#: About 30 GB per shard (Elastic's guidance is 10 to 50 GB) at the comments index's measured size
#: of ~1.3 kB a document; see the module's docstring.
DOCUMENTS_PER_SHARD = 20_000_000
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
