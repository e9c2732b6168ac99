#!/usr/bin/env bash
# The test command (`make test`; CI runs it through .ci/run): lint, the frontend's type check, lint
# and build, Django's checks, the whole pytest suite against PostgreSQL and Elasticsearch (and the
# shared-cache tests against Redis, on REDIS_PORT: 6379 unless set), the failure test on the
# production topology (tests/topology: nginx, two web nodes, workers, Redis, a PostgreSQL replica,
# three Elasticsearch nodes, parts stopped under load), the frontend's browser tests against the
# demo on PostgreSQL, the insights, ideas and public-page tests on SQLite, then a smoke pass of the
# demo on SQLite.
# Extra arguments go to pytest: `bash site/test.sh -k ideas -x` or `make test ARGS="-k ideas"`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=site/entrypoint.sh
source site/entrypoint.sh

STEP="setting up"
PYTEST_SUMMARY=""
STARTED_POSTGRES=""
STARTED_POSTGRES_REPLICA=""
STARTED_ELASTICSEARCH=""
STARTED_REDIS=""
WORK_DIR="$(mktemp -d -t brand-hub-test.XXXXXX)"

if [[ -t 1 ]]; then
    BOLD=$'\033[1m' RED=$'\033[31m' GREEN=$'\033[32m' RESET=$'\033[0m'
else
    BOLD="" RED="" GREEN="" RESET=""
fi

section() {
    STEP="$1"
    printf '\n%s==> %s%s\n' "$BOLD" "$1" "$RESET"
}

# Stops only the services this run started, then repeats pytest's summary and the verdict last.
finish() {
    local status=$?
    set +e
    trap - EXIT INT TERM
    if [[ -n $STARTED_REDIS ]]; then
        echo "Stopping Redis"
        bash site/redis/redis.sh stop >"$WORK_DIR/redis-stop.log" 2>&1 ||
            { echo "warning: stopping Redis failed:" && cat "$WORK_DIR/redis-stop.log"; }
    fi
    if [[ -n $STARTED_ELASTICSEARCH ]]; then
        echo "Stopping Elasticsearch"
        bash site/elasticsearch/elasticsearch.sh stop >"$WORK_DIR/elasticsearch-stop.log" 2>&1 ||
            { echo "warning: stopping Elasticsearch failed:" && cat "$WORK_DIR/elasticsearch-stop.log"; }
    fi
    if [[ -n $STARTED_POSTGRES_REPLICA ]]; then
        echo "Stopping the PostgreSQL replica"
        bash site/postgres/postgres.sh stop-replica >"$WORK_DIR/postgres-replica-stop.log" 2>&1 ||
            { echo "warning: stopping the PostgreSQL replica failed:" && cat "$WORK_DIR/postgres-replica-stop.log"; }
    fi
    if [[ -n $STARTED_POSTGRES ]]; then
        echo "Stopping PostgreSQL"
        bash site/postgres/postgres.sh stop >"$WORK_DIR/postgres-stop.log" 2>&1 ||
            { echo "warning: stopping PostgreSQL failed:" && cat "$WORK_DIR/postgres-stop.log"; }
    fi
    rm -rf "$WORK_DIR"

    printf '\n%s==> Result%s\n' "$BOLD" "$RESET"
    [[ -z $PYTEST_SUMMARY ]] || echo "pytest: $PYTEST_SUMMARY"
    if ((status == 0)); then
        echo "${GREEN}All passed: ruff, the frontend's checks and build, manage.py checks, pytest, the topology's failure test, browser tests, pytest on SQLite, SQLite smoke pass.${RESET}"
    else
        echo "${RED}FAILED during: $STEP (exit status $status)${RESET}"
    fi
    exit "$status"
}
run_on_exit finish

port_answers() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The last `NAME=value` line a start command printed.
value_from() {
    sed -n "s/^$1=//p" "$2" | tail -n 1
}

