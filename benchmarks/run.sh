#!/usr/bin/env bash
# `make bench`: the project's v2 pages API against stock Wagtail v2 on a throwaway seeded database.
# Everything it creates (database, media, server log) lives in one temp dir removed on exit; the
# figures are kept as JSON in benchmarks/results/. See benchmarks/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Knobs, with the defaults the README's figures were measured with.
BENCH_REQUESTS="${BENCH_REQUESTS:-100}"
BENCH_CONCURRENCY="${BENCH_CONCURRENCY:-4}"
BENCH_WORKERS="${BENCH_WORKERS:-2}"
# auto: gunicorn when the .venv has it, else runserver (one process, no threads).
BENCH_SERVER="${BENCH_SERVER:-auto}"
# Seconds the load generator may run in all before it is stopped.
BENCH_TIMEOUT="${BENCH_TIMEOUT:-900}"

log() { printf 'bench: %s\n' "$*" >&2; }

bash site/bootstrap.sh
PYTHON="$ROOT/.venv/bin/python"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/brand-hub-bench.XXXXXX")"
SERVER_PID=""
cleanup() {
    local status=$?
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        # gunicorn stops its workers on TERM; give it a moment, then insist.
        for _ in $(seq 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if ((status != 0)) && [[ -s $WORK/server.log ]]; then
        log "server log (last 40 lines):"
        tail -n 40 "$WORK/server.log" >&2
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export DJANGO_SETTINGS_MODULE=brand_hub.settings.dev
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export MEDIA_ROOT="$WORK/media"
export BRAND_HUB_VAR_DIR="$WORK/var"
export SECRET_KEY="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DEBUG=0
export ALLOWED_HOSTS=127.0.0.1,localhost
export BRAND_HUB_STOCK_API=1
export LOG_LEVEL=WARNING
export PYTHONDONTWRITEBYTECODE=1
mkdir -p "$MEDIA_ROOT" "$BRAND_HUB_VAR_DIR"

log "migrating and seeding a throwaway database in $WORK"
# Quiet steps: their output goes to a log, shown only when they fail.
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
# The seeder's account passwords belong to this throwaway database: they stay in its log.
quietly seed_demo "$PYTHON" manage.py seed_demo
head -n 1 "$WORK/seed_demo.log" >&2
"$PYTHON" benchmarks/top_up_blog.py --locale es --count 20

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
if [[ $BENCH_SERVER == gunicorn || ($BENCH_SERVER == auto && -x $ROOT/.venv/bin/gunicorn) ]]; then
    SERVER="gunicorn, $BENCH_WORKERS sync workers"
    "$ROOT/.venv/bin/gunicorn" brand_hub.wsgi:application \
        --bind "127.0.0.1:$PORT" --workers "$BENCH_WORKERS" --worker-class sync \
        --graceful-timeout 3 --log-level warning >"$WORK/server.log" 2>&1 &
else
    SERVER="manage.py runserver --noreload --nothreading (install gunicorn for 2 workers)"
    "$PYTHON" manage.py runserver --noreload --nothreading "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
fi
SERVER_PID=$!
log "serving on 127.0.0.1:$PORT with $SERVER"

"$PYTHON" benchmarks/wait_for_server.py bench "$PORT" "$SERVER_PID"

RESULTS="$ROOT/benchmarks/results/content_api-$(date -u +%Y%m%dT%H%M%SZ).json"
timeout --signal=TERM "$BENCH_TIMEOUT" "$PYTHON" benchmarks/content_api.py \
    --port "$PORT" --requests "$BENCH_REQUESTS" --concurrency "$BENCH_CONCURRENCY" \
    --server "$SERVER" --server-pid "$SERVER_PID" --json "$RESULTS" || {
    status=$?
    ((status != 124)) || log "stopped: the measurements took longer than BENCH_TIMEOUT=$BENCH_TIMEOUT s"
    exit "$status"
}
