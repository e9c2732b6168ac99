"""The search outbox: changes waiting for Elasticsearch, written in the same transaction as the change."""

import time

from django.db import connection, models
from django.utils import timezone


def database_clock_microseconds() -> int:
    """The database server's clock, in microseconds since the epoch: one clock for every process
    that writes to it, whatever machine they run on (SQLite's server is this machine)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint")
            return cursor.fetchone()[0]
    return time.time_ns() // 1000


class SearchedIndex(models.TextChoices):
    COMMENTS = "comments", "comments"
    IDEAS = "ideas", "ideas"
    MENTIONS = "mentions", "mentions"


class PendingIndexUpdate(models.Model):
    """One object to (re)send to an index: its current state is read when the row is sent.

    Several rows for one object collapse into one document; rows stay until Elasticsearch took the
    document, and move their next attempt back while it is down or refuses.
    """

    index = models.CharField(max_length=20, choices=SearchedIndex.choices)
    object_id = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["index", "next_attempt_at", "id"])]

    def __str__(self) -> str:
        return f"{self.index} #{self.object_id}"


class IndexCursor(models.Model):
    """Per index: the lock that lets one sender at a time run, and the version it stamps documents with.

    Sending is serialised, and each batch reads the database after taking a higher version, so a
    document's version grows with the state it carries: Elasticsearch's external versioning then
    refuses any older copy. While a rebuild runs, `rebuild_target` names the new index, which
    receives every batch as well.
    """

    index = models.CharField(max_length=20, choices=SearchedIndex.choices, primary_key=True)
    version = models.BigIntegerField(default=0)
    rebuild_target = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.index} v{self.version}"

    def take_version(self) -> int:
        """The version for the next batch; call it holding this row's lock, and save the row.

        Above every version used before, including one a sender took and never committed: a sender
        stopped after Elasticsearch accepted its batch rolls its version back, and the next sender
        must not stamp fresher documents with that same number (Elasticsearch would refuse them as a
        conflict and keep the older copy). So the version is the database's clock in microseconds,
        which has moved on by the time the lock passes to the next sender, and at least one more
        than the last committed version.
        """
        self.version = max(self.version + 1, database_clock_microseconds())
        return self.version
