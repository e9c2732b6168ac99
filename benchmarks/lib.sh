# Shared set-up of the benchmark runners (sourced, not run): bootstrap, a temp dir, a throwaway
# PostgreSQL database and the cleanup that removes both on exit, also on failure or Ctrl-C.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   bench_init insights                 # ROOT (cwd), PYTHON, WORK, STAMP, log; installs the traps
#   bench_on_exit stop_my_server        # more cleanup, run first (last registered, first run)
#   bench_database insightsbench        # database brandhub_insightsbench_<STAMP>; exports DATABASE_URL
#   bench_shared_cache                  # the project's Redis (site/redis/redis.sh); exports CACHE_URL
#   quietly migrate "$PYTHON" manage.py migrate --noinput
#   bench_production_env                # the production settings' environment for a loopback server
#   bench_on_exit bench_stop_server     # stops $SERVER_PID, shows the end of its log on a failure
#
# PostgreSQL is the project's server (site/postgres/postgres.sh): reused when it runs, else started,
# and then stopped on exit unless other programs connected to it meanwhile. Its other databases are
# never touched. Redis, which production settings require, is reused or started the same way, and
# stopped on exit only if this started it. A cleanup hook gets the exit status as $1.

BENCH_NAME=""
BENCH_EXIT_HOOKS=()
STARTED_POSTGRES=""
STARTED_REDIS=""
DATABASE_CREATED=""
ADMIN_URL=""

log() { printf 'bench-%s: %s\n' "$BENCH_NAME" "$*" >&2; }

bench_init() {
    BENCH_NAME=$1
    ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    cd "$ROOT"
    bash site/bootstrap.sh
    PYTHON="$ROOT/.venv/bin/python"
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/brand-hub-bench-$BENCH_NAME.XXXXXX")"
    STAMP="$(date -u +%Y%m%d%H%M%S)_$$"
    trap bench_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

bench_on_exit() {
    BENCH_EXIT_HOOKS=("$1" "${BENCH_EXIT_HOOKS[@]}")
}

bench_cleanup() {
    local status=$?
    local hook
    for hook in "${BENCH_EXIT_HOOKS[@]}"; do
        "$hook" "$status" || true
    done
    local others=0
    if [[ -n $DATABASE_CREATED ]]; then
        # Prints how many connections other programs hold: they may have begun using the server meanwhile.
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
    if [[ -n $STARTED_REDIS ]]; then
        bash site/redis/redis.sh stop || true
    fi
    rm -rf "$WORK"
    exit "$status"
}

# Starts the project's Redis unless it runs (REDIS_PORT) and exports its CACHE_URL.
bench_shared_cache() {
    if ! bash site/redis/redis.sh status >/dev/null 2>&1; then
        STARTED_REDIS=1
    fi
    bash site/redis/redis.sh start >"$WORK/redis.out"
    CACHE_URL="$(sed -n 's/^CACHE_URL=//p' "$WORK/redis.out" | tail -n 1)"
    [[ -n $CACHE_URL ]] || {
        log "redis.sh start printed no CACHE_URL"
        exit 1
    }
    export CACHE_URL
}

# Creates brandhub_<prefix>_<STAMP> on the project's PostgreSQL and exports DATABASE_URL for it.
# BENCH_PG_URL names a server already running elsewhere (postgres://ROLE@HOST:PORT/DB) to use instead.
bench_database() {
    local server_url="${BENCH_PG_URL:-}"
    if [[ -z $server_url ]]; then
        if ! bash site/postgres/postgres.sh status >/dev/null 2>&1; then
            STARTED_POSTGRES=1
        fi
        bash site/postgres/postgres.sh start >"$WORK/postgres.out"
        server_url="$(sed -n 's/^DATABASE_URL=//p' "$WORK/postgres.out" | tail -n 1)"
    fi
    [[ -n $server_url ]] || {
        log "postgres.sh start printed no DATABASE_URL"
        exit 1
    }
    # Same server and role, the maintenance database for CREATE and DROP.
    ADMIN_URL="${server_url%/*}/postgres"
    DATABASE_NAME="brandhub_$1_$STAMP"
    "$PYTHON" - "$ADMIN_URL" "$DATABASE_NAME" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
    DATABASE_CREATED="$DATABASE_NAME"
    export DATABASE_URL="${server_url%/*}/$DATABASE_NAME"
}

# Quiet steps: their output goes to $WORK/<name>.log, shown only when they fail.
quietly() {
    local name=$1
    shift
    "$@" >"$WORK/$name.log" 2>&1 || {
        tail -n 40 "$WORK/$name.log" >&2
        log "$name failed"
        return 1
    }
}

# migrate and seed_demo on the database of the run, quietly; prints seed_demo's summary line.
bench_migrate_and_seed() {
    log "migrating and seeding database $DATABASE_NAME"
    quietly migrate "$PYTHON" manage.py migrate --noinput
    # The seeder's account passwords belong to this throwaway database: they stay in its log.
    quietly seed_demo "$PYTHON" manage.py seed_demo
    grep -m 1 "^seed_demo:" "$WORK/seed_demo.log" >&2 || true
}

# The environment the production settings need for a server on loopback: a fresh SECRET_KEY, no
# proxy and no HTTPS redirect, media, static files and var/ in the run's temp dir. ELASTICSEARCH_URL
# is required; the benchmarks that do not search never reach it.
bench_production_env() {
    export TRUSTED_PROXY_COUNT=0
    export DJANGO_SETTINGS_MODULE=brand_hub.settings.production
    SECRET_KEY="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')"
    export SECRET_KEY
    export ALLOWED_HOSTS=127.0.0.1,localhost
    export ELASTICSEARCH_URL="${ELASTICSEARCH_URL:-http://127.0.0.1:9200}"
    export SECURE_SSL_REDIRECT=0
    export MEDIA_ROOT="$WORK/media"
    export STATIC_ROOT="$WORK/static"
    export BRAND_HUB_VAR_DIR="$WORK/var"
    export LOG_LEVEL=WARNING
    export PYTHONDONTWRITEBYTECODE=1
    mkdir -p "$MEDIA_ROOT" "$BRAND_HUB_VAR_DIR"
}

# Stops the benchmark's server (SERVER_PID): TERM (gunicorn stops its workers), then KILL after 5 s.
# With a status above 1 (1 is a FAIL verdict, already explained) it shows the end of its log.
bench_stop_server() {
    if [[ -n ${SERVER_PID:-} ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if (($1 > 1)) && [[ -s $WORK/server.log ]]; then
        log "server log (last 40 lines):"
        tail -n 40 "$WORK/server.log" >&2
    fi
}
