#!/usr/bin/env bash
# Runs Brand Hub's own PostgreSQL cluster (Debian packages) on 127.0.0.1 for development and tests.
#
#   bash site/postgres/postgres.sh start|stop|status
#
# The cluster lives in var/postgres/ (PG_RUN_DIR overrides), listens on 127.0.0.1:${PG_PORT:-5433}
# only, trusts loopback connections and has one superuser role, brand_hub, so the test run can
# create and drop test_brand_hub. `start` prints the DATABASE_URL to use. Every command is
# idempotent. PostgreSQL refuses to run as root: when started by root the cluster belongs to the
# system user brandhub-pg, created on first use.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_PORT="${PG_PORT:-5433}"
PG_HOST=127.0.0.1
PG_ROLE=brand_hub
PG_DATABASE=brand_hub
SYSTEM_USER=brandhub-pg

log() { printf 'postgres: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

[[ $PG_PORT =~ ^[0-9]+$ ]] || die "PG_PORT must be a port number, got '$PG_PORT'"

# --- binaries -----------------------------------------------------------------------------------

# Newest server found in Debian's layout. /usr/local/bin/pg_ctl and friends may be mere symlinks
# into it (as on the machines this was written on) or something else entirely, so PATH is not used.
newest_bindir() {
    local dir
    shopt -s nullglob
    local dirs=(/usr/lib/postgresql/*/bin)
    shopt -u nullglob
    while read -r dir; do
        if [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres && -x $dir/pg_isready ]]; then
            echo "$dir"
            return 0
        fi
    done < <(printf '%s\n' "${dirs[@]}" | sort -V -r)
    return 1
}

install_server() {
    ((EUID == 0)) || die "no PostgreSQL server found in /usr/lib/postgresql/*/bin; run 'apt-get install postgresql' as root (or run this script as root)"
    log "no PostgreSQL server found; installing the Debian package"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
}

# Sets BINDIR, preferring the major version an existing cluster was created with.
find_bindir() {
    if [[ -f $DATA_DIR/PG_VERSION ]]; then
        local version
        version="$(cat "$DATA_DIR/PG_VERSION")"
        BINDIR="/usr/lib/postgresql/$version/bin"
        [[ -x $BINDIR/pg_ctl ]] ||
            die "the cluster in $DATA_DIR is PostgreSQL $version but $BINDIR is missing; install postgresql-$version or remove $DATA_DIR"
        return 0
    fi
    BINDIR="$(newest_bindir)" || {
        install_server
        BINDIR="$(newest_bindir)" || die "PostgreSQL server binaries still missing after installing"
    }
}

# --- the user and the directory the cluster runs as and in ---------------------------------------

ensure_system_user() {
    ((EUID == 0)) || return 0
    getent passwd "$SYSTEM_USER" >/dev/null && return 0
    log "creating system user $SYSTEM_USER"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin --comment "Brand Hub PostgreSQL" "$SYSTEM_USER"
}

# The cluster stays under the repository unless the unprivileged user cannot even reach it (a
# checkout under /root, say); it then lives in /var/tmp, in a directory named after the checkout.
resolve_run_dir() {
    if [[ -n ${PG_RUN_DIR:-} ]]; then
        RUN_DIR="$PG_RUN_DIR"
    elif ((EUID == 0)) && getent passwd "$SYSTEM_USER" >/dev/null &&
        ! runuser -u "$SYSTEM_USER" -- test -x "$ROOT"; then
        RUN_DIR="/var/tmp/brand-hub-postgres-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
    else
        RUN_DIR="$ROOT/var/postgres"
    fi
    DATA_DIR="$RUN_DIR/data"
    LOG_FILE="$RUN_DIR/postgres.log"
}

# Runs a server program as the cluster's owner, from a directory that owner may enter. The lock's
# descriptor is closed so that the server, once started, does not hold the lock for its lifetime.
as_owner() {
    if ((EUID == 0)); then
        (cd "$RUN_DIR" && runuser -u "$SYSTEM_USER" -- "$@" 9>&-)
    else
        (cd "$RUN_DIR" && "$@" 9>&-)
    fi
}

prepare_run_dir() {
    mkdir -p "$RUN_DIR"
    if ((EUID == 0)) && [[ "$(stat -c %U "$RUN_DIR")" != "$SYSTEM_USER" ]]; then
        chown -R "$SYSTEM_USER:" "$RUN_DIR"
    fi
    chmod 700 "$RUN_DIR"
    [[ -O $RUN_DIR ]] || ((EUID == 0)) ||
        die "$RUN_DIR belongs to $(stat -c %U "$RUN_DIR"); run as root or remove it"
}

# --- the cluster --------------------------------------------------------------------------------

init_cluster() {
    [[ -f $DATA_DIR/PG_VERSION ]] && return 0
    log "initialising a new cluster in $DATA_DIR ($("$BINDIR/postgres" --version))"
    if ! as_owner "$BINDIR/initdb" --pgdata="$DATA_DIR" --username="$PG_ROLE" --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$RUN_DIR/initdb.log" 2>&1; then
        cat "$RUN_DIR/initdb.log" >&2
        die "initdb failed"
    fi
    # Loopback only and no Unix socket (its path would depend on where the checkout lives). The
    # cluster holds nothing but development and test data, so durability is traded for speed.
    as_owner tee -a "$DATA_DIR/postgresql.conf" >/dev/null <<'EOF'

# --- Brand Hub development and test cluster (site/postgres/postgres.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

is_running() {
    [[ -d $DATA_DIR ]] && as_owner "$BINDIR/pg_ctl" status --pgdata="$DATA_DIR" >/dev/null 2>&1
}

# The port a running server actually listens on: the fourth line of postmaster.pid.
running_port() {
    sed -n 4p "$DATA_DIR/postmaster.pid" 2>/dev/null
}

port_in_use() {
    (exec 3<>"/dev/tcp/$PG_HOST/$1") 2>/dev/null
}

wait_until_ready() {
    local port="$1" attempt
    for attempt in $(seq 1 60); do
        if "$BINDIR/pg_isready" --quiet --host="$PG_HOST" --port="$port" --username="$PG_ROLE" \
            --dbname=postgres; then
            return 0
        fi
        ((attempt == 60)) || sleep 0.5
    done
    tail -n 20 "$LOG_FILE" >&2 || true
    die "the server on $PG_HOST:$port did not become ready within 30 seconds"
}

ensure_database() {
    local port="$1" exists
    exists="$("$BINDIR/psql" --no-psqlrc --quiet --tuples-only --no-align --host="$PG_HOST" \
        --port="$port" --username="$PG_ROLE" --dbname=postgres \
        --command="SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")"
    if [[ $exists != 1 ]]; then
        log "creating database $PG_DATABASE"
        "$BINDIR/createdb" --host="$PG_HOST" --port="$port" --username="$PG_ROLE" "$PG_DATABASE"
    fi
}

print_url() {
    echo "DATABASE_URL=postgres://$PG_ROLE@$PG_HOST:$1/$PG_DATABASE"
}

# --- commands -----------------------------------------------------------------------------------

cmd_start() {
    ensure_system_user
    resolve_run_dir
    prepare_run_dir
    find_bindir
    # One start at a time: two test runs starting together must not both run initdb.
    exec 9>"$RUN_DIR/.lock"
    flock 9
    init_cluster

    local port
    if is_running; then
        port="$(running_port)"
        log "already running on $PG_HOST:$port (data in $DATA_DIR)"
        [[ $port == "$PG_PORT" ]] || log "warning: PG_PORT is $PG_PORT but the running server uses $port"
    else
        port="$PG_PORT"
        port_in_use "$port" && die "$PG_HOST:$port is taken by another process; set PG_PORT to a free port"
        log "starting on $PG_HOST:$port (data in $DATA_DIR, log in $LOG_FILE)"
        if ! as_owner "$BINDIR/pg_ctl" start --pgdata="$DATA_DIR" --log="$LOG_FILE" --wait \
            --timeout=60 --silent --options="-p $port"; then
            tail -n 20 "$LOG_FILE" >&2 || true
            die "pg_ctl start failed"
        fi
    fi
    wait_until_ready "$port"
    ensure_database "$port"
    print_url "$port"
}

cmd_stop() {
    resolve_run_dir
    if [[ ! -f $DATA_DIR/PG_VERSION ]]; then
        log "no cluster in $DATA_DIR; nothing to stop"
        return 0
    fi
    find_bindir
    exec 9>"$RUN_DIR/.lock"
    flock 9
    if ! is_running; then
        log "not running"
        return 0
    fi
    log "stopping the server in $DATA_DIR"
    if ! as_owner "$BINDIR/pg_ctl" stop --pgdata="$DATA_DIR" --mode=fast --wait --timeout=60 --silent; then
        log "fast shutdown timed out; shutting down immediately"
        as_owner "$BINDIR/pg_ctl" stop --pgdata="$DATA_DIR" --mode=immediate --wait --timeout=30 --silent
    fi
    log "stopped"
}

# Exit status as pg_ctl's: 0 running, 3 not running.
cmd_status() {
    resolve_run_dir
    if [[ ! -f $DATA_DIR/PG_VERSION ]]; then
        log "not running (no cluster in $DATA_DIR)"
        return 3
    fi
    find_bindir
    if ! is_running; then
        log "not running (data in $DATA_DIR)"
        return 3
    fi
    local port
    port="$(running_port)"
    if "$BINDIR/pg_isready" --quiet --host="$PG_HOST" --port="$port" --username="$PG_ROLE" --dbname=postgres; then
        log "running and accepting connections on $PG_HOST:$port (data in $DATA_DIR)"
    else
        log "running on $PG_HOST:$port but not accepting connections yet (log in $LOG_FILE)"
    fi
    print_url "$port"
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
