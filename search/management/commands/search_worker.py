"""Keep sending the search outbox: the long-running worker that retries while Elasticsearch is away."""

import signal
import time

from django.core.management.base import BaseCommand

from brand_hub.core.processes import settle
from search.models import PendingIndexUpdate
from search.outbox import send_all_due
from search.prepared import warm_up


class Command(BaseCommand):
    help = "Send pending search updates to Elasticsearch, forever (or once with --once)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due and stop.")
        parser.add_argument("--interval", type=float, default=0.5, help="Seconds between polls when idle.")

    def handle(self, *args, once: bool = False, interval: float = 0.5, **options):
        stopping = []
        if not once:
            # What the first batch would otherwise load while its changes wait (some 4 s of CPU): the
            # dictionaries, then what settle() loads (the URL map that gives each document its page's
            # path among it).
            warm_up()
            settle()
            # SIGTERM (a deployment, `topology.sh stop-one`) lets the batch being sent finish and
            # commit. One stopped halfway loses nothing either: its rows stay, the next version is higher.
            for number in (signal.SIGTERM, signal.SIGINT):
                signal.signal(number, lambda signum, frame: stopping.append(signum))
            self.stdout.write(f"Ready: sending what waits, polling every {interval:g} s when idle")
            self.stdout.flush()
        while not stopping:
            sent = send_all_due()
            if any(sent.values()):
                self.stdout.write(", ".join(f"{index}: {count}" for index, count in sent.items()))
            if once:
                waiting = PendingIndexUpdate.objects.count()
                self.stdout.write(f"{waiting} updates still waiting" if waiting else "Nothing waiting")
                return
            if not any(sent.values()) and not stopping:
                time.sleep(interval)
        self.stdout.write("Stopped")
