#!/usr/bin/env bash
# Brand Hub's production topology on one machine, for the failure test, the benchmark and a look:
#
#   bash site/topology.sh start|stop|status          (make topology, make topology-stop)
#   bash site/topology.sh kill NAME                  a process dies (SIGKILL to it and its children)
#   bash site/topology.sh stop-one NAME|start-one NAME    one process stopped cleanly, or started again
#
# NAME is web-K, db-worker-K, search-worker-K, webhooks-K, digests-K, audit-purge-K or trust-K.
# Everything listens on 127.0.0.1 only:
#
#   nginx :TOPOLOGY_PORT ── web-1 gunicorn :TOPOLOGY_PORT+1 ┐       ┌ Redis (CACHE_URL)
#     static, media        web-2 gunicorn :TOPOLOGY_PORT+2 ├───────┼ PostgreSQL primary :PG_PORT ── replica :PG_REPLICA_PORT
#                          db-worker-1, db-worker-2        │       └ Elasticsearch :ES_PORT.. (3 nodes)
#                          search-worker-1, search-worker-2│
#                          webhooks-1, digests-1,          │
#                          audit-purge-1, trust-1 (periodic)┘
#
# The web nodes run the production settings (brand_hub.settings.production) with a SECRET_KEY
# generated once and shared by every process, TRUSTED_PROXY_COUNT=1 (nginx) and no HTTPS redirect
# (plain HTTP on loopback). Redis, PostgreSQL and Elasticsearch come from their runners
# (site/redis/redis.sh, site/postgres/postgres.sh, site/elasticsearch/elasticsearch.sh); a runner
# or runner command this checkout lacks is left out and `start` says so. `stop` stops what `start`
# started and nothing else: a service that was already running on its port is left running.
# The frontend is not part of it: the API, the admin, static files and media are.
# Run files, logs (one per process) and the environment the processes share: TOPOLOGY_DIR.
#
# Environment (defaults in brackets): TOPOLOGY_PORT [8080], TOPOLOGY_WEB_NODES [2],
# TOPOLOGY_WEB_WORKERS [2] (ASGI processes) per node, TOPOLOGY_DIR [var/topology],
# REDIS_PORT [6380], PG_PORT [5440], PG_REPLICA_PORT [PG_PORT+100], ES_PORT [9220] (ES_NODES [3]
# ports from there), TOPOLOGY_SEED [1: seed_demo on start]; COMMUNITY_RATE_LIMITS, LOG_LEVEL and
# EMAIL_* pass through to the processes (without EMAIL_HOST, mail is written to TOPOLOGY_DIR/mail).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TOPOLOGY_PORT="${TOPOLOGY_PORT:-8080}"
TOPOLOGY_WEB_NODES="${TOPOLOGY_WEB_NODES:-2}"
TOPOLOGY_WEB_WORKERS="${TOPOLOGY_WEB_WORKERS:-2}"
TOPOLOGY_DIR="${TOPOLOGY_DIR:-$ROOT/var/topology}"
TOPOLOGY_SEED="${TOPOLOGY_SEED:-1}"
REDIS_PORT="${REDIS_PORT:-6380}"
PG_PORT="${PG_PORT:-5440}"
PG_REPLICA_PORT="${PG_REPLICA_PORT:-$((PG_PORT + 100))}"
PG_RUN_DIR="${PG_RUN_DIR:-$TOPOLOGY_DIR/postgres}"
ES_PORT="${ES_PORT:-9220}"
ES_NODES="${ES_NODES:-3}"
export REDIS_PORT PG_PORT PG_REPLICA_PORT PG_RUN_DIR ES_PORT

RUN_DIR="$TOPOLOGY_DIR/run"
LOG_DIR="$TOPOLOGY_DIR/logs"
ENV_FILE="$TOPOLOGY_DIR/env"
# The services this topology started (one per line), which `stop` stops again.
STARTED_FILE="$TOPOLOGY_DIR/started"
PYTHON="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"
STOP_TIMEOUT_SECONDS=30