# Runs a runner's `start`, noting in the variable named $3 when this run started the service (so that
# it stops it at the end), and exports the `$2=value` line the runner printed.
start_service() {
    local script="$1" variable="$2" started="$3" value
    bash "$script" status >/dev/null 2>&1 || printf -v "$started" 1
    bash "$script" start | tee "$WORK_DIR/$variable.out"
    value="$(value_from "$variable" "$WORK_DIR/$variable.out")"
    [[ -n $value ]] || { echo "$script start printed no $variable" >&2 && exit 1; }
    export "$variable=$value"
}

section "Bootstrap (.venv, dependencies, chromium)"
use_project_venv --tests
# Every step uses the project's own settings: manage.py defaults to brand_hub.settings.dev and
# pytest reads brand_hub.settings.test from pyproject.toml, which an exported value would override.
unset DJANGO_SETTINGS_MODULE
# The replica this run starts is given to pytest alone (below), never one from the caller's shell.
unset DATABASE_REPLICA_URL

section "Lint: ruff check"
ruff check .
section "Lint: ruff format --check"
ruff format --check .

# shellcheck source=site/frontend.sh
source site/frontend.sh
section "Frontend: npm ci, tsc --noEmit, eslint, next build"
frontend_install
(cd frontend && npm run --silent typecheck && npm run --silent lint)
frontend_build

section "Start PostgreSQL"
start_service site/postgres/postgres.sh DATABASE_URL STARTED_POSTGRES

section "Start a streaming replica of PostgreSQL"
if ! bash site/postgres/postgres.sh status-replica >/dev/null 2>&1; then
    STARTED_POSTGRES_REPLICA=1
fi
bash site/postgres/postgres.sh start-replica | tee "$WORK_DIR/postgres-replica.out"
# Only pytest's run reads it (the replica tests in tests/brand_hub/core/): the later steps use
# databases of their own, which this replica does not hold under the same name.
replica_url="$(value_from DATABASE_REPLICA_URL "$WORK_DIR/postgres-replica.out")"
[[ -n $replica_url ]] || { echo "postgres.sh start-replica printed no DATABASE_REPLICA_URL" >&2 && exit 1; }

section "Start Elasticsearch"
if ! port_answers "${ES_PORT:-9200}"; then
    STARTED_ELASTICSEARCH=1
fi
bash site/elasticsearch/elasticsearch.sh start | tee "$WORK_DIR/elasticsearch.out"
ELASTICSEARCH_URL="$(value_from ELASTICSEARCH_URL "$WORK_DIR/elasticsearch.out")"
[[ -n $ELASTICSEARCH_URL ]] || { echo "elasticsearch.sh start printed no ELASTICSEARCH_URL" >&2 && exit 1; }
export ELASTICSEARCH_URL

# The default pytest run keeps the local-memory cache (settings/test.py); tests asking for the
# `shared_cache` fixture use this Redis, and fail rather than skip when CI is set and it is missing.
section "Start Redis (the shared cache)"
start_service site/redis/redis.sh CACHE_URL STARTED_REDIS

section "manage.py check"
python manage.py check

section "manage.py makemigrations --check (no model change without its migration)"
python manage.py makemigrations --check --dry-run

section "manage.py compilemessages (locale/)"
python manage.py compilemessages --ignore=.venv --ignore=var --ignore=site --ignore=node_modules

section "pytest against PostgreSQL and Elasticsearch"
pytest_options=(-p no:cacheprovider)
if [[ -t 1 ]]; then
    # pytest writes into a pipe here, so colour and width are passed on explicitly.
    pytest_options+=(--color=yes)
    COLUMNS="${COLUMNS:-$(tput cols 2>/dev/null || echo 80)}"
    export COLUMNS
