#!/usr/bin/env bash
# Runs Brand Hub's own PostgreSQL cluster (Debian packages) on 127.0.0.1 for development and tests,
# and a streaming replica of it.
#
#   bash site/postgres/postgres.sh start|stop|status
#   bash site/postgres/postgres.sh start-replica|stop-replica|status-replica
#
# The cluster lives in var/postgres/ (PG_RUN_DIR overrides), listens on 127.0.0.1:${PG_PORT:-5433}
# only, trusts loopback connections and has one superuser role, brand_hub, so the test run can
# create and drop test_brand_hub. `start` prints the DATABASE_URL to use and configures the primary
# for streaming replication (an existing cluster gets that on its next start, restarted only if a
# setting needs it). `start-replica` copies the running primary with pg_basebackup into
# $PG_RUN_DIR/replica/, runs it as a hot standby on 127.0.0.1:${PG_REPLICA_PORT:-PG_PORT+100}
# streaming through its own replication slot, and prints the DATABASE_REPLICA_URL to use. Every
# command is idempotent. PostgreSQL refuses to run as root: when started by root the clusters belong
# to the system user brandhub-pg, created on first use.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_PORT="${PG_PORT:-5433}"
PG_REPLICA_PORT="${PG_REPLICA_PORT:-$((${PG_PORT:-5433} + 100))}"
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
[[ $PG_REPLICA_PORT =~ ^[0-9]+$ ]] || die "PG_REPLICA_PORT must be a port number, got '$PG_REPLICA_PORT'"

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

# Whether the cluster's owner can reach $1, or the nearest of its parents that exists yet.
owner_can_reach() {
    local dir="$1"
    while [[ ! -d $dir && $dir != / ]]; do dir="$(dirname "$dir")"; done
    runuser -u "$SYSTEM_USER" -- test -x "$dir"
}

