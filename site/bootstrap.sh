#!/usr/bin/env bash
# Prepares a checkout to run: the .venv (Python 3.11) with pyproject.toml's runtime and dev
# dependencies, and gettext for compilemessages; with --tests, also what only the test command needs
# (Debian's headless Chromium). Cheap when nothing changed, so every entry point (make run, make test)
# calls it first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.brand-hub-pyproject.sha256"
PYTHON="${PYTHON:-python3.11}"

log() { printf 'bootstrap: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

APT_UPDATED=""
apt_install() {
    if ((EUID != 0)) || ! command -v apt-get >/dev/null; then
        return 1
    fi
    log "installing $* with apt-get"
    if [[ -z $APT_UPDATED ]]; then
        apt-get update -qq
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

venv_is_usable() {
    [[ -x $VENV/bin/python && -x $VENV/bin/pip ]] &&
        "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null
}

create_venv() {
    venv_is_usable && return 0
    if [[ -e $VENV ]]; then
        log "$VENV is not a usable Python 3.11 virtualenv; recreating it"
        rm -rf "$VENV"
    fi
    if ! command -v "$PYTHON" >/dev/null; then
        apt_install python3.11 python3.11-venv || die "$PYTHON not found; install Python 3.11"
    fi
    log "creating $VENV with $("$PYTHON" --version)"
    "$PYTHON" -m venv "$VENV" && venv_is_usable && return 0

    # Debian splits venv's ensurepip into python3.11-venv; without it venv leaves a .venv with no pip.
    rm -rf "$VENV"
    if apt_install python3.11-venv && "$PYTHON" -m venv "$VENV" && venv_is_usable; then
        return 0
    fi
    rm -rf "$VENV"
    log "python -m venv is unavailable; falling back to virtualenv"
    PIP_BREAK_SYSTEM_PACKAGES=1 "$PYTHON" -m pip install --quiet --user virtualenv ||
        die "could not install virtualenv; install python3.11-venv (apt) and run again"
    "$PYTHON" -m virtualenv --quiet "$VENV"
    venv_is_usable || die "could not create a working virtualenv in $VENV"
}

install_dependencies() {
    local wanted tmp
    wanted="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [[ -f $STAMP && "$(cat "$STAMP")" == "$wanted" ]]; then
        return 0
    fi
    log "pyproject.toml changed since the last install; installing .[dev] into $VENV"
    # Installed from a copy: building the (package-less) project in place would leave
    # brand_hub.egg-info/ and build/ in the checkout.
    tmp="$(mktemp -d)"
    cp "$ROOT/pyproject.toml" "$tmp/"
    if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar off --quiet \
        "${tmp}[dev]"; then
        rm -rf "$tmp"
        die "pip install failed"
    fi
    rm -rf "$tmp"
    echo "$wanted" >"$STAMP"
}

ensure_gettext() {
    command -v msgfmt >/dev/null && return 0
    apt_install gettext ||
        log "warning: msgfmt not found and not root; install gettext for compilemessages"
}

# The docs pages are checked by rendering them in headless Chromium with no outside network.
ensure_chromium() {
    command -v chromium >/dev/null && return 0
    apt_install chromium ||
        log "warning: chromium not found and not root; the browser checks will be skipped (apt-get install chromium)"
}

cd "$ROOT"
# Two entry points bootstrapping at once (make run beside make test) must not both run pip.
exec 8<"$ROOT/pyproject.toml"
flock 8
create_venv
install_dependencies
ensure_gettext
if [[ ${1:-} == --tests ]]; then
    ensure_chromium
fi
