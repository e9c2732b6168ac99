"""Scoring stored texts again in batches: sentiment works out the new scores, the app that owns the
rows stores them (see `signals.rescore_requested`)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from .analyser import SentimentResult
from .signals import rescore_requested


@dataclass(frozen=True)
class Rescored:
    """What an app reports of a rescore: its rows' name ("comments"), rows read and rows changed."""

    name: str
    read: int
    changed: int


def rescore(
    queryset: QuerySet,
    *,
    name: str,
    score: Callable[..., SentimentResult],
    store: Callable[[list], None],
    only_missing: bool,
    batch_size: int,
) -> Rescored:
    """Walk the rows by id, `batch_size` at a time, and score each again.

    The rows whose sentiment changed get their new `sentiment` and `sentiment_score` set and go,
    batch by batch, to `store`: the owning app's function that saves them (with their search
    outbox entries). Sentiment itself writes nothing.
    """
    if only_missing:
        queryset = queryset.filter(sentiment="")
    read = changed = 0
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
        if not batch:
            return Rescored(name, read, changed)
        last_pk = batch[-1].pk
        read += len(batch)
        moved = []
        for row in batch:
            result = score(row)
            if (row.sentiment, row.sentiment_score) != (result.label, result.score):
                row.sentiment, row.sentiment_score = result.label, result.score
                moved.append(row)
        if moved:
            store(moved)
            changed += len(moved)


def rescore_everything(*, only_missing: bool = False, batch_size: int = 1000) -> list[Rescored]:
    """Ask every app that stores a sentiment to score its rows again; what each one reports."""
    return [
        rescored
        for _receiver, rescored in rescore_requested.send(
            sender=Rescored, only_missing=only_missing, batch_size=batch_size
        )
    ]
