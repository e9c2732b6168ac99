#!/usr/bin/env bash
# `make bench-search`: the knowledge-search benchmark. A corpus of 1,000,000 comments and 50,000 ideas
# (BENCH_COMMENTS, BENCH_IDEAS for smaller) written to a throwaway PostgreSQL database, rebuilt into
# Elasticsearch, queried at 1 and 8 clients beside PostgreSQL full text and Wagtail's database backend,
# then the indexing lag at 50 comments/s. The database, the indices and the temp dir are removed on exit;
# a node this started is stopped. Arguments go to benchmarks/search_knowledge.py. See benchmarks/README.md.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Knobs, with the defaults the README's figures were measured with.
BENCH_COMMENTS="${BENCH_COMMENTS:-1000000}"
BENCH_IDEAS="${BENCH_IDEAS:-50000}"
BENCH_SECONDS="${BENCH_SECONDS:-30}"
BENCH_LAG_SECONDS="${BENCH_LAG_SECONDS:-60}"
BENCH_LAG_RATE="${BENCH_LAG_RATE:-50}"
# A node of its own, so that the shared development node on 9200 (512 MB heap) is never restarted.
BENCH_ES_PORT="${BENCH_ES_PORT:-9210}"
BENCH_ES_HEAP="${BENCH_ES_HEAP:-3g}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-5400}"

bench_init search
PREFIX="searchbench_$STAMP"
STARTED_ES=""
ES_URL="http://127.0.0.1:$BENCH_ES_PORT"
remove_indices() {
    # Indices by name: the node refuses wildcard deletes.
    "$PYTHON" - "$ES_URL" "$PREFIX" <<'PY' || log "could not delete the indices ${PREFIX}_*"
import sys
from elasticsearch import Elasticsearch
es = Elasticsearch(sys.argv[1], request_timeout=60)
for name in es.indices.get(index=f"{sys.argv[2]}_*", expand_wildcards="all"):
    es.indices.delete(index=name)
PY
    if [[ -n $STARTED_ES ]]; then
        ES_PORT="$BENCH_ES_PORT" bash site/elasticsearch/elasticsearch.sh stop || true
    fi
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

# Elasticsearch: a node already answering on BENCH_ES_PORT is used as it is (and left running).
if curl -fsS --max-time 5 "$ES_URL/_cluster/health" >/dev/null 2>&1; then
    log "using the Elasticsearch node already running at $ES_URL"
else
    STARTED_ES=1
    log "starting Elasticsearch at $ES_URL with a $BENCH_ES_HEAP heap"
    ES_PORT="$BENCH_ES_PORT" ES_JAVA_OPTS="-Xms$BENCH_ES_HEAP -Xmx$BENCH_ES_HEAP" \
        bash site/elasticsearch/elasticsearch.sh start >"$WORK/elasticsearch.out"
fi

export DJANGO_SETTINGS_MODULE=brand_hub.settings.dev
export DEBUG=0
export ELASTICSEARCH_URL="$ES_URL"
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
    --comments "$BENCH_COMMENTS" --ideas "$BENCH_IDEAS" --seconds "$BENCH_SECONDS" \
    --lag-seconds "$BENCH_LAG_SECONDS" --lag-rate "$BENCH_LAG_RATE" \
    --work-dir "$WORK" --json "$RESULTS" "$@" || status=$?
((status != 124)) || log "stopped: the run took longer than BENCH_TIMEOUT=$BENCH_TIMEOUT s"
exit "$status"
