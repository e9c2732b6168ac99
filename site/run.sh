#!/usr/bin/env bash
# `make run`: the development server on http://127.0.0.1:8000 (PORT) with migrated, seeded demo content,
# and the Elasticsearch its knowledge search needs (site/elasticsearch/connect.sh: the node at
# ELASTICSEARCH_URL, or the one answering on ES_PORT, or one started for this run and stopped after).
# Uses DATABASE_URL when set, otherwise the SQLite file var/db.sqlite3 (see site/env.example).
# The reference frontend (frontend/, site/frontend.sh) is built and served on http://127.0.0.1:3000
# (PORT_FRONTEND), talking to this server; it stops when the server stops.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=site/entrypoint.sh
source site/entrypoint.sh
# shellcheck source=site/elasticsearch/connect.sh
source site/elasticsearch/connect.sh
# shellcheck source=site/frontend.sh
source site/frontend.sh

# Stops only the node this run started, when the server stops (Ctrl-C) or a step fails.
finish() {
    local status=$?
    trap - EXIT INT TERM
    frontend_stop
    disconnect_elasticsearch
    exit "$status"
}
run_on_exit finish

use_project_venv
# The default SQLite file lives in var/, which SQLite will not create by itself.
mkdir -p var
PORT_FRONTEND="${PORT_FRONTEND:-3000}"
# Brand Hub's links to the frontend (pages' html_url, the e-mails' links) and its revalidation calls.
export FRONTEND_URL="${FRONTEND_URL:-http://127.0.0.1:$PORT_FRONTEND}"
# And to itself (the admin's links in editors' e-mails, the addresses seed_demo prints), on PORT.
export WAGTAILADMIN_BASE_URL="${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:${PORT:-8000}}"
frontend_revalidate_secret

connect_elasticsearch
# Each checkout has indices of its own on a shared node (brand_hub/settings/dev.py).
index_prefix="$(python manage.py shell --no-imports -c 'from django.conf import settings; print(settings.ELASTICSEARCH_INDEX_PREFIX)')"
echo "Elasticsearch: indices named ${index_prefix}_* (ELASTICSEARCH_INDEX_PREFIX)"

python manage.py migrate --noinput
python manage.py compilemessages --ignore=.venv --ignore=var --ignore=site >/dev/null
python manage.py seed_demo
if [[ -n $ELASTICSEARCH_AVAILABLE ]]; then
    # Sends what earlier runs wrote while the node was away; indices missing or behind the database
    # (a checkout's first run under its own prefix, a node started afresh) are rebuilt from it.
    python manage.py search_worker --once
    python manage.py search_check --fail-on-drift >/dev/null 2>&1 || python manage.py search_reindex
fi
if frontend_install && frontend_build && frontend_start "$PORT_FRONTEND" "http://127.0.0.1:${PORT:-8000}"; then
    echo "The frontend: http://127.0.0.1:$PORT_FRONTEND/ (log: frontend/.next/server.log)"
else
    echo "The frontend could not start (above); the API and the admin run without it." >&2
fi
python manage.py runserver "127.0.0.1:${PORT:-8000}"