log() { printf 'topology: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

for number in TOPOLOGY_PORT TOPOLOGY_WEB_NODES TOPOLOGY_WEB_WORKERS REDIS_PORT PG_PORT ES_PORT ES_NODES; do
    [[ ${!number} =~ ^[0-9]+$ ]] || die "$number must be a number, got '${!number}'"
done
((TOPOLOGY_WEB_NODES >= 1)) || die "TOPOLOGY_WEB_NODES must be at least 1"

# --- what this checkout's runners can do ----------------------------------------------------------

has_redis_runner() { [[ -f site/redis/redis.sh ]]; }
has_replica_runner() { grep -q 'start-replica' site/postgres/postgres.sh; }
has_cluster_runner() { grep -q 'ES_NODES' site/elasticsearch/elasticsearch.sh; }

# ES_NODES for the Elasticsearch runner: the cluster when it can start one, else its single node.
es_runner() {
    if has_cluster_runner; then
        ES_NODES="$ES_NODES" bash site/elasticsearch/elasticsearch.sh "$@"
    else
        env -u ES_NODES bash site/elasticsearch/elasticsearch.sh "$@"
    fi
}

# The last `NAME=value` line a runner printed.
value_from() {
    sed -n "s/^$1=//p" "$2" | tail -n 1
}

mark_started() {
    grep -qx "$1" "$STARTED_FILE" 2>/dev/null || echo "$1" >>"$STARTED_FILE"
}

was_started() {
    grep -qx "$1" "$STARTED_FILE" 2>/dev/null
}

# --- the processes this script runs itself ----------------------------------------------------------

process_names() {
    local k
    for ((k = 1; k <= TOPOLOGY_WEB_NODES; k++)); do echo "web-$k"; done
    echo db-worker-1 db-worker-2 search-worker-1 search-worker-2 webhooks-1 digests-1 audit-purge-1 trust-1 | tr ' ' '\n'
}

web_port() { echo $((TOPOLOGY_PORT + ${1#web-})); }

process_command() {
    local name="$1"
    case "$name" in
    web-[0-9]*)
        # ASGI (uvicorn workers under gunicorn): a live stream (SSE) holds a connection, not a thread;
        # each worker runs the sync views in Django's thread pool and listens once for new events.
        echo "$GUNICORN" brand_hub.asgi:application --bind "127.0.0.1:$(web_port "$name")" \
            --workers "$TOPOLOGY_WEB_WORKERS" --worker-class uvicorn_worker.UvicornWorker \
            --keep-alive 75 --graceful-timeout 10 --timeout 60 --log-level warning --name "brand-hub-$name"
        ;;
    db-worker-[0-9]*) echo "$PYTHON" manage.py db_worker --interval 0.5 --worker-id "topology-$name" --no-reload ;;
    search-worker-[0-9]*) echo "$PYTHON" manage.py search_worker --interval 0.5 ;;
    # The periodic commands, as processes of their own: the webhook deliveries the queue did not send
    # (a lost task, a worker that died mid-POST) every minute, the e-mail digests every hour (one per
    # person and period, whatever runs again).
    webhooks-[0-9]*) echo "$PYTHON" manage.py deliver_webhooks --every 60 --grace 30 ;;
    digests-[0-9]*) echo "$PYTHON" manage.py send_digests --frequency daily weekly --every 3600 ;;
    # The audit log's entries past AUDIT_RETENTION_DAYS, once a day.
    audit-purge-[0-9]*) echo "$PYTHON" manage.py purge_audit_log --every 86400 ;;
    # The suspensions whose end came (their hidden comments back) and the levels time changed.
    trust-[0-9]*) echo "$PYTHON" manage.py update_trust --every 300 ;;
    *) die "no process named '$name' (web-K, db-worker-K, search-worker-K, webhooks-K, digests-K, audit-purge-K or trust-K)" ;;
    esac
}

pid_of() {
    local pid
    pid="$(cat "$RUN_DIR/$1.pid" 2>/dev/null)" || return 1
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    # A recycled pid must not pass for the process: its environment names the topology's run.
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "BRAND_HUB_TOPOLOGY=$TOPOLOGY_DIR" || return 1
    echo "$pid"
}

