#!/usr/bin/env bash
# The reference frontend's browser tests (frontend/e2e/, Playwright driving the system's Chromium)
# against a real API: Brand Hub migrated and seeded with the demo on DATABASE_URL (PostgreSQL), with
# ELASTICSEARCH_URL when set, served on a free port; the frontend built and started on another; both
# stopped afterwards. Screenshots of each page type per locale stay in frontend/test-results/screenshots/.
#
#   DATABASE_URL=postgres://... [ELASTICSEARCH_URL=...] bash site/frontend-e2e.sh [--fresh-database] [playwright args]
#
# --fresh-database drops and creates DATABASE_URL's database first (the test command's own e2e database).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=site/entrypoint.sh
source site/entrypoint.sh
# shellcheck source=site/frontend.sh
source site/frontend.sh

log() { printf 'frontend-e2e: %s\n' "$*" >&2; }

[[ ${DATABASE_URL:-} == postgres* ]] || { log "DATABASE_URL must name a PostgreSQL database" && exit 2; }
FRESH=""
if [[ ${1:-} == --fresh-database ]]; then
    FRESH=1
    shift
fi

WORK_DIR="$(mktemp -d -t brand-hub-e2e.XXXXXX)"
API_PID=""
SHELL_PID=""
finish() {
    local status=$?
    set +e
    trap - EXIT INT TERM
    frontend_stop
    for pid in $API_PID $SHELL_PID; do
        kill -TERM -- "-$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    if ((status != 0)); then
        for name in seed api shell frontend; do
            [[ -s $WORK_DIR/$name.log ]] && log "the last lines of $name.log:" && tail -n 40 "$WORK_DIR/$name.log" >&2
        done
    fi
    rm -rf "$WORK_DIR"
    exit "$status"
}
run_on_exit finish

use_project_venv
unset DJANGO_SETTINGS_MODULE

read -r API_PORT FRONTEND_PORT < <(frontend_free_ports)

# Brand Hub as make run serves it (development settings), on this run's ports and files.
export WAGTAILADMIN_BASE_URL="http://127.0.0.1:$API_PORT"
export FRONTEND_URL="http://127.0.0.1:$FRONTEND_PORT"
export MEDIA_ROOT="${MEDIA_ROOT:-$ROOT/var/e2e/media}"
# The indices belong to the database their documents come from (brand_hub_e2e in the test command):
# runs on other databases sharing the node keep theirs apart.
DATABASE_NAME="${DATABASE_URL##*/}"
DATABASE_NAME="${DATABASE_NAME%%\?*}"
export ELASTICSEARCH_INDEX_PREFIX="${ELASTICSEARCH_INDEX_PREFIX:-${DATABASE_NAME:-brand_hub_e2e}}"
FRONTEND_REVALIDATE_SECRET="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
export FRONTEND_REVALIDATE_SECRET
# Mails go to files the stories read (the verification link of a sign-up).
export EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend" EMAIL_FILE_PATH="$WORK_DIR/mail"
mkdir -p "$MEDIA_ROOT"
# The stories' prosumers are accounts made for the run, new members by the trust levels' rules: their
# first comments would wait for a moderator and their rates would be a new member's. The stories are
# about the discussion; tests/brand_hub/trust is about the new members' rules.
export TRUST_HOLD_FIRST_CONTRIBUTIONS=0 TRUST_NEW_MEMBER_MAX_LINKS=1000 TRUST_NEW_MEMBER_RATE_SCALE=1

if [[ -n $FRESH ]]; then
    log "a fresh database"
    python - <<'PYTHON'
import os
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

