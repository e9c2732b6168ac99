#!/usr/bin/env bash
# `make bench-search`: the knowledge-search benchmark. A corpus of 1,000,000 comments and 50,000 ideas
# (BENCH_COMMENTS, BENCH_IDEAS for smaller) written to a throwaway PostgreSQL database, rebuilt into
# Elasticsearch, queried at 1 and 8 clients beside PostgreSQL full text and Wagtail's database backend,
# then the indexing lag at 50 comments/s. The database, the indices and the temp dir are removed on exit;
# a node this started is stopped. Arguments go to benchmarks/search_knowledge.py. See benchmarks/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

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

log() { printf 'bench-search: %s\n' "$*" >&2; }

bash site/bootstrap.sh
PYTHON="$ROOT/.venv/bin/python"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/brand-hub-bench-search.XXXXXX")"
STAMP="$(date -u +%Y%m%d%H%M%S)_$$"
PREFIX="searchbench_$STAMP"
STARTED_POSTGRES=""
STARTED_ES=""
DATABASE_CREATED=""
ADMIN_URL=""
ES_URL="http://127.0.0.1:$BENCH_ES_PORT"
cleanup() {
    local status=$?
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
    local others=0
    if [[ -n $DATABASE_CREATED ]]; then
        others="$("$PYTHON" - "$ADMIN_URL" "$DATABASE_CREATED" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
    print(conn.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname IS NOT NULL AND pid <> pg_backend_pid()"
    ).fetchone()[0])
PY
        )" || log "could not drop database $DATABASE_CREATED"
    fi
    if [[ -n $STARTED_POSTGRES ]]; then
        if [[ $others =~ ^[0-9]+$ ]] && ((others > 0)); then
            log "leaving PostgreSQL running: other programs opened $others connections meanwhile"
        else
            bash site/postgres/postgres.sh stop || true
        fi
    fi
    if ((status > 1)) && [[ -s $WORK/search_worker.log ]]; then
        log "search_worker log (last 20 lines):"
        tail -n 20 "$WORK/search_worker.log" >&2
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# PostgreSQL: reuse the project's server when it runs (its databases are left alone), else start it.
if ! bash site/postgres/postgres.sh status >/dev/null 2>&1; then
    STARTED_POSTGRES=1
fi
bash site/postgres/postgres.sh start >"$WORK/postgres.out"
SERVER_URL="$(sed -n 's/^DATABASE_URL=//p' "$WORK/postgres.out" | tail -n 1)"
[[ -n $SERVER_URL ]] || {
    log "postgres.sh start printed no DATABASE_URL"
    exit 1
}
ADMIN_URL="${SERVER_URL%/*}/postgres"
DATABASE_NAME="brandhub_searchbench_$STAMP"
"$PYTHON" - "$ADMIN_URL" "$DATABASE_NAME" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
DATABASE_CREATED="$DATABASE_NAME"

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
export DATABASE_URL="${SERVER_URL%/*}/$DATABASE_NAME"
export ELASTICSEARCH_URL="$ES_URL"
export ELASTICSEARCH_INDEX_PREFIX="$PREFIX"
export MEDIA_ROOT="$WORK/media"
export BRAND_HUB_VAR_DIR="$WORK/var"
export LOG_LEVEL=WARNING
export PYTHONDONTWRITEBYTECODE=1
mkdir -p "$MEDIA_ROOT" "$BRAND_HUB_VAR_DIR"

log "migrating and seeding database $DATABASE_NAME"
quietly() {
    local name=$1
    shift
    "$@" >"$WORK/$name.log" 2>&1 || {
        tail -n 40 "$WORK/$name.log" >&2
        log "$name failed"
        return 1
    }
}
quietly migrate "$PYTHON" manage.py migrate --noinput
quietly seed_demo "$PYTHON" manage.py seed_demo
grep -m 1 "^seed_demo:" "$WORK/seed_demo.log" >&2 || true

RESULTS="$ROOT/benchmarks/results/search-$(date -u +%Y%m%dT%H%M%SZ).json"
status=0
timeout --signal=TERM "$BENCH_TIMEOUT" "$PYTHON" benchmarks/search_knowledge.py \
    --comments "$BENCH_COMMENTS" --ideas "$BENCH_IDEAS" --seconds "$BENCH_SECONDS" \
    --lag-seconds "$BENCH_LAG_SECONDS" --lag-rate "$BENCH_LAG_RATE" \
    --work-dir "$WORK" --json "$RESULTS" "$@" || status=$?
((status != 124)) || log "stopped: the run took longer than BENCH_TIMEOUT=$BENCH_TIMEOUT s"
exit "$status"
