#!/usr/bin/env bash
# `make bench-search`: the knowledge-search benchmark. A corpus of 1,000,000 comments, 50,000 ideas and
# 1,000,000 mentions (BENCH_COMMENTS, BENCH_IDEAS, BENCH_MENTIONS for smaller; BENCH_MENTIONS=0 for none)
# written to a throwaway PostgreSQL database, rebuilt into Elasticsearch, queried at 1 and 8 clients
# (with mentions, "search everything" as a moderator among the queries) beside PostgreSQL full text and
# Wagtail's database backend, then the indexing lag at 50 comments/s. BENCH_ES_NODES="1 3" rebuilds the same corpus into a one-node
# and a three-node cluster and queries both (issue 17's side-by-side search p95). The database, the
# indices and the temp dir are removed on exit; a node or cluster this started is stopped. Arguments go
# to benchmarks/search_knowledge.py. See benchmarks/README.md.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Knobs, with the defaults the README's figures were measured with.
BENCH_COMMENTS="${BENCH_COMMENTS:-1000000}"
BENCH_IDEAS="${BENCH_IDEAS:-50000}"
# Issue 19: the comments beside as many mentions from other networks.
BENCH_MENTIONS="${BENCH_MENTIONS:-1000000}"
BENCH_SECONDS="${BENCH_SECONDS:-30}"
BENCH_LAG_SECONDS="${BENCH_LAG_SECONDS:-60}"
BENCH_LAG_RATE="${BENCH_LAG_RATE:-50}"
# A node of its own, so that the shared development node on 9200 (512 MB heap) is never restarted.
BENCH_ES_PORT="${BENCH_ES_PORT:-9210}"
BENCH_ES_HEAP="${BENCH_ES_HEAP:-3g}"
# Cluster sizes to measure, in order; the first also runs the baselines and the lag. A cluster of N > 1
# nodes runs on BENCH_ES_CLUSTER_PORT.. (9250-9252 for three) with BENCH_ES_CLUSTER_HEAP per node, so
# that three nodes have the one node's heap between them.
BENCH_ES_NODES="${BENCH_ES_NODES:-1}"
BENCH_ES_CLUSTER_PORT="${BENCH_ES_CLUSTER_PORT:-9250}"
BENCH_ES_CLUSTER_HEAP="${BENCH_ES_CLUSTER_HEAP:-1g}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-5400}"

bench_init search
PREFIX="searchbench_$STAMP"
STARTED_ES=()   # "port nodes" of each node or cluster this run started
CLUSTERS=()     # --cluster N=URLS for search_knowledge.py
CLUSTER_URLS=() # each cluster's URLs
remove_indices() {
    local urls started
    for urls in "${CLUSTER_URLS[@]}"; do
        # Indices by name: the node refuses wildcard deletes.
        "$PYTHON" - "$urls" "$PREFIX" <<'PY' || log "could not delete the indices ${PREFIX}_* at $urls"
import sys
from elasticsearch import Elasticsearch
es = Elasticsearch(sys.argv[1].split(","), request_timeout=60)
for name in es.indices.get(index=f"{sys.argv[2]}_*", expand_wildcards="all"):
    es.indices.delete(index=name)
PY
    done
    for started in "${STARTED_ES[@]}"; do
        read -r port nodes <<<"$started"
        ES_PORT="$port" ES_NODES="$nodes" bash site/elasticsearch/elasticsearch.sh stop || true
    done
}
show_worker_log() {
    if (($1 > 1)) && [[ -s $WORK/search_worker.log ]]; then
        log "search_worker log (last 20 lines):"
        tail -n 20 "$WORK/search_worker.log" >&2
    fi
}
bench_on_exit show_worker_log
bench_on_exit remove_indices

# PostgreSQL: a database brandhub_searchbench_<time>_<pid> of its own, dropped on exit.
bench_database searchbench

# Elasticsearch: a node or cluster already running on its ports is used as it is (and left running).
for nodes in $BENCH_ES_NODES; do
    [[ $nodes =~ ^[1-9][0-9]*$ ]] || { log "BENCH_ES_NODES lists numbers of nodes, not '$nodes'"; exit 2; }
    port="$BENCH_ES_PORT" heap="$BENCH_ES_HEAP"
    if ((nodes > 1)); then
        port="$BENCH_ES_CLUSTER_PORT" heap="$BENCH_ES_CLUSTER_HEAP"
    fi
    runner=(env ES_PORT="$port" ES_NODES="$nodes" bash site/elasticsearch/elasticsearch.sh)
    if "${runner[@]}" status >"$WORK/elasticsearch-$port.out" 2>&1; then
        log "using the Elasticsearch of $nodes node(s) already running on port $port"
    elif curl -fsS --max-time 5 "http://127.0.0.1:$port/_cluster/health" >/dev/null 2>&1; then
        # Not the runner's (another checkout's, say): used as it is.
        echo "ELASTICSEARCH_URL=http://127.0.0.1:$port" >"$WORK/elasticsearch-$port.out"
        log "using the Elasticsearch already answering on port $port"
    else
        STARTED_ES+=("$port $nodes")
        log "starting Elasticsearch, $nodes node(s) from port $port with a $heap heap each"
        ES_JAVA_OPTS="-Xms$heap -Xmx$heap" "${runner[@]}" start >"$WORK/elasticsearch-$port.out"
    fi
    urls="$(sed -n 's/^ELASTICSEARCH_URL=//p' "$WORK/elasticsearch-$port.out" | tail -n 1)"
    CLUSTER_URLS+=("$urls")
    CLUSTERS+=(--cluster "$nodes=$urls")
done

export DJANGO_SETTINGS_MODULE=brand_hub.settings.dev
export DEBUG=0
export ELASTICSEARCH_URL="${CLUSTER_URLS[0]}"
export ELASTICSEARCH_INDEX_PREFIX="$PREFIX"
export MEDIA_ROOT="$WORK/media"
export BRAND_HUB_VAR_DIR="$WORK/var"
export LOG_LEVEL=WARNING
export PYTHONDONTWRITEBYTECODE=1
mkdir -p "$MEDIA_ROOT" "$BRAND_HUB_VAR_DIR"

bench_migrate_and_seed

RESULTS="$ROOT/benchmarks/results/search-$(date -u +%Y%m%dT%H%M%SZ).json"
status=0
timeout --signal=TERM "$BENCH_TIMEOUT" "$PYTHON" benchmarks/search_knowledge.py \
    --comments "$BENCH_COMMENTS" --ideas "$BENCH_IDEAS" --mentions "$BENCH_MENTIONS" \
    --seconds "$BENCH_SECONDS" \
    --lag-seconds "$BENCH_LAG_SECONDS" --lag-rate "$BENCH_LAG_RATE" \
    "${CLUSTERS[@]}" --work-dir "$WORK" --json "$RESULTS" "$@" || status=$?
((status != 124)) || log "stopped: the run took longer than BENCH_TIMEOUT=$BENCH_TIMEOUT s"
exit "$status"
