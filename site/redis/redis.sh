#!/usr/bin/env bash
# Runs the shared cache (Debian's redis-server) on 127.0.0.1 for development, tests and the topology.
#
#   bash site/redis/redis.sh start|stop|status
#
# One server per port: REDIS_PORT (default 6379) picks it, and its data, log and pid live in
# var/redis-$REDIS_PORT/ (REDIS_RUN_DIR overrides). It listens on loopback only, keeps at most
# REDIS_MAXMEMORY (default 256mb) and evicts the least recently used keys beyond that, as a cache
# should; it snapshots to dump.rdb on shutdown, so a restart keeps the rate-limit windows and the
# page-view de-duplication. `start` prints the CACHE_URL to use; `status` prints it too and exits 3
# when the server is not running. Every command is idempotent. When run as root and redis-server is
# missing, it is installed with apt-get (without starting Debian's own service on 6379).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_HOST=127.0.0.1
REDIS_MAXMEMORY="${REDIS_MAXMEMORY:-256mb}"
RUN_DIR="${REDIS_RUN_DIR:-$ROOT/var/redis-$REDIS_PORT}"
PID_FILE="$RUN_DIR/redis.pid"
LOG_FILE="$RUN_DIR/redis.log"
readonly START_TIMEOUT_SECONDS=30
readonly STOP_TIMEOUT_SECONDS=30

log() { printf 'redis: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

[[ $REDIS_PORT =~ ^[0-9]+$ ]] || die "REDIS_PORT must be a port number, got '$REDIS_PORT'"

# --- binaries -----------------------------------------------------------------------------------

install_server() {
    ((EUID == 0)) || die "redis-server is not installed; run 'apt-get install redis-server' as root (or run this script as root)"
    log "redis-server is missing; installing the Debian package"
    # Debian's package starts its own service on 6379 after installing; policy-rc.d forbids that
    # for the duration of the install (the standard way for containers), unless one is already set.
    local policy=/usr/sbin/policy-rc.d added_policy=""
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
        added_policy=1
    fi
    local status=0
    {
        apt-get update -qq &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >&2
    } || status=$?
    [[ -z $added_policy ]] || rm -f "$policy"
    ((status == 0)) || die "apt-get install redis-server failed"
}

find_binaries() {
    if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
        install_server
    fi
    REDIS_SERVER="$(command -v redis-server)" || die "redis-server still missing after installing"
    REDIS_CLI="$(command -v redis-cli)" || die "redis-cli still missing after installing"
}

# --- the server ---------------------------------------------------------------------------------

cli() {
    "$REDIS_CLI" -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"
}

# The pid of this port's server, from its pid file, when that process is a live redis-server.
running_pid() {
    [[ -f $PID_FILE ]] || return 1
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null)" || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    # A recycled pid must not pass for the server.
    kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q redis-server ||
        return 1
    echo "$pid"
}

answers_ping() {
    [[ "$(cli ping 2>/dev/null)" == PONG ]]
}

port_in_use() {
    (exec 3<>"/dev/tcp/$REDIS_HOST/$REDIS_PORT") 2>/dev/null
}

wait_until_ready() {
    local attempt
    for attempt in $(seq 1 $((START_TIMEOUT_SECONDS * 2))); do
        if answers_ping; then
            return 0
        fi
        sleep 0.5
    done
    tail -n 20 "$LOG_FILE" >&2 || true
    die "the server on $REDIS_HOST:$REDIS_PORT did not answer within $START_TIMEOUT_SECONDS seconds"
}

print_url() {
    echo "CACHE_URL=redis://$REDIS_HOST:$REDIS_PORT/0"
}

# --- commands -----------------------------------------------------------------------------------

cmd_start() {
    find_binaries
    mkdir -p "$RUN_DIR"
    chmod 700 "$RUN_DIR"
    # One start at a time: two runs starting together must not both launch a server.
    exec 9>"$RUN_DIR/.lock"
    flock 9
    if running_pid >/dev/null; then
        log "already running on $REDIS_HOST:$REDIS_PORT (data in $RUN_DIR)"
    else
        port_in_use && die "$REDIS_HOST:$REDIS_PORT is taken by another process; set REDIS_PORT to a free port"
        log "starting on $REDIS_HOST:$REDIS_PORT (data in $RUN_DIR, log in $LOG_FILE)"
        # The lock's descriptor is closed so that the daemon does not hold it for its lifetime.
        if ! "$REDIS_SERVER" --bind "$REDIS_HOST" --port "$REDIS_PORT" --protected-mode yes \
            --daemonize yes --pidfile "$PID_FILE" --logfile "$LOG_FILE" --dir "$RUN_DIR" \
            --dbfilename dump.rdb --save "300 1" --save "60 1000" --appendonly no \
            --maxmemory "$REDIS_MAXMEMORY" --maxmemory-policy allkeys-lru 9>&-; then
            tail -n 20 "$LOG_FILE" >&2 || true
            die "redis-server failed to start"
        fi
    fi
    wait_until_ready
    print_url
}

cmd_stop() {
    [[ -d $RUN_DIR ]] || {
        log "no server in $RUN_DIR; nothing to stop"
        return 0
    }
    find_binaries
    exec 9>"$RUN_DIR/.lock"
    flock 9
    local pid
    if ! pid="$(running_pid)"; then
        log "not running"
        return 0
    fi
    log "stopping the server on $REDIS_HOST:$REDIS_PORT (pid $pid)"
    # SHUTDOWN SAVE writes the snapshot first; TERM does the same should the server not answer.
    cli shutdown save >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
    local attempt
    for attempt in $(seq 1 $((STOP_TIMEOUT_SECONDS * 2))); do
        kill -0 "$pid" 2>/dev/null || {
            log "stopped"
            return 0
        }
        sleep 0.5
    done
    log "still running after $STOP_TIMEOUT_SECONDS seconds; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    log "stopped"
}

# Exit status as pg_ctl's: 0 running, 3 not running.
cmd_status() {
    local pid
    if ! pid="$(running_pid)"; then
        log "not running on $REDIS_HOST:$REDIS_PORT (data in $RUN_DIR)"
        return 3
    fi
    find_binaries
    if answers_ping; then
        log "running and answering on $REDIS_HOST:$REDIS_PORT (pid $pid, data in $RUN_DIR)"
    else
        log "running on $REDIS_HOST:$REDIS_PORT (pid $pid) but not answering (log in $LOG_FILE)"
    fi
    print_url
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
*)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
