#!/usr/bin/env bash
# `make bench-insights`: the insights dashboard on a year of activity at scale (issue 6). 1,000,000
# comments and 100,000 ideas (BENCH_COMMENTS, BENCH_IDEAS, BENCH_PEOPLE for smaller) written to a
# throwaway PostgreSQL database; the roll-up refreshes, the dashboard's answer times through Django's
# test Client (in process, as the seeded editor) and the influence ranking, beside the target. The
# database and the temp dir are removed on exit. Arguments go to benchmarks/insights_dashboard.py.
# See benchmarks/README.md.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Knobs, with the defaults the README's figures were measured with.
BENCH_COMMENTS="${BENCH_COMMENTS:-1000000}"
BENCH_IDEAS="${BENCH_IDEAS:-100000}"
BENCH_PEOPLE="${BENCH_PEOPLE:-50000}"
BENCH_RUNS="${BENCH_RUNS:-20}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-5400}"

bench_init insights
bench_database insightsbench

export DJANGO_SETTINGS_MODULE=brand_hub.settings.dev
export DEBUG=0
export MEDIA_ROOT="$WORK/media"
export BRAND_HUB_VAR_DIR="$WORK/var"
export LOG_LEVEL=WARNING
export PYTHONDONTWRITEBYTECODE=1
# As in production: a stale read queues the refresh for the task worker (not run here) and answers.
export TASKS_BACKEND=database
mkdir -p "$MEDIA_ROOT" "$BRAND_HUB_VAR_DIR"

bench_migrate_and_seed

RESULTS="$ROOT/benchmarks/results/insights-$(date -u +%Y%m%dT%H%M%SZ).json"
status=0
timeout --signal=TERM "$BENCH_TIMEOUT" "$PYTHON" benchmarks/insights_dashboard.py \
    --comments "$BENCH_COMMENTS" --ideas "$BENCH_IDEAS" --people "$BENCH_PEOPLE" --runs "$BENCH_RUNS" \
    --json "$RESULTS" "$@" || status=$?
((status != 124)) || log "stopped: the run took longer than BENCH_TIMEOUT=$BENCH_TIMEOUT s"
exit "$status"