# Each process leads a process group of its own (setsid), so that stopping it reaches its children
# (gunicorn's workers) and nothing else.
start_process() {
    local name="$1" pid
    if pid="$(pid_of "$name")"; then
        log "$name already running (pid $pid)"
        return 0
    fi
    local command
    read -r -a command <<<"$(process_command "$name")"
    (
        set -a
        # shellcheck source=/dev/null
        source "$ENV_FILE"
        set +a
        # Without the lock's descriptor, or the process would hold the lock for its lifetime.
        exec setsid "${command[@]}" >>"$LOG_DIR/$name.log" 2>&1 </dev/null 9>&-
    ) &
    echo $! >"$RUN_DIR/$name.pid"
    log "$name started (pid $!, log $LOG_DIR/$name.log)"
}

stop_process() {
    local name="$1" signal="${2:-TERM}" pid
    if ! pid="$(pid_of "$name")"; then
        rm -f "$RUN_DIR/$name.pid"
        return 0
    fi
    kill "-$signal" -- "-$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT_SECONDS))
    while kill -0 "$pid" 2>/dev/null || pgrep -g "$pid" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            log "$name did not stop within $STOP_TIMEOUT_SECONDS s; killing it"
            kill -KILL -- "-$pid" 2>/dev/null || true
        fi
        sleep 0.2
    done
    rm -f "$RUN_DIR/$name.pid"
    log "$name stopped ($signal)"
}

http_status() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true
}

wait_for_http() {
    local url="$1" what="$2" deadline=$((SECONDS + 60))
    until [[ "$(http_status "$url")" == 200 ]]; do
        ((SECONDS < deadline)) || die "$what did not answer 200 at $url within 60 s (logs in $LOG_DIR)"
        sleep 0.5
    done
}

# --- nginx ------------------------------------------------------------------------------------------

ensure_nginx() {
    command -v nginx >/dev/null && return 0
    ((EUID == 0)) || die "nginx is missing; run 'apt-get install nginx' as root (or run this script as root)"
    log "installing nginx (Debian)"
    apt-get update -qq >"$LOG_DIR/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >>"$LOG_DIR/apt.log" 2>&1 ||
        { tail -n 20 "$LOG_DIR/apt.log" >&2 && die "apt-get install nginx failed"; }
}

nginx_pid() {
    local pid
    pid="$(cat "$RUN_DIR/nginx.pid" 2>/dev/null)" || return 1
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && grep -q nginx "/proc/$pid/comm" 2>/dev/null || return 1
    echo "$pid"
}

write_nginx_config() {
    local servers="" k
    for ((k = 1; k <= TOPOLOGY_WEB_NODES; k++)); do
        servers+="        server 127.0.0.1:$((TOPOLOGY_PORT + k)) max_fails=1 fail_timeout=10s;"$'\n'
    done
    local static_root media_root
    static_root="$(env_value STATIC_ROOT)"
    media_root="$(env_value MEDIA_ROOT)"
    awk -v servers="${servers%$'\n'}" '{ if ($0 == "@UPSTREAM_SERVERS@") print servers; else print }' \
        site/nginx/topology.conf |
        sed -e "s|@RUN_DIR@|$RUN_DIR|g" -e "s|@LOG_DIR@|$LOG_DIR|g" -e "s|@TOPOLOGY_PORT@|$TOPOLOGY_PORT|g" \
            -e "s|@STATIC_ROOT@|$static_root|g" -e "s|@MEDIA_ROOT@|$media_root|g" >"$RUN_DIR/nginx.conf"
}

start_nginx() {
    local pid
    if pid="$(nginx_pid)"; then
        log "nginx already running (pid $pid)"
        return 0
    fi
    ensure_nginx
    write_nginx_config
    nginx -t -q -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -e "$LOG_DIR/nginx-error.log" ||
        die "nginx refused its configuration ($RUN_DIR/nginx.conf)"
    nginx -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -e "$LOG_DIR/nginx-error.log" 9>&-
    log "nginx started on http://127.0.0.1:$TOPOLOGY_PORT/ (pid $(cat "$RUN_DIR/nginx.pid"))"
}

