#!/usr/bin/env bash
# `make run`: the development server on http://127.0.0.1:8000 (PORT) with migrated, seeded demo content,
# and the Elasticsearch its knowledge search needs (site/elasticsearch/connect.sh: the node at
# ELASTICSEARCH_URL, or the one answering on ES_PORT, or one started for this run and stopped after).
# Uses DATABASE_URL when set, otherwise the SQLite file var/db.sqlite3 (see site/env.example).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=site/elasticsearch/connect.sh
source site/elasticsearch/connect.sh

# Stops only the node this run started, when the server stops (Ctrl-C) or a step fails.
finish() {
    local status=$?
    trap - EXIT INT TERM
    disconnect_elasticsearch
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash site/bootstrap.sh
export VIRTUAL_ENV="$ROOT/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
# The default SQLite file lives in var/, which SQLite will not create by itself.
mkdir -p var

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
python manage.py runserver "127.0.0.1:${PORT:-8000}"
