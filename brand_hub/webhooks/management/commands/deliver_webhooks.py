"""Send the webhook deliveries that are owed and overdue (a lost task, a worker that died mid-POST),
and forget the finished ones older than WEBHOOKS_KEEP_DAYS.

Run it every minute or so beside the task workers (cron, or `--every 60` as a process of its own).
With the immediate task backend of development it is what sends the retries.
"""

import datetime

from brand_hub.core.periodic import PeriodicCommand
from brand_hub.webhooks import services


class Command(PeriodicCommand):
    help = "Attempt the webhook deliveries that are due and were not sent by the task queue."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--grace",
            type=float,
            default=0,
            help="Only deliveries overdue by more than this many seconds (leave the queue its turn).",
        )
        parser.add_argument("--limit", type=int, default=500, help="At most this many per sweep.")

    def run_once(self, *, grace, limit, verbosity, **options):
        attempted = services.sweep(limit=limit, grace=datetime.timedelta(seconds=grace))
        pruned = services.prune()
        if attempted or verbosity > 1:
            self.stdout.write(f"Attempted {attempted} webhook deliveries.")
        if pruned:
            self.stdout.write(f"Deleted {pruned} finished deliveries from the log.")