stop_nginx() {
    local pid
    pid="$(nginx_pid)" || return 0
    kill -QUIT "$pid" 2>/dev/null || true # graceful: requests in flight finish
    local deadline=$((SECONDS + STOP_TIMEOUT_SECONDS))
    while kill -0 "$pid" 2>/dev/null; do
        ((SECONDS < deadline)) || kill -KILL "$pid" 2>/dev/null || true
        sleep 0.2
    done
    log "nginx stopped"
}

# --- the services from the runners --------------------------------------------------------------------

start_redis() {
    if ! has_redis_runner; then
        log "no site/redis/redis.sh in this checkout: no shared cache (each process keeps its own)"
        return 0
    fi
    bash site/redis/redis.sh status >/dev/null 2>&1 || mark_started redis
    bash site/redis/redis.sh start >"$TOPOLOGY_DIR/redis.out" 9>&-
    CACHE_URL="$(value_from CACHE_URL "$TOPOLOGY_DIR/redis.out")"
    [[ -n $CACHE_URL ]] || die "site/redis/redis.sh start printed no CACHE_URL"
}

start_postgres() {
    bash site/postgres/postgres.sh status >/dev/null 2>&1 || mark_started postgres
    bash site/postgres/postgres.sh start >"$TOPOLOGY_DIR/postgres.out" 9>&-
    DATABASE_URL="$(value_from DATABASE_URL "$TOPOLOGY_DIR/postgres.out")"
    [[ -n $DATABASE_URL ]] || die "site/postgres/postgres.sh start printed no DATABASE_URL"
    DATABASE_REPLICA_URL=""
    if ! has_replica_runner; then
        log "site/postgres/postgres.sh cannot start a replica in this checkout: every read on the primary"
        return 0
    fi
    bash site/postgres/postgres.sh status-replica >/dev/null 2>&1 || mark_started postgres-replica
    bash site/postgres/postgres.sh start-replica >"$TOPOLOGY_DIR/postgres-replica.out" 9>&-
    DATABASE_REPLICA_URL="$(value_from DATABASE_REPLICA_URL "$TOPOLOGY_DIR/postgres-replica.out")"
    [[ -n $DATABASE_REPLICA_URL ]] || die "site/postgres/postgres.sh start-replica printed no DATABASE_REPLICA_URL"
}

start_elasticsearch() {
    has_cluster_runner || log "site/elasticsearch/elasticsearch.sh cannot start a cluster in this checkout: one node"
    es_runner status >/dev/null 2>&1 || mark_started elasticsearch
    es_runner start >"$TOPOLOGY_DIR/elasticsearch.out" 9>&-
    ELASTICSEARCH_URL="$(value_from ELASTICSEARCH_URL "$TOPOLOGY_DIR/elasticsearch.out")"
    [[ -n $ELASTICSEARCH_URL ]] || die "site/elasticsearch/elasticsearch.sh start printed no ELASTICSEARCH_URL"
}

# --- the environment every process shares ---------------------------------------------------------------

secret_key() {
    local path="$TOPOLOGY_DIR/secret_key"
    if [[ ! -s $path ]]; then
        (umask 077 && "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$path")
    fi
    cat "$path"
}

env_value() {
    sed -n "s/^$1=//p" "$ENV_FILE" | tail -n 1 | sed -E "s/^'(.*)'$/\1/"
}

