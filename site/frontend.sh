#!/usr/bin/env bash
# The reference frontend (frontend/, Next.js) for `make run` and the browser tests; sourced, not run:
#
#   frontend_install                 npm ci when node_modules is missing or package-lock.json changed
#   frontend_build                   next build when the sources changed since the last build
#   frontend_start PORT API_ORIGIN   next start on 127.0.0.1:PORT talking to the API at API_ORIGIN,
#                                    in its own process group; waits until it answers
#   frontend_stop                    stops what frontend_start started (no-op otherwise)
#   frontend_require_chromium        the system's Chromium for the browser tests (apt-get as root)
#   frontend_free_ports              two distinct ports free on 127.0.0.1: an API's and a frontend's
#
# Needs Node 20.9 or newer and npm (Debian: `apt-get install nodejs npm`).

FRONTEND_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../frontend" && pwd)"
FRONTEND_PID=""
export NEXT_TELEMETRY_DISABLED=1

frontend_log() { printf 'frontend: %s\n' "$*" >&2; }

frontend_require_node() {
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
            frontend_log "installing Node.js and npm (apt-get)"
            apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
        else
            frontend_log "Node.js 20.9+ and npm are needed (apt-get install nodejs npm)" && return 1
        fi
    fi
    local major
    major="$(node -p 'process.versions.node.split(".")[0]')"
    ((major >= 20)) || { frontend_log "Node.js $(node --version) is too old: Next.js needs 20.9 or newer" && return 1; }
}

# The browser the tests drive: Debian's chromium (Playwright cannot download its own builds here).
frontend_require_chromium() {
    local browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
    [[ -x $browser ]] && return 0
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        frontend_log "installing chromium (apt-get)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && return 0
    fi
    frontend_log "no Chromium at $browser: apt-get install chromium, or set CHROMIUM_PATH" && return 1
}

# Two TCP ports free on 127.0.0.1 now, distinct (both held while the system picks them), for a run
# with a server and a frontend of its own: `read -r API_PORT FRONTEND_PORT < <(frontend_free_ports)`.
frontend_free_ports() {
    python3 -c 'import socket
a, b = socket.socket(), socket.socket()
a.bind(("127.0.0.1", 0))
b.bind(("127.0.0.1", 0))
print(a.getsockname()[1], b.getsockname()[1])'
}

# A digest of what the files named on stdin hold, for "did it change since last time".
frontend_digest() {
    (cd "$FRONTEND_DIR" && xargs -0 sha256sum 2>/dev/null | sha256sum | cut -d' ' -f1)
}

frontend_install() {
    frontend_require_node || return 1
    local stamp="$FRONTEND_DIR/node_modules/.brand-hub-lock" digest
    digest="$(printf '%s\0' package-lock.json | frontend_digest)"
    if [[ -f $stamp && $(cat "$stamp") == "$digest" ]]; then
        return 0
    fi
    frontend_log "npm ci (package-lock.json is new or changed)"
    # Playwright drives the system's Chromium: it must not download browsers of its own.
    (cd "$FRONTEND_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) || return 1
    echo "$digest" >"$stamp"
}

frontend_build() {
    local stamp="$FRONTEND_DIR/.next/.brand-hub-sources" digest
    local sources=(src next.config.ts tsconfig.json package-lock.json)
    [[ -d $FRONTEND_DIR/public ]] && sources+=(public)
    digest="$(cd "$FRONTEND_DIR" && find "${sources[@]}" -type f -print0 | sort -z | frontend_digest)"
    if [[ -f $stamp && $(cat "$stamp") == "$digest" && -f $FRONTEND_DIR/.next/BUILD_ID ]]; then
        frontend_log "the build in frontend/.next is up to date"
        return 0
    fi
    frontend_log "next build (about two minutes the first time)"
    (cd "$FRONTEND_DIR" && node node_modules/next/dist/bin/next build >"$FRONTEND_DIR/.next-build.log" 2>&1) ||
        { cat "$FRONTEND_DIR/.next-build.log" >&2 && return 1; }
    rm -f "$FRONTEND_DIR/.next-build.log"
    echo "$digest" >"$stamp"
}

frontend_start() {
    local port="$1" api_origin="$2" log="${FRONTEND_LOG:-$FRONTEND_DIR/.next/server.log}"
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        frontend_log "port $port is taken: set PORT_FRONTEND to another one" && return 1
    fi
    # setsid: its own process group, so frontend_stop ends the server and nothing else.
    (cd "$FRONTEND_DIR" && BRAND_HUB_API_URL="$api_origin" \
        exec setsid node node_modules/next/dist/bin/next start --hostname 127.0.0.1 --port "$port") >"$log" 2>&1 &
    FRONTEND_PID=$!
    local waited=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        if ! kill -0 "$FRONTEND_PID" 2>/dev/null; then
            cat "$log" >&2
            FRONTEND_PID=""
            frontend_log "next start stopped (above)" && return 1
        fi
        ((waited++ < 120)) || { frontend_log "next start did not answer in 60 s" && return 1; }
        sleep 0.5
    done
}

# FRONTEND_REVALIDATE_SECRET, shared by Brand Hub (which signs its revalidation calls) and the
# frontend (which checks them): the environment's, else one kept in var/ for this checkout.
frontend_revalidate_secret() {
    if [[ -z ${FRONTEND_REVALIDATE_SECRET:-} ]]; then
        local file="$FRONTEND_DIR/../var/frontend_revalidate_secret"
        mkdir -p "$(dirname "$file")"
        [[ -s $file ]] || (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$file")
        FRONTEND_REVALIDATE_SECRET="$(cat "$file")"
    fi
    export FRONTEND_REVALIDATE_SECRET
}

frontend_stop() {
    [[ -n $FRONTEND_PID ]] || return 0
    kill -TERM -- "-$FRONTEND_PID" 2>/dev/null || true
    wait "$FRONTEND_PID" 2>/dev/null || true
    FRONTEND_PID=""
}