fi
# In PYTEST_WORKERS processes (2 unless set: CI's two cores; 0 runs them in this one), each with a
# test database of its own (test_<name>_gw0, _gw1); Elasticsearch indices, Redis keys, ports and
# nodes were already a test's own. `loadgroup` puts a module that starts something once (marked
# `xdist_group`) on one worker; without reordering (xdist would send the largest groups first) each
# worker runs its tests in pytest-django's order: transactional tests, which empty the database of
# what the migrations put there, after the others.
workers_options=(-n "${PYTEST_WORKERS:-2}" --dist loadgroup --no-loadscope-reorder)
pytest_status=0
# The slowest tests are listed, so that the run's time can be kept within its budget.
DATABASE_REPLICA_URL="$replica_url" pytest "${pytest_options[@]}" "${workers_options[@]}" --durations=25 "$@" 2>&1 |
    tee "$WORK_DIR/pytest.log" || pytest_status=$?
# pytest's last line, "===== 3 failed, 120 passed in 61.2s =====" (bare with -q), without its rules.
PYTEST_SUMMARY="$(sed -E 's/\x1b\[[0-9;]*m//g' "$WORK_DIR/pytest.log" |
    grep -E ' in [0-9]+(\.[0-9]+)?s( \([0-9:]+\))?( =+)?$' | tail -n 1 | sed -E 's/^=+ //; s/ =+$//' || true)"
if ((pytest_status == 5)); then
    echo "${RED}pytest collected no tests: that is a failure here.${RESET}" >&2
fi
((pytest_status == 0)) || exit "$pytest_status"
# The browser tests and the smoke pass serve the demo on the local-memory cache, as `make run` does:
# counters kept in Redis (which snapshots them) would carry rate limits over from an earlier run.
unset CACHE_URL

section "Failures survived: the production topology (site/topology.sh) under load while its parts fail"
# Bounded: about five minutes to start it (migrate, seed_demo, three Elasticsearch nodes), 75 s of
# load, the checks; on ports of its own (tests/topology/test_failures_survived.py), stopped after.
timeout 1200 pytest "${pytest_options[@]}" -m topology tests/topology

section "Frontend browser tests: Playwright on Chromium, against the demo on PostgreSQL and Elasticsearch"
# A database of their own on the test run's server, made afresh and seeded with the demo.
DATABASE_URL="${DATABASE_URL%/*}/brand_hub_e2e" bash site/frontend-e2e.sh --fresh-database

# `make run` serves SQLite, where the insights and ideas take their SQLite-only branches (medians
# read in Python, MAX for GREATEST, julianday for the trending age) and the public-page rule runs as
# SQLite's SQL: their tests run there too.
SQLITE_TESTS=(tests/brand_hub/insights tests/brand_hub/ideas tests/brand_hub/core/test_public_pages.py)
section "pytest on SQLite: ${SQLITE_TESTS[*]} (no Elasticsearch)"
(
    sqlite_dir="$WORK_DIR/sqlite-tests"
    mkdir -p "$sqlite_dir"
    export DATABASE_URL="sqlite:///$sqlite_dir/tests.sqlite3"
    export BRAND_HUB_VAR_DIR="$sqlite_dir"
    pytest "${pytest_options[@]}" "${workers_options[@]}" -q -m "not elasticsearch" "${SQLITE_TESTS[@]}"
)

section "Smoke pass on SQLite: migrate, seed_demo, smoke_api"
(
    smoke_dir="$WORK_DIR/smoke"
    mkdir -p "$smoke_dir/media" "$smoke_dir/var"
    export DATABASE_URL="sqlite:///$smoke_dir/smoke.sqlite3"
    export MEDIA_ROOT="$smoke_dir/media"
    export BRAND_HUB_VAR_DIR="$smoke_dir/var"
    # Keeps the demo's documents apart from any other index on the same node.
    export ELASTICSEARCH_INDEX_PREFIX="brand_hub_smoke"
    python manage.py migrate --noinput
    python manage.py seed_demo
    python manage.py smoke_api
)
STEP="done"
