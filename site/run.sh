#!/usr/bin/env bash
# `make run`: the development server on http://127.0.0.1:8000 with migrated, seeded demo content.
# Uses DATABASE_URL when set, otherwise the SQLite file var/db.sqlite3 (see site/env.example).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash site/bootstrap.sh
export VIRTUAL_ENV="$ROOT/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
# The default SQLite file lives in var/, which SQLite will not create by itself.
mkdir -p var

python manage.py migrate --noinput
python manage.py compilemessages --ignore=.venv --ignore=var --ignore=site >/dev/null
python manage.py seed_demo
exec python manage.py runserver 127.0.0.1:8000
