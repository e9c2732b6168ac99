#!/usr/bin/env bash
# `make bench-topology`: content reads and community writes through nginx with one and with two web
# nodes of the production topology (site/topology.sh), side by side, with the CPU each part used.
# The topology runs on ports and in a run dir of its own (below) and is stopped on exit; the search
# p95 on one and three Elasticsearch nodes is bench-search's (ES_NODES). See benchmarks/README.md.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_CLIENTS="${BENCH_CLIENTS:-16}"
BENCH_SECONDS="${BENCH_SECONDS:-30}"
export TOPOLOGY_PORT="${BENCH_TOPOLOGY_PORT:-8380}"
export REDIS_PORT="${BENCH_REDIS_PORT:-6580}"
export PG_PORT="${BENCH_PG_PORT:-5480}"
export PG_REPLICA_PORT="${BENCH_PG_REPLICA_PORT:-5580}"
export ES_PORT="${BENCH_ES_PORT:-9280}"
export ES_NODES=3
export TOPOLOGY_DIR="${BENCH_TOPOLOGY_DIR:-$PWD/var/topology-bench}"
export PG_RUN_DIR="$TOPOLOGY_DIR/postgres"
export TOPOLOGY_WEB_NODES=2
# One IP sends everything: the per-IP limits would refuse most of the load.
unlimited='{"user": "1000000/m", "ip": "1000000/m"}'
export COMMUNITY_RATE_LIMITS="{\"comment\": $unlimited, \"reaction\": $unlimited, \"vote\": $unlimited, \"page_view\": $unlimited}"

bench_init topology
stop_topology() {
    bash site/topology.sh stop >"$WORK/topology-stop.log" 2>&1 || {
        log "stopping the topology failed:"
        tail -n 20 "$WORK/topology-stop.log" >&2
    }
}
bench_on_exit stop_topology

log "starting the topology on http://127.0.0.1:$TOPOLOGY_PORT/ (run dir $TOPOLOGY_DIR)"
bash site/topology.sh start >"$WORK/topology.out"
RESULTS="$ROOT/benchmarks/results/topology-$(date -u +%Y%m%dT%H%M%SZ).json"
(
    set -a
    # shellcheck source=/dev/null
    source "$TOPOLOGY_DIR/env"
    set +a
    "$PYTHON" benchmarks/topology_scaling.py --base-url "http://127.0.0.1:$TOPOLOGY_PORT" \
        --topology-dir "$TOPOLOGY_DIR" --clients "$BENCH_CLIENTS" --seconds "$BENCH_SECONDS" --json "$RESULTS" "$@"
)
