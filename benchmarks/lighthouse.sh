#!/usr/bin/env bash
# `make bench-frontend`: Lighthouse (benchmarks/lighthouse/, pinned 12.2.3) with the system's Chromium,
# desktop preset, on the reference frontend's production build (next build + next start) talking to
# Brand Hub seeded with the demo: the home page, a blog post, an idea and a challenge, per language in
# BENCH_LOCALES. Prints each page's performance score, LCP, CLS and TBT (median of BENCH_RUNS runs)
# beside the targets (score >= 90, LCP < 2.5 s; issue 15). The database (SQLite, as `make run` uses),
# media and logs live in one temp dir removed on exit; the figures are kept as JSON in
# benchmarks/results/lighthouse-<time>.json, every run's full report in benchmarks/results/lighthouse-<time>/.
# Needs Node 20.9+, npm and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
# See benchmarks/README.md.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=site/frontend.sh
source site/frontend.sh

# Knobs, with the defaults the README's figures were measured with.
BENCH_LOCALES="${BENCH_LOCALES:-pl}"
BENCH_RUNS="${BENCH_RUNS:-3}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-1800}"

bench_init frontend
LIGHTHOUSE_DIR="$ROOT/benchmarks/lighthouse"

read -r API_PORT FRONTEND_PORT < <(frontend_free_ports)

# Brand Hub as `make run` serves it (development settings, so it serves the media too), on this run's
# ports and files; search is not needed by the pages measured, and no index of a shared node is touched.
export DJANGO_SETTINGS_MODULE=brand_hub.settings.dev
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
DATABASE_NAME="$WORK/db.sqlite3"
export MEDIA_ROOT="$WORK/media"
export BRAND_HUB_VAR_DIR="$WORK/var"
export ELASTICSEARCH_URL="http://127.0.0.1:9"
export FRONTEND_URL="http://127.0.0.1:$FRONTEND_PORT"
export LOG_LEVEL=WARNING
export PYTHONDONTWRITEBYTECODE=1
mkdir -p "$MEDIA_ROOT" "$BRAND_HUB_VAR_DIR"

API_PID=""
stop_servers() {
    frontend_stop
    if [[ -n $API_PID ]]; then
        kill -TERM -- "-$API_PID" 2>/dev/null || true
        wait "$API_PID" 2>/dev/null || true
    fi
    if (($1 != 0)); then
        for name in api frontend; do
            [[ -s $WORK/$name.log ]] && log "the last lines of $name.log:" && tail -n 30 "$WORK/$name.log" >&2
        done
    fi
}
bench_on_exit stop_servers

frontend_require_chromium
CHROME_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROME_PATH

# Lighthouse lives in its own package, so that the frontend's install (make run, CI) never pulls it.
LIGHTHOUSE_LOCK="$(sha256sum "$LIGHTHOUSE_DIR/package-lock.json" | cut -d' ' -f1)"
if [[ $(cat "$LIGHTHOUSE_DIR/node_modules/.brand-hub-lock" 2>/dev/null) != "$LIGHTHOUSE_LOCK" ]]; then
    log "npm ci in benchmarks/lighthouse/ (package-lock.json is new or changed)"
    # Lighthouse drives the system's Chromium: puppeteer must not download one of its own.
    (cd "$LIGHTHOUSE_DIR" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    echo "$LIGHTHOUSE_LOCK" >"$LIGHTHOUSE_DIR/node_modules/.brand-hub-lock"
fi

bench_migrate_and_seed
quietly compilemessages "$PYTHON" manage.py compilemessages --ignore=.venv --ignore=var --ignore=site \
    --ignore=node_modules

log "Brand Hub on http://127.0.0.1:$API_PORT"
setsid "$PYTHON" manage.py runserver "127.0.0.1:$API_PORT" --noreload >"$WORK/api.log" 2>&1 &
API_PID=$!
"$PYTHON" benchmarks/wait_for_server.py "bench-frontend" "$API_PORT" "$API_PID"

frontend_install
frontend_build
log "the frontend (next start) on $FRONTEND_URL"
FRONTEND_LOG="$WORK/frontend.log" frontend_start "$FRONTEND_PORT" "http://127.0.0.1:$API_PORT"

RESULTS="$ROOT/benchmarks/results/lighthouse-$(date -u +%Y%m%dT%H%M%SZ)"
status=0
timeout --signal=TERM "$BENCH_TIMEOUT" node "$LIGHTHOUSE_DIR/run.mjs" \
    --api "http://127.0.0.1:$API_PORT" --frontend "$FRONTEND_URL" --locales "$BENCH_LOCALES" \
    --runs "$BENCH_RUNS" --reports "$RESULTS" --json "$RESULTS.json" "$@" || status=$?
((status != 124)) || log "stopped: the run took longer than BENCH_TIMEOUT=$BENCH_TIMEOUT s"
exit "$status"