write_env() {
    local file="$ENV_FILE.new"
    {
        echo "# The environment of every process of the topology (site/topology.sh); sourced, not edited."
        printf '%s=%q\n' \
            BRAND_HUB_TOPOLOGY "$TOPOLOGY_DIR" \
            DJANGO_SETTINGS_MODULE brand_hub.settings.production \
            SECRET_KEY "$(secret_key)" \
            ALLOWED_HOSTS "127.0.0.1,localhost" \
            TRUSTED_PROXY_COUNT 1 \
            SECURE_SSL_REDIRECT 0 \
            WAGTAILADMIN_BASE_URL "http://127.0.0.1:$TOPOLOGY_PORT" \
            DATABASE_URL "$DATABASE_URL" \
            ELASTICSEARCH_URL "$ELASTICSEARCH_URL" \
            STATIC_ROOT "$TOPOLOGY_DIR/static" \
            MEDIA_ROOT "$TOPOLOGY_DIR/media" \
            BRAND_HUB_VAR_DIR "$TOPOLOGY_DIR/var" \
            LOG_LEVEL "${LOG_LEVEL:-WARNING}" \
            PYTHONDONTWRITEBYTECODE 1
        [[ -z ${CACHE_URL:-} ]] || printf '%s=%q\n' CACHE_URL "$CACHE_URL"
        [[ -z ${DATABASE_REPLICA_URL:-} ]] || printf '%s=%q\n' DATABASE_REPLICA_URL "$DATABASE_REPLICA_URL"
        [[ -z ${COMMUNITY_RATE_LIMITS:-} ]] || printf '%s=%q\n' COMMUNITY_RATE_LIMITS "$COMMUNITY_RATE_LIMITS"
        if [[ -n ${EMAIL_HOST:-} ]]; then
            local name
            for name in EMAIL_HOST EMAIL_PORT EMAIL_HOST_USER EMAIL_HOST_PASSWORD EMAIL_USE_TLS DEFAULT_FROM_EMAIL; do
                [[ -z ${!name:-} ]] || printf '%s=%q\n' "$name" "${!name}"
            done
        else
            # No mail server on this machine: the notification e-mails are written as files.
            printf '%s=%q\n' EMAIL_BACKEND django.core.mail.backends.filebased.EmailBackend \
                EMAIL_FILE_PATH "$TOPOLOGY_DIR/mail"
        fi
    } >"$file"
    chmod 600 "$file"
    mv "$file" "$ENV_FILE"
}

# Runs manage.py with the topology's environment, its output in LOG_DIR/NAME.log.
manage() {
    local name="$1"
    shift
    (
        set -a
        # shellcheck source=/dev/null
        source "$ENV_FILE"
        set +a
        "$PYTHON" manage.py "$@"
    ) >"$LOG_DIR/$name.log" 2>&1 || {
        tail -n 30 "$LOG_DIR/$name.log" >&2
        die "manage.py $* failed (log: $LOG_DIR/$name.log)"
    }
}

# --- commands -------------------------------------------------------------------------------------------

cmd_start() {
    mkdir -p "$RUN_DIR" "$LOG_DIR" "$TOPOLOGY_DIR/static" "$TOPOLOGY_DIR/media" "$TOPOLOGY_DIR/var" "$TOPOLOGY_DIR/mail"
    exec 9>"$TOPOLOGY_DIR/.lock"
    flock -w 120 9 || die "another site/topology.sh holds $TOPOLOGY_DIR/.lock"
    [[ -x $GUNICORN ]] || bash site/bootstrap.sh
    local started_at=$SECONDS

    log "services: Redis, PostgreSQL primary and replica, Elasticsearch (logs of the runners in $TOPOLOGY_DIR/*.out)"
    start_redis
    start_postgres
    start_elasticsearch
    write_env

    log "migrate, collectstatic, compilemessages${TOPOLOGY_SEED:+, seed_demo}, search indices"
    manage migrate migrate --noinput
    manage collectstatic collectstatic --noinput
    manage compilemessages compilemessages --ignore=.venv --ignore=var --ignore=site --ignore=node_modules
    [[ $TOPOLOGY_SEED != 1 ]] || manage seed_demo seed_demo
    # Indices missing or behind the database (a cluster started afresh) are rebuilt from it.
    (
        set -a
        # shellcheck source=/dev/null
        source "$ENV_FILE"
        set +a
        "$PYTHON" manage.py search_check --fail-on-drift
    ) >"$LOG_DIR/search_check.log" 2>&1 || manage search_reindex search_reindex

    local name
    while read -r name; do
        start_process "$name"
    done < <(process_names)
    for ((k = 1; k <= TOPOLOGY_WEB_NODES; k++)); do
        wait_for_http "http://127.0.0.1:$((TOPOLOGY_PORT + k))/api/locales/" "web-$k"
    done
    start_nginx
    wait_for_http "http://127.0.0.1:$TOPOLOGY_PORT/api/locales/" "nginx"
    log "up in $((SECONDS - started_at)) s: http://127.0.0.1:$TOPOLOGY_PORT/ (admin /admin/, API /api/)"
    echo "TOPOLOGY_URL=http://127.0.0.1:$TOPOLOGY_PORT"
    echo "TOPOLOGY_ENV=$ENV_FILE"
}

