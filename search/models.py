"""The search outbox: changes waiting for Elasticsearch, written in the same transaction as the change."""

from django.db import models
from django.utils import timezone


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