# The cluster stays under the repository (or in PG_RUN_DIR) unless the unprivileged user cannot even
# reach it (a checkout under /root, say); it then lives in /var/tmp, in a directory named after it.
resolve_run_dir() {
    RUN_DIR="${PG_RUN_DIR:-$ROOT/var/postgres}"
    # PG_RUN_DIR too: the production topology's test gives one inside the checkout, which may be a
    # directory only root can enter (a clone in a `mktemp -d` directory, say).
    if ((EUID == 0)) && getent passwd "$SYSTEM_USER" >/dev/null && ! owner_can_reach "$RUN_DIR"; then
        RUN_DIR="/var/tmp/brand-hub-postgres-$(printf '%s' "${PG_RUN_DIR:-$ROOT}" | sha256sum | cut -c1-12)"
    fi
    DATA_DIR="$RUN_DIR/data"
    LOG_FILE="$RUN_DIR/postgres.log"
    REPLICA_DIR="$RUN_DIR/replica"
    REPLICA_DATA_DIR="$REPLICA_DIR/data"
    REPLICA_LOG_FILE="$REPLICA_DIR/postgres.log"
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

REPLICATION_MARKER="# --- Brand Hub streaming replication (site/postgres/postgres.sh) ---"

# Streaming replication for `start-replica`, added to clusters made before it existed as well.
# max_slot_wal_keep_size bounds the WAL a stopped replica's slot keeps on the primary: past it the
# slot is lost and the next `start-replica` makes the replica afresh. Returns 0 when a file changed.
configure_replication() {
    local changed=1
    if ! grep -qxF "$REPLICATION_MARKER" "$DATA_DIR/postgresql.conf"; then
        log "configuring the cluster for streaming replication"
        as_owner tee -a "$DATA_DIR/postgresql.conf" >/dev/null <<EOF

$REPLICATION_MARKER
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
max_slot_wal_keep_size = '1GB'
hot_standby = on
EOF
        changed=0
    fi
    if ! grep -qE "^host[[:space:]]+replication[[:space:]]+(all|$PG_ROLE)[[:space:]]+$PG_HOST/32[[:space:]]+trust" \
        "$DATA_DIR/pg_hba.conf"; then
        log "allowing replication connections from $PG_HOST in pg_hba.conf"
        printf 'host    replication     %s       %s/32            trust\n' "$PG_ROLE" "$PG_HOST" |
            as_owner tee -a "$DATA_DIR/pg_hba.conf" >/dev/null
        changed=0
    fi
    return "$changed"
}

# Whether the server of the cluster in $1 (default: the primary's) runs.
is_running() {
    local data_dir="${1:-$DATA_DIR}"
    [[ -f $data_dir/PG_VERSION ]] && as_owner "$BINDIR/pg_ctl" status --pgdata="$data_dir" >/dev/null 2>&1
}

# The port a running server actually listens on: the fourth line of postmaster.pid.
running_port() {
    sed -n 4p "${1:-$DATA_DIR}/postmaster.pid" 2>/dev/null
}

# Stops the server of the cluster in $1, if it runs.
stop_server() {
    local data_dir="$1"
    is_running "$data_dir" || return 0
    log "stopping the server in $data_dir"
    if ! as_owner "$BINDIR/pg_ctl" stop --pgdata="$data_dir" --mode=fast --wait --timeout=60 --silent; then
        log "fast shutdown timed out; shutting down immediately"
        as_owner "$BINDIR/pg_ctl" stop --pgdata="$data_dir" --mode=immediate --wait --timeout=30 --silent
    fi
}

# Starts the server of the cluster in $1 on port $2, logging to $3; $4 names the port's variable, the
# rest are options for the server.
start_server() {
    local data_dir="$1" port="$2" log_file="$3" port_variable="$4"
    shift 4
    port_in_use "$port" && die "$PG_HOST:$port is taken by another process; set $port_variable to a free port"
    log "starting on $PG_HOST:$port (data in $data_dir, log in $log_file)"
    if ! as_owner "$BINDIR/pg_ctl" start --pgdata="$data_dir" --log="$log_file" --wait --timeout=60 \
        --silent --options="-p $port $*"; then
        tail -n 20 "$log_file" >&2 || true
        die "pg_ctl start failed"
    fi
}

# For `stop`: waits for a start under way, if the run directory exists.
lock_run_dir() {
    [[ -d $RUN_DIR ]] || return 0
    exec 9>"$RUN_DIR/.lock"
    flock 9
}

# For `stop` and `status`: whether the cluster in $1 exists and its server runs, said in the log as
# "<$2>not running (...)" when it does not. Sets BINDIR when the cluster exists.
check_running() {
    local data_dir="$1" what="${2:-}"
    if [[ ! -f $data_dir/PG_VERSION ]]; then
        log "${what}not running (no cluster in $data_dir)"
        return 1
    fi
    find_bindir
    if ! is_running "$data_dir"; then
        log "${what}not running (data in $data_dir)"
        return 1
    fi
}

# One value from a query, run as the brand_hub role on the server at port $1.
query() {
    local port="$1" database="$2" sql="$3"
    "$BINDIR/psql" --no-psqlrc --quiet --tuples-only --no-align --host="$PG_HOST" --port="$port" \
        --username="$PG_ROLE" --dbname="$database" --command="$sql"
}

port_in_use() {
    (exec 3<>"/dev/tcp/$PG_HOST/$1") 2>/dev/null
}

wait_until_ready() {
    local port="$1" log_file="${2:-$LOG_FILE}" attempt
    for attempt in $(seq 1 60); do
        if "$BINDIR/pg_isready" --quiet --host="$PG_HOST" --port="$port" --username="$PG_ROLE" \
            --dbname=postgres; then
            return 0
        fi
        ((attempt == 60)) || sleep 0.5
    done
    tail -n 20 "$log_file" >&2 || true
    die "the server on $PG_HOST:$port did not become ready within 30 seconds"
}

ensure_database() {
    local port="$1" exists
    exists="$(query "$port" postgres "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")"
    if [[ $exists != 1 ]]; then
        log "creating database $PG_DATABASE"
        "$BINDIR/createdb" --host="$PG_HOST" --port="$port" --username="$PG_ROLE" "$PG_DATABASE"
    fi
}

print_url() {
    echo "DATABASE_URL=postgres://$PG_ROLE@$PG_HOST:$1/$PG_DATABASE"
}

# --- commands -----------------------------------------------------------------------------------

# The user, directory, binaries and lock a start needs. One start at a time: two test runs starting
# together must not both run initdb, nor both copy the primary.
prepare_start() {
    ensure_system_user
    resolve_run_dir
    prepare_run_dir
    find_bindir
    exec 9>"$RUN_DIR/.lock"
    flock 9
}

cmd_start() {
    prepare_start
    init_cluster

    local port config_changed=""
    configure_replication && config_changed=1
    if is_running; then
        port="$(running_port)"
        log "already running on $PG_HOST:$port (data in $DATA_DIR)"
        [[ $port == "$PG_PORT" ]] || log "warning: PG_PORT is $PG_PORT but the running server uses $port"
        if [[ -n $config_changed ]]; then
            as_owner "$BINDIR/pg_ctl" reload --pgdata="$DATA_DIR" --silent
            wait_until_ready "$port"
            # wal_level and the sender and slot counts take effect only at a restart.
            if [[ "$(query "$port" postgres "SELECT count(*) FROM pg_settings WHERE pending_restart")" != 0 ]]; then
                log "restarting on $PG_HOST:$port for the replication settings"
                as_owner "$BINDIR/pg_ctl" restart --pgdata="$DATA_DIR" --log="$LOG_FILE" --mode=fast \
                    --wait --timeout=60 --silent --options="-p $port" ||
                    die "pg_ctl restart failed (log in $LOG_FILE)"
            fi
        fi
    else
        port="$PG_PORT"
        start_server "$DATA_DIR" "$port" "$LOG_FILE" PG_PORT
    fi
    wait_until_ready "$port"
    ensure_database "$port"
    print_url "$port"
}

cmd_stop() {
    resolve_run_dir
    lock_run_dir
    check_running "$DATA_DIR" || return 0
    stop_server "$DATA_DIR"
    log "stopped"
}

# Exit status as pg_ctl's: 0 running, 3 not running.
cmd_status() {
    resolve_run_dir
    check_running "$DATA_DIR" || return 3
    local port
    port="$(running_port)"
    if "$BINDIR/pg_isready" --quiet --host="$PG_HOST" --port="$port" --username="$PG_ROLE" --dbname=postgres; then
        log "running and accepting connections on $PG_HOST:$port (data in $DATA_DIR)"
    else
        log "running on $PG_HOST:$port but not accepting connections yet (log in $LOG_FILE)"
    fi
    print_url "$port"
}

# --- the streaming replica ------------------------------------------------------------------------

replica_slot() {
    echo "brand_hub_replica_$PG_REPLICA_PORT"
}

# Why the replica in $REPLICA_DATA_DIR cannot follow the primary on port $1 any more, if it cannot:
# a copy of another cluster (the primary was made afresh) or a slot the primary dropped or gave up.
replica_is_stale() {
    local primary_port="$1" slot identifier slot_status
    slot="$(replica_slot)"
    identifier="$(query "$primary_port" postgres "SELECT system_identifier FROM pg_control_system()")"
    if ! as_owner "$BINDIR/pg_controldata" "$REPLICA_DATA_DIR" 2>/dev/null |
        grep -qE "^Database system identifier:[[:space:]]+$identifier\$"; then
        echo "it is a copy of another cluster"
        return 0
    fi
    slot_status="$(query "$primary_port" postgres \
        "SELECT coalesce(wal_status, 'unknown') FROM pg_replication_slots WHERE slot_name = '$slot'")"
    if [[ -z $slot_status ]]; then
        echo "the primary has no replication slot $slot"
        return 0
    fi
    if [[ $slot_status == lost ]]; then
        echo "the primary removed WAL it still needed (slot $slot lost)"
        return 0
    fi
    return 1
}

# A fresh copy of the primary on port $1, following it through its own replication slot.
make_replica() {
    local primary_port="$1" slot
    slot="$(replica_slot)"
    stop_server "$REPLICA_DATA_DIR"
    rm -rf "$REPLICA_DATA_DIR"
    query "$primary_port" postgres "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
        WHERE slot_name = '$slot' AND NOT active" >/dev/null
    log "copying the primary on $PG_HOST:$primary_port into $REPLICA_DATA_DIR (pg_basebackup)"
    if ! as_owner "$BINDIR/pg_basebackup" --host="$PG_HOST" --port="$primary_port" --username="$PG_ROLE" \
        --pgdata="$REPLICA_DATA_DIR" --write-recovery-conf --wal-method=stream --checkpoint=fast \
        --create-slot --slot="$slot" --no-password >"$REPLICA_DIR/basebackup.log" 2>&1; then
        cat "$REPLICA_DIR/basebackup.log" >&2
        die "pg_basebackup failed"
    fi
}

# Waits until the replica on port $1 receives the primary's WAL as it is written.
wait_until_streaming() {
    local port="$1" attempt status
    for attempt in $(seq 1 60); do
        status="$(query "$port" postgres "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null || true)"
        [[ $status == streaming ]] && return 0
        ((attempt == 60)) || sleep 0.5
    done
    tail -n 20 "$REPLICA_LOG_FILE" >&2 || true
    die "the replica on $PG_HOST:$port did not stream from the primary within 30 seconds"
}