url = urlsplit(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
with psycopg.connect(urlunsplit(url._replace(path="/postgres")), autocommit=True) as connection:
    connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
PYTHON
fi

log "migrate, seed_demo"
{
    python manage.py migrate --noinput
    if [[ -n $FRESH ]]; then
        # A fresh database numbers its comments and ideas from 1 again: documents an earlier run left
        # under the same index prefix would outrank the new ones (external versions), so they go too.
        python manage.py search_create_indices --recreate || echo "no Elasticsearch: the search stories will fail"
    fi
    python manage.py compilemessages --ignore=.venv --ignore=var --ignore=site --ignore=node_modules
    python manage.py seed_demo
} >"$WORK_DIR/seed.log" 2>&1

# The prosumer the stories log in as (a verified address), and the editor who reviews ideas in the
# admin, new for each run so that no earlier run's votes or comments linger, with passwords of the
# run's own: none is written in the code.
E2E_PROSUMER_ID="$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')"
E2E_PROSUMER_PASSWORD="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
export E2E_PROSUMER_ID E2E_PROSUMER_PASSWORD E2E_PROSUMER_EMAIL="lena.$E2E_PROSUMER_ID@example.com"
E2E_EDITOR_PASSWORD="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
export E2E_EDITOR_PASSWORD E2E_EDITOR_USERNAME="e2e-editor-$E2E_PROSUMER_ID"
python manage.py shell -c '
import os
from brand_hub.demo.accounts import AccountRole, ensure_account
from brand_hub.users.roles import EDITORS, PROSUMERS
accounts = [
    (AccountRole("e2e-prosumer-" + os.environ["E2E_PROSUMER_ID"], groups=(PROSUMERS,)), "Lena Kowalska",
     os.environ["E2E_PROSUMER_EMAIL"], os.environ["E2E_PROSUMER_PASSWORD"]),
    (AccountRole(os.environ["E2E_EDITOR_USERNAME"], groups=(EDITORS, PROSUMERS), is_staff=True), "Marta Ruiz",
     os.environ["E2E_EDITOR_USERNAME"] + "@example.com", os.environ["E2E_EDITOR_PASSWORD"]),
]
for role, display_name, email, password in accounts:
    user, _ = ensure_account(role=role, display_name=display_name, email=email)
    user.set_password(password)
    user.save()
' >>"$WORK_DIR/seed.log" 2>&1

log "Brand Hub on http://127.0.0.1:$API_PORT"
setsid python manage.py runserver "127.0.0.1:$API_PORT" --noreload >"$WORK_DIR/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$API_PORT") 2>/dev/null && break
    kill -0 "$API_PID" 2>/dev/null || { log "the API server stopped" && exit 1; }
    sleep 0.5
done

# The stories' set-up code (e2e/support.ts, brandHubShell) runs in one Django shell started once,
# not in a `manage.py shell` per call (seconds of start-up each).
export E2E_DJANGO_SHELL="$WORK_DIR/django-shell.sock"
setsid python frontend/e2e/django_shell.py "$E2E_DJANGO_SHELL" >"$WORK_DIR/shell.log" 2>&1 &
SHELL_PID=$!

frontend_install
frontend_require_chromium
frontend_build
log "the frontend on $FRONTEND_URL"
FRONTEND_LOG="$WORK_DIR/frontend.log" frontend_start "$FRONTEND_PORT" "http://127.0.0.1:$API_PORT"

for _ in $(seq 120); do
    [[ -S $E2E_DJANGO_SHELL ]] && break
    kill -0 "$SHELL_PID" 2>/dev/null || { log "the Django shell for the stories stopped" && exit 1; }
    sleep 0.5
done
[[ -S $E2E_DJANGO_SHELL ]] || { log "the Django shell for the stories did not start" && exit 1; }

rm -rf "$FRONTEND_DIR/test-results/screenshots"
mkdir -p "$FRONTEND_DIR/test-results/screenshots"
(cd "$FRONTEND_DIR" && E2E_BASE_URL="$FRONTEND_URL" node node_modules/@playwright/test/cli.js test "$@")
awk '/ lines run in / {n++; ms += $(NF-3)} END {printf "frontend-e2e: the stories ran code in the Django shell %d times, %.1f s in all\n", n, ms / 1000}' \
    "$WORK_DIR/shell.log" >&2
log "screenshots: frontend/test-results/screenshots/"
