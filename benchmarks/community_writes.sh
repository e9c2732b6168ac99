#!/usr/bin/env bash
# `make bench-community`: 50 prosumers commenting, replying, reacting and voting for 60 s against the
# production settings on PostgreSQL, then every count checked against what was sent.
# It makes a database of its own on the project's PostgreSQL (started if need be, stopped again only
# if this started it), and a temp dir for media and logs; both are removed on exit. Arguments go to
# benchmarks/community_writes.py (e.g. --think-ms 0). See benchmarks/README.md.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Knobs, with the defaults the README's figures were measured with.
BENCH_CLIENTS="${BENCH_CLIENTS:-50}"
BENCH_SECONDS="${BENCH_SECONDS:-60}"
BENCH_THINK_MS="${BENCH_THINK_MS:-1000}"
BENCH_WORKERS="${BENCH_WORKERS:-2}"
BENCH_THREADS="${BENCH_THREADS:-4}"
# Seconds the load generator may take in all, checks included, before it is stopped.
BENCH_TIMEOUT="${BENCH_TIMEOUT:-$((BENCH_SECONDS + 300))}"

bench_init community
SERVER_PID=""
bench_on_exit bench_stop_server

# Same server and role, a database brandhub_bench_<time>_<pid> of our own for the run.
bench_database bench

# Production settings, which refuse to start without these. Plain HTTP on loopback, so no redirect
# to HTTPS. ELASTICSEARCH_URL is required but none of the measured endpoints talks to it. The rate
# limits count in the shared cache, as in production; the load generator connects directly (no proxy).
bench_shared_cache
bench_production_env
# One IP sends everything: the per-IP limits (30 comments a minute) would refuse most of the load.
unlimited='{"user": "1000000/m", "ip": "1000000/m"}'
export COMMUNITY_RATE_LIMITS="{\"comment\": $unlimited, \"reaction\": $unlimited, \"vote\": $unlimited}"

bench_migrate_and_seed
"$PYTHON" benchmarks/community_prosumers.py --count "$BENCH_CLIENTS" --out "$WORK/prosumers.json"

# A local SMTP server for the notification e-mails the task worker sends: they leave over SMTP as in
# production, and are counted rather than delivered (benchmarks/smtp_sink.py).
bench_smtp_sink

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
SERVER="gunicorn, $BENCH_WORKERS workers x $BENCH_THREADS threads, production settings"
# Threads, not sync workers: a request waiting for a row lock (two votes on one idea) must not hold a
# whole process while the other requests wait behind it.
"$ROOT/.venv/bin/gunicorn" brand_hub.wsgi:application \
    --bind "127.0.0.1:$PORT" --workers "$BENCH_WORKERS" --worker-class gthread --threads "$BENCH_THREADS" \
    --graceful-timeout 3 --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
log "serving on 127.0.0.1:$PORT with $SERVER"

"$PYTHON" benchmarks/wait_for_server.py bench-community "$PORT" "$SERVER_PID"

RESULTS="$ROOT/benchmarks/results/community_writes-$(date -u +%Y%m%dT%H%M%SZ).json"
status=0
timeout --signal=TERM "$BENCH_TIMEOUT" "$PYTHON" benchmarks/community_writes.py \
    --base-url "http://127.0.0.1:$PORT" --prosumers "$WORK/prosumers.json" \
    --clients "$BENCH_CLIENTS" --seconds "$BENCH_SECONDS" --think-ms "$BENCH_THINK_MS" \
    --server "$SERVER" --server-pid "$SERVER_PID" --json "$RESULTS" "$@" || status=$?
((status != 124)) || log "stopped: the run took longer than BENCH_TIMEOUT=$BENCH_TIMEOUT s"

# A 500 leaves "Internal Server Error" (django.request, after the line's time, level, logger and
# process: settings LOGGING) and its traceback in the server log: show the first one.
error_line=' ERROR django\.request \[[0-9]+\] Internal Server Error'
errors="$(grep -cE "$error_line" "$WORK/server.log" || true)"
if ((errors > 0)); then
    log "the server logged $errors internal server errors; the first:"
    line="$error_line" awk '$0 ~ ENVIRON["line"] {n++} n == 1' "$WORK/server.log" | grep -v '^ *[~^]*$' | head -n 60 >&2
fi
# The worker (started by community_writes.py) sent the notification e-mails to the sink; a mail that
# failed would show as a failed task in the figures above.
bench_stop_sink
if [[ -s $WORK/smtp.count ]]; then
    read -r messages recipients <"$WORK/smtp.count"
    log "$messages notification e-mails delivered to the SMTP sink on port $EMAIL_PORT ($recipients recipients)"
else
    log "the SMTP sink reported no count"
fi
exit "$status"
