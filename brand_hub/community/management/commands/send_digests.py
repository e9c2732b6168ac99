"""Send this period's e-mail digest to the daily or weekly subscribers who have news."""

import argparse
import time

from brand_hub.community.digests import send_digests, send_digests_task
from brand_hub.core.periodic import PeriodicCommand


def shard(text: str) -> tuple[int, int]:
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError("i/n, e.g. 0/2") from None
    if not 0 <= index < count:
        raise argparse.ArgumentTypeError("i/n with 0 <= i < n")
    return index, count


class Command(PeriodicCommand):
    help = (
        "E-mail the digest of the current period (the brand's local day, or the week from Monday) to each "
        "subscriber of --frequency with news since their last digest, at most once per period whatever "
        "runs at once or again. Run it from cron: daily every hour, weekly every hour on Mondays; a run "
        "that finds everyone served sends nothing; or run it as a process with --every 3600. Several "
        "--frequency values run one after the other. --shard i/n runs share the work (n at once, one "
        "per i); --queue puts the run on the task queue for db_worker."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--frequency", choices=["daily", "weekly"], nargs="+", required=True)
        parser.add_argument("--shard", type=shard, default=(0, 1), help="i/n: people whose id is i modulo n")
        parser.add_argument("--queue", action="store_true", help="Queue the run as a task instead")

    def run_once(self, *, frequency: list[str], shard, queue: bool, **options):
        for each in dict.fromkeys(frequency):
            self.run(each, shard=shard, queue=queue)

    def run(self, frequency: str, *, shard: tuple[int, int], queue: bool) -> None:
        if queue:
            result = send_digests_task.enqueue(frequency, shard=list(shard))
            self.stdout.write(f"Digest run queued: {result.id}")
            return
        started = time.perf_counter()
        run = send_digests(frequency=frequency, shard=shard)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{frequency.capitalize()} digests of the period from {run.period_start:%Y-%m-%d %H:%M %Z}: "
            f"{run.sent:,} sent to {run.subscribers:,} subscribers without one yet "
            f"({run.with_news:,} with news, {run.claimed:,} claimed here) in {seconds:.2f} s"
        )
