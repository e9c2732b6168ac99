"""Commands that cron runs once, or that run as a process of their own, again every N seconds (the
topology's periodic processes): one loop for all of them."""

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class PeriodicCommand(BaseCommand):
    """`run_once(**options)` once, or with `--every N` again every N seconds until the process is stopped.

    Nobody restarts such a process, so in the loop a run that fails (PostgreSQL restarting, say) is
    logged and the next one tried, each on a usable database connection, as a request gets one. Run
    once, a failure is the command's failure."""

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=float, default=0, help="Run again every this many seconds, until stopped."
        )

    def handle(self, *args, every: float, **options):
        if every < 0:
            raise CommandError("--every must be 0 (run once) or more.")
        if not every:
            self.run_once(**options)
            return
        while True:
            # As around a request: a connection that broke or outlived CONN_MAX_AGE is not used again,
            # and the process does not hold one while it sleeps.
            close_old_connections()
            try:
                self.run_once(**options)
            except Exception:
                logger.exception("%s failed; the next run in %g s", self.__module__.rsplit(".", 1)[-1], every)
            close_old_connections()
            time.sleep(every)

    def run_once(self, **options) -> None:
        raise NotImplementedError