print_replica_url() {
    echo "DATABASE_REPLICA_URL=postgres://$PG_ROLE@$PG_HOST:$1/$PG_DATABASE"
}

cmd_start_replica() {
    prepare_start
    is_running || die "the primary in $DATA_DIR is not running; run '$0 start' first"
    local primary_port port reason
    primary_port="$(running_port)"
    [[ "$(query "$primary_port" postgres "SHOW wal_level")" != minimal ]] ||
        die "the primary's wal_level is minimal; '$0 start' configures it for replication (restarting it)"

    mkdir -p "$REPLICA_DIR"
    if ((EUID == 0)); then
        chown "$SYSTEM_USER:" "$REPLICA_DIR"
    fi
    chmod 700 "$REPLICA_DIR"
    if [[ ! -f $REPLICA_DATA_DIR/PG_VERSION ]]; then
        make_replica "$primary_port"
    elif reason="$(replica_is_stale "$primary_port")"; then
        log "making the replica afresh: $reason"
        make_replica "$primary_port"
    fi

    if is_running "$REPLICA_DATA_DIR"; then
        port="$(running_port "$REPLICA_DATA_DIR")"
        log "replica already running on $PG_HOST:$port (data in $REPLICA_DATA_DIR)"
        [[ $port == "$PG_REPLICA_PORT" ]] ||
            log "warning: PG_REPLICA_PORT is $PG_REPLICA_PORT but the running replica uses $port"
    else
        port="$PG_REPLICA_PORT"
        log "the replica follows the primary on $PG_HOST:$primary_port"
        # hot_standby_feedback: the primary's vacuum keeps rows a replica query still reads, so
        # long reads on the replica are not cancelled by the replay of that vacuum.
        start_server "$REPLICA_DATA_DIR" "$port" "$REPLICA_LOG_FILE" PG_REPLICA_PORT \
            -c hot_standby=on -c hot_standby_feedback=on -c cluster_name=brand_hub_replica
    fi
    wait_until_ready "$port" "$REPLICA_LOG_FILE"
    wait_until_streaming "$port"
    print_replica_url "$port"
}

cmd_stop_replica() {
    resolve_run_dir
    lock_run_dir
    check_running "$REPLICA_DATA_DIR" "replica " || return 0
    stop_server "$REPLICA_DATA_DIR"
    log "replica stopped"
}

# Exit status as pg_ctl's: 0 running, 3 not running.
cmd_status_replica() {
    resolve_run_dir
    check_running "$REPLICA_DATA_DIR" "replica " || return 3
    local port status
    port="$(running_port "$REPLICA_DATA_DIR")"
    status="$(query "$port" postgres "SELECT coalesce((SELECT status FROM pg_stat_wal_receiver), 'not streaming')
        || ', replay ' || CASE WHEN pg_is_wal_replay_paused() THEN 'paused' ELSE 'running' END" 2>/dev/null ||
        echo "not accepting connections yet")"
    log "replica running on $PG_HOST:$port: $status (data in $REPLICA_DATA_DIR, log in $REPLICA_LOG_FILE)"
    print_replica_url "$port"
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
start-replica) cmd_start_replica ;;
stop-replica) cmd_stop_replica ;;
status-replica) cmd_status_replica ;;
*)
    echo "usage: $0 start|stop|status|start-replica|stop-replica|status-replica" >&2
    exit 2
    ;;
esac
