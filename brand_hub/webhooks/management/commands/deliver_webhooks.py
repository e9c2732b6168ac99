"""Send the webhook deliveries that are owed and overdue (a lost task, a worker that died mid-POST),
and forget the finished ones older than WEBHOOKS_KEEP_DAYS.

Run it every minute or so beside the task workers (cron, or `--every 60` as a process of its own).
With the immediate task backend of development it is what sends the retries.
"""

import datetime
import time

from django.core.management.base import BaseCommand

from brand_hub.webhooks import services


class Command(BaseCommand):
    help = "Attempt the webhook deliveries that are due and were not sent by the task queue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace",
            type=float,
            default=0,
            help="Only deliveries overdue by more than this many seconds (leave the queue its turn).",
        )
        parser.add_argument("--limit", type=int, default=500, help="At most this many per sweep.")
        parser.add_argument(
            "--every", type=float, default=0, help="Sweep again every this many seconds, until stopped."
        )

    def handle(self, *args, grace, limit, every, **options):
        while True:
            attempted = services.sweep(limit=limit, grace=datetime.timedelta(seconds=grace))
            pruned = services.prune()
            if attempted or options["verbosity"] > 1:
                self.stdout.write(f"Attempted {attempted} webhook deliveries.")
            if pruned:
                self.stdout.write(f"Deleted {pruned} finished deliveries from the log.")
            if not every:
                return
            time.sleep(every)
