#!/usr/bin/env bash
# `make bench-live`: N concurrent SSE clients on one page's live stream through the ASGI server
# (gunicorn + uvicorn workers, production settings, PostgreSQL LISTEN/NOTIFY), comments committed at
# a steady rate; the delivery latency from each commit to every client, p50/p95/p99 beside the target.
# A database of its own on the project's PostgreSQL, removed on exit. Arguments go to
# benchmarks/live_updates.py. See benchmarks/README.md.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_CLIENTS="${BENCH_CLIENTS:-1000}"
BENCH_SECONDS="${BENCH_SECONDS:-30}"
BENCH_RATE="${BENCH_RATE:-5}"
BENCH_WORKERS="${BENCH_WORKERS:-2}"
# The clients are spread over this many processes of the load generator (one event loop each).
BENCH_CLIENT_PROCESSES="${BENCH_CLIENT_PROCESSES:-2}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-$((BENCH_SECONDS + 300))}"

bench_init live
SERVER_PID=""
bench_on_exit bench_stop_server

bench_database live
bench_shared_cache
bench_production_env

bench_migrate_and_seed

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
SERVER="gunicorn + uvicorn workers (ASGI), $BENCH_WORKERS workers, production settings"
# Each client's stream holds a file descriptor in the server and one in the load generator.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
"$ROOT/.venv/bin/gunicorn" brand_hub.asgi:application \
    --bind "127.0.0.1:$PORT" --workers "$BENCH_WORKERS" --worker-class uvicorn_worker.UvicornWorker \
    --backlog 4096 --graceful-timeout 3 --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
log "serving on 127.0.0.1:$PORT with $SERVER"
"$PYTHON" benchmarks/wait_for_server.py bench-live "$PORT" "$SERVER_PID"

status=0
timeout --signal=TERM "$BENCH_TIMEOUT" "$PYTHON" benchmarks/live_updates.py \
    --base-url "http://127.0.0.1:$PORT" --clients "$BENCH_CLIENTS" --seconds "$BENCH_SECONDS" \
    --rate "$BENCH_RATE" --processes "$BENCH_CLIENT_PROCESSES" --server "$SERVER" "$@" || status=$?
((status != 124)) || log "stopped: the run took longer than BENCH_TIMEOUT=$BENCH_TIMEOUT s"
exit "$status"
