#!/usr/bin/env bash
# `make bench-mentions`: listening tools sending mentions in batches through the real endpoint
# (gunicorn, production settings, an API key), with the Elasticsearch node restarted half-way; then
# every mention counted in PostgreSQL and in the index. The node is one of its own on a free port (the
# shared one is never stopped); the database is a throwaway one, on the project's PostgreSQL or, with
# BENCH_DATABASE_SERVER=postgres://..., on one already running. See benchmarks/README.md.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_MENTIONS="${BENCH_MENTIONS:-100000}"
BENCH_BATCH="${BENCH_BATCH:-1000}"
BENCH_CLIENTS="${BENCH_CLIENTS:-2}"
BENCH_WORKERS="${BENCH_WORKERS:-2}"
BENCH_THREADS="${BENCH_THREADS:-2}"

bench_init mentions
ES_BENCH_PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export ES_BENCH_PORT
SERVER_PID=""
WORKER_PID=""
stop_all() {
    local pid
    for pid in "$WORKER_PID" "$SERVER_PID"; do
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    ES_PORT="$ES_BENCH_PORT" bash site/elasticsearch/elasticsearch.sh stop >/dev/null 2>&1 || true
    if (($1 > 1)) && [[ -s $WORK/server.log ]]; then
        log "server log (last 40 lines):"
        tail -n 40 "$WORK/server.log" >&2
    fi
}
bench_on_exit stop_all

if [[ -n ${BENCH_DATABASE_SERVER:-} ]]; then
    # A PostgreSQL already running (a shared machine): the run's database is made and dropped there.
    ADMIN_URL="${BENCH_DATABASE_SERVER%/*}/postgres"
    DATABASE_NAME="brandhub_mentions_$STAMP"
    "$PYTHON" - "$ADMIN_URL" "$DATABASE_NAME" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
    DATABASE_CREATED="$DATABASE_NAME"
    export DATABASE_URL="${BENCH_DATABASE_SERVER%/*}/$DATABASE_NAME"
else
    bench_database mentions
fi
# The endpoint reads no cache; production settings want one all the same (CACHE_URL, else Redis).
[[ -n ${CACHE_URL:-} ]] || bench_shared_cache
log "starting an Elasticsearch node of its own on port $ES_BENCH_PORT"
ES_PORT="$ES_BENCH_PORT" quietly es_start bash site/elasticsearch/elasticsearch.sh start
export ELASTICSEARCH_URL="http://127.0.0.1:$ES_BENCH_PORT"
export ELASTICSEARCH_INDEX_PREFIX="bench_mentions_$STAMP"
export DJANGO_SETTINGS_MODULE=brand_hub.settings.production
SECRET_KEY="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=0
export TRUSTED_PROXY_COUNT=0
export MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static" BRAND_HUB_VAR_DIR="$WORK/var"
export LOG_LEVEL=WARNING PYTHONDONTWRITEBYTECODE=1
# As in production: the request stores the mentions and their outbox rows; search_worker sends them.
export SEARCH_SEND_AFTER_COMMIT=0
mkdir -p "$MEDIA_ROOT" "$BRAND_HUB_VAR_DIR"
log "migrating database $DATABASE_NAME"
quietly migrate "$PYTHON" manage.py migrate --noinput

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
SERVER="gunicorn, $BENCH_WORKERS workers x $BENCH_THREADS threads, production settings"
"$ROOT/.venv/bin/gunicorn" brand_hub.wsgi:application \
    --bind "127.0.0.1:$PORT" --workers "$BENCH_WORKERS" --worker-class gthread --threads "$BENCH_THREADS" \
    --graceful-timeout 3 --timeout 120 --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
"$PYTHON" manage.py search_worker >"$WORK/search_worker.log" 2>&1 &
WORKER_PID=$!
"$PYTHON" benchmarks/wait_for_server.py bench-mentions "$PORT" "$SERVER_PID"
log "serving on 127.0.0.1:$PORT with $SERVER; search_worker running"

"$PYTHON" benchmarks/mentions_ingest.py --base-url "http://127.0.0.1:$PORT" --mentions "$BENCH_MENTIONS" \
    --batch "$BENCH_BATCH" --clients "$BENCH_CLIENTS" --server "$SERVER" \
    --restart-es "ES_PORT=$ES_BENCH_PORT bash site/elasticsearch/elasticsearch.sh" "$@"