cmd_stop() {
    mkdir -p "$TOPOLOGY_DIR"
    exec 9>"$TOPOLOGY_DIR/.lock"
    flock -w 120 9 || die "another site/topology.sh holds $TOPOLOGY_DIR/.lock"
    stop_nginx
    local name
    # Web nodes first (no new writes), then the workers, which finish the task in hand.
    while read -r name; do
        stop_process "$name"
    done < <(process_names)
    for name in "$RUN_DIR"/*.pid; do # nodes of an earlier start with more TOPOLOGY_WEB_NODES
        [[ -e $name && $name != */nginx.pid ]] || continue
        stop_process "$(basename "$name" .pid)"
    done
    if was_started elasticsearch; then es_runner stop >/dev/null || log "warning: stopping Elasticsearch failed"; fi
    if was_started postgres-replica; then bash site/postgres/postgres.sh stop-replica || log "warning: stopping the replica failed"; fi
    if was_started postgres; then bash site/postgres/postgres.sh stop || log "warning: stopping PostgreSQL failed"; fi
    if was_started redis; then bash site/redis/redis.sh stop || log "warning: stopping Redis failed"; fi
    rm -f "$STARTED_FILE"
    log "stopped"
}

# Exit status 0 when every part runs, 3 otherwise.
cmd_status() {
    local status=0 name pid
    if pid="$(nginx_pid)"; then
        echo "nginx: running (pid $pid) on http://127.0.0.1:$TOPOLOGY_PORT/"
    else
        echo "nginx: not running"
        status=3
    fi
    while read -r name; do
        if pid="$(pid_of "$name")"; then
            echo "$name: running (pid $pid)"
        else
            echo "$name: not running"
            status=3
        fi
    done < <(process_names)
    for ((k = 1; k <= TOPOLOGY_WEB_NODES; k++)); do
        echo "web-$k: http://127.0.0.1:$((TOPOLOGY_PORT + k))/ answers $(http_status "http://127.0.0.1:$((TOPOLOGY_PORT + k))/api/locales/")"
    done
    if has_redis_runner; then bash site/redis/redis.sh status 2>&1 | sed 's/^/redis: /' || status=3; fi
    bash site/postgres/postgres.sh status 2>&1 | sed 's/^/postgres: /' || status=3
    if has_replica_runner; then bash site/postgres/postgres.sh status-replica 2>&1 | sed 's/^/postgres replica: /' || status=3; fi
    es_runner status 2>&1 | sed 's/^/elasticsearch: /' || status=3
    return "$status"
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
kill)
    [[ -n ${2:-} ]] || die "usage: $0 kill NAME"
    process_command "$2" >/dev/null
    stop_process "$2" KILL
    ;;
stop-one)
    [[ -n ${2:-} ]] || die "usage: $0 stop-one NAME"
    process_command "$2" >/dev/null
    stop_process "$2"
    ;;
start-one)
    [[ -n ${2:-} ]] || die "usage: $0 start-one NAME"
    process_command "$2" >/dev/null
    [[ -f $ENV_FILE ]] || die "the topology was never started ($ENV_FILE is missing)"
    start_process "$2"
    ;;
*)
    echo "usage: $0 start|stop|status|kill NAME|stop-one NAME|start-one NAME" >&2
    exit 2
    ;;
esac
