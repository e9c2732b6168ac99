#!/usr/bin/env bash
# `make bench-feed`: the personal feed of a prosumer following 50 things at 1M comments (issue 18).
# BENCH_COMMENTS (default 1,000,000), BENCH_IDEAS, BENCH_PEOPLE, BENCH_RUNS for other sizes; the
# corpus goes to a throwaway PostgreSQL database removed on exit. Arguments go to benchmarks/feed.py
# (--explain prints the query plan). See benchmarks/README.md.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_COMMENTS="${BENCH_COMMENTS:-1000000}"
BENCH_IDEAS="${BENCH_IDEAS:-20000}"
BENCH_PEOPLE="${BENCH_PEOPLE:-20000}"
BENCH_RUNS="${BENCH_RUNS:-50}"

bench_init feed
bench_database feedbench

export DJANGO_SETTINGS_MODULE=brand_hub.settings.dev
export DEBUG=0
export MEDIA_ROOT="$WORK/media"
export BRAND_HUB_VAR_DIR="$WORK/var"
export LOG_LEVEL=WARNING
export PYTHONDONTWRITEBYTECODE=1
mkdir -p "$MEDIA_ROOT" "$BRAND_HUB_VAR_DIR"

bench_migrate_and_seed

"$PYTHON" benchmarks/feed.py --comments "$BENCH_COMMENTS" --ideas "$BENCH_IDEAS" --people "$BENCH_PEOPLE" \
    --runs "$BENCH_RUNS" "$@"
