"""Scoring stored texts again in batches: sentiment works out the new scores, the app that owns the
rows stores them (see `signals.rescore_requested`), and the progress is kept so that a run stopped
half-way goes on where it stopped."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db.models import QuerySet
from django.utils import timezone

from .analyser import SentimentResult
from .models import RescoreProgress
from .signals import rescore_requested, rescored

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Rescored:
    """What an app reports of a rescore: its rows' name ("comments"), rows read and rows changed in
    this run, the id it went on after (0: from the start) and whether every row has been read."""

    name: str
    read: int
    changed: int
    resumed_after: int = 0
    finished: bool = True


@dataclass(frozen=True)
class RescoreOptions:
    """How a rescore goes: only rows without a sentiment yet, rows read and written at a time, from
    the first row rather than on from the last run's progress, and a maximum of batches (None: all)."""

    only_missing: bool = False
    batch_size: int = 1000
    restart: bool = False
    max_batches: int | None = None


@cache
def method_version() -> str:
    """A digest of everything that decides a score: the analyser's code and its lexicons. A rescore
    stopped under another version starts again from the first row."""
    digest = hashlib.sha256()
    for path in sorted([HERE / "analyser.py", HERE / "stemming.py", *(HERE / "lexicons").glob("*.tsv")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _progress(name: str, *, only_missing: bool, restart: bool) -> RescoreProgress:
    now = timezone.now()
    progress, _created = RescoreProgress.objects.get_or_create(
        name=name, defaults={"method_version": method_version(), "started_at": now, "updated_at": now}
    )
    goes_on = (
        not restart
        and progress.finished_at is None
        and progress.method_version == method_version()
        and progress.only_missing == only_missing
    )
    if not goes_on:
        progress.method_version, progress.only_missing = method_version(), only_missing
        progress.last_pk = progress.read = progress.changed = 0
        progress.started_at, progress.finished_at = now, None
    progress.updated_at = now
    progress.save()
    return progress


def rescore(
    queryset: QuerySet,
    *,
    name: str,
    score: Callable[..., SentimentResult],
    store: Callable[[list], None],
    options: RescoreOptions,
) -> Rescored:
    """Walk the rows by id, `batch_size` at a time, and score each again.

    The rows whose sentiment changed get their new `sentiment` and `sentiment_score` set and go,
    batch by batch, to `store`: the owning app's function that saves them (with their search
    outbox entries). Sentiment itself writes only its progress, after each stored batch: a batch
    stored but not yet noted is read again by the next run and found unchanged. A run goes on
    after the last run's progress unless `options.restart`, and stops after `options.max_batches`.
    """
    if options.only_missing:
        queryset = queryset.filter(sentiment="")
    progress = _progress(name, only_missing=options.only_missing, restart=options.restart)
    resumed_after = progress.last_pk
    read = changed = batches = 0
    while options.max_batches is None or batches < options.max_batches:
        batch = list(queryset.filter(pk__gt=progress.last_pk).order_by("pk")[: options.batch_size])
        if not batch:
            progress.finished_at = timezone.now()
            break
        batches += 1
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
        progress.last_pk = batch[-1].pk
        progress.read += len(batch)
        progress.changed += len(moved)
        progress.updated_at = timezone.now()
        progress.save(update_fields=["last_pk", "read", "changed", "updated_at"])
    else:
        # Stopped by max_batches: finished only if no row is left.
        if not queryset.filter(pk__gt=progress.last_pk).exists():
            progress.finished_at = timezone.now()
    progress.save(update_fields=["finished_at"])
    return Rescored(name, read, changed, resumed_after, progress.finished_at is not None)


def rescore_everything(options: RescoreOptions = RescoreOptions()) -> list[Rescored]:
    """Ask every app that stores a sentiment to score its rows again; what each one reports. When
    a score changed, `rescored` tells the apps that count them (the insights' roll-ups)."""
    results = [result for _receiver, result in rescore_requested.send(sender=Rescored, options=options)]
    changed = sum(result.changed for result in results)
    if changed:
        rescored.send(sender=Rescored, changed=changed)
    return results
