"""A daily digest run for many subscribers, each with news, and a second run that must send nothing.

    python benchmarks/digests.py --people 50000 [--workers 2] [--json PATH]

Run by `make bench-digests` (benchmarks/digests.sh) on a throwaway migrated PostgreSQL database, with
the mails sent over SMTP to benchmarks/smtp_sink.py, which counts them. Writes `--people` prosumers in
bulk, each subscribed to the daily digest and with four notifications waiting on two of five pages (a
status change, an official response, a reply, a new comment: outcomes and news), then times
`manage.py send_digests --frequency daily` run by `--workers` processes at once (`--shard i/n` each,
as cron would start them) and a second such run in the same period. Prints
each figure beside its target: the run finishes in minutes (read as at most 10) and the second run
sends nothing (each person at most one mail a period).
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MINUTES = 10
BATCH = 5_000


def write_subscribers(people: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from wagtail.models import Page

    from brand_hub.community.models import DigestSubscription, Notification

    User = get_user_model()
    pages = list(Page.objects.order_by("pk").values_list("pk", flat=True)[:5])
    subscribed = timezone.now() - timezone.timedelta(hours=12)
    languages = ("es", "en", "pl")
    kinds = (
        ("status_change", "The idea “Recycled soles” is now: Planned."),
        ("official_response", "The brand answered the idea “Recycled soles”."),
        ("reply", "Ana replied to your comment on “Recycled soles”."),
        ("comment", "Marek commented on “Winter boots”."),
    )
    for start in range(0, people, BATCH):
        accounts = User.objects.bulk_create(
            User(
                username=f"digest{n}",
                email=f"digest{n}@example.com",
                display_name=f"Reader {n}",
                preferred_locale=languages[n % 3],
            )
            for n in range(start, min(start + BATCH, people))
        )
        DigestSubscription.objects.bulk_create(
            DigestSubscription(user=account, frequency="daily", subscribed_at=subscribed)
            for account in accounts
        )
        Notification.objects.bulk_create(
            Notification(
                recipient=account, kind=kind, page_id=pages[(n + k // 2) % len(pages)], message=message
            )
            for n, account in enumerate(accounts)
            for k, (kind, message) in enumerate(kinds)
        )


def run_workers(workers: int) -> tuple[float, int]:
    """Wall-clock seconds of `workers` send_digests processes started together, and the digests they sent."""
    from brand_hub.community.models import DigestSent

    sent_before = DigestSent.objects.filter(sent_at__isnull=False).count()
    started = time.perf_counter()
    command = [sys.executable, "manage.py", "send_digests", "--frequency", "daily", "--shard"]
    processes = [
        subprocess.Popen([*command, f"{index}/{workers}"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for index in range(workers)
    ]
    for process in processes:
        output, _errors = process.communicate()
        print(f"  {output.strip()}")
        if process.returncode:
            raise SystemExit(f"send_digests failed with status {process.returncode}")
    seconds = time.perf_counter() - started
    return seconds, DigestSent.objects.filter(sent_at__isnull=False).count() - sent_before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=int(os.environ.get("BENCH_DIGEST_PEOPLE", "50000")))
    parser.add_argument("--workers", type=int, default=2, help="send_digests processes at once")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.dev")
    import django

    django.setup()
    started = time.perf_counter()
    write_subscribers(args.people)
    written = time.perf_counter() - started
    print(f"{args.people:,} subscribers, {4 * args.people:,} notifications written in {written:.1f} s")

    print(f"first run, {args.workers} workers:")
    seconds, first_sent = run_workers(args.workers)
    print(f"second run, {args.workers} workers:")
    again, second_sent = run_workers(args.workers)

    minutes = seconds / 60
    rate = first_sent / seconds if seconds else 0.0

    def verdict(met: bool) -> str:
        return "met" if met else "MISSED"

    rows = [
        ("first run: duration", f"{minutes:.2f} min", f"<= {TARGET_MINUTES} min", minutes <= TARGET_MINUTES),
        ("first run: mails sent", f"{first_sent:,}", "one per person", first_sent == args.people),
        ("first run: mails per second", f"{rate:.0f}", "", None),
        ("second run: mails sent", f"{second_sent:,}", "0 (once per period)", second_sent == 0),
        ("second run: duration", f"{again:.1f} s", "", None),
        ("workers", str(args.workers), "", None),
    ]
    print(f"{'figure':<30} {'measured':>12}  target")
    for name, measured, target, met in rows:
        print(f"{name:<30} {measured:>12}  {target}{'' if met is None else '  ' + verdict(met)}")
    if args.people < 50_000:
        print(f"(reduced size: {args.people:,} subscribers instead of 50,000; the run scales about linearly)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "people": args.people,
                    "first_run_seconds": seconds,
                    "first_run_sent": first_sent,
                    "mails_per_second": rate,
                    "second_run_sent": second_sent,
                    "second_run_seconds": again,
                    "workers": args.workers,
                },
                indent=2,
            )
        )
    return 0 if first_sent == args.people and second_sent == 0 and minutes <= TARGET_MINUTES else 1


if __name__ == "__main__":
    sys.exit(main())
