#!/usr/bin/env bash
# `make bench-digests`: a daily digest run for 50,000 subscribers with news (BENCH_DIGEST_PEOPLE for
# fewer) by two send_digests processes (BENCH_DIGEST_WORKERS), on a throwaway migrated PostgreSQL database, its mails sent over SMTP to benchmarks/smtp_sink.py;
# then a second run in the same period, which must send nothing. The database and the temp dir are
# removed on exit. Arguments go to benchmarks/digests.py. See benchmarks/README.md.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_DIGEST_PEOPLE="${BENCH_DIGEST_PEOPLE:-50000}"
BENCH_DIGEST_WORKERS="${BENCH_DIGEST_WORKERS:-2}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-3600}"

bench_init digests
bench_database digestsbench

export DJANGO_SETTINGS_MODULE=brand_hub.settings.dev
export DEBUG=0
export BRAND_HUB_VAR_DIR="$WORK/var"
export LOG_LEVEL=WARNING
export PYTHONDONTWRITEBYTECODE=1
export EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
mkdir -p "$BRAND_HUB_VAR_DIR"

log "migrating database $DATABASE_NAME"
quietly migrate "$PYTHON" manage.py migrate --noinput
bench_smtp_sink

RESULTS="$ROOT/benchmarks/results/digests-$(date -u +%Y%m%dT%H%M%SZ).json"
status=0
timeout --signal=TERM "$BENCH_TIMEOUT" "$PYTHON" benchmarks/digests.py \
    --people "$BENCH_DIGEST_PEOPLE" --workers "$BENCH_DIGEST_WORKERS" --json "$RESULTS" "$@" || status=$?
((status != 124)) || log "stopped: the run took longer than BENCH_TIMEOUT=$BENCH_TIMEOUT s"
bench_stop_sink
if [[ -s $WORK/smtp.count ]]; then
    read -r messages recipients <"$WORK/smtp.count"
    log "the SMTP sink received $messages digests ($recipients recipients)"
else
    log "the SMTP sink reported no count"
fi
exit "$status"
