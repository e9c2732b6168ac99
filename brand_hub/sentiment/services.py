"""Scoring stored comments and ideas again, in batches, with the search outbox told of every change."""

from collections.abc import Callable

from django.db import transaction

from brand_hub.community.models import CommunityComment
from brand_hub.ideas.models import IdeaPage
from search.models import SearchedIndex
from search.outbox import record_change

from .scoring import comment_sentiment, idea_sentiment


def _rescore(
    queryset, *, score: Callable, index: str, only_missing: bool, batch_size: int
) -> tuple[int, int]:
    """Walk the rows by id, `batch_size` at a time; return (rows read, rows changed)."""
    if only_missing:
        queryset = queryset.filter(sentiment="")
    read = changed = 0
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
        if not batch:
            return read, changed
        last_pk = batch[-1].pk
        read += len(batch)
        moved = []
        for row in batch:
            result = score(row)
            if (row.sentiment, row.sentiment_score) != (result.label, result.score):
                row.sentiment, row.sentiment_score = result.label, result.score
                moved.append(row)
        if moved:
            with transaction.atomic():
                type(batch[0]).objects.bulk_update(moved, ["sentiment", "sentiment_score"])
                record_change(index, [row.pk for row in moved])
            changed += len(moved)


def rescore_comments(*, only_missing: bool = False, batch_size: int = 1000) -> tuple[int, int]:
    return _rescore(
        CommunityComment.objects.select_related(None).only(
            "pk", "comment", "language", "sentiment", "sentiment_score"
        ),
        score=lambda comment: comment_sentiment(comment.comment, locale=comment.language),
        index=SearchedIndex.COMMENTS,
        only_missing=only_missing,
        batch_size=batch_size,
    )


def rescore_ideas(*, only_missing: bool = False, batch_size: int = 1000) -> tuple[int, int]:
    return _rescore(
        IdeaPage.objects.select_related("locale").only(
            "pk", "title", "description", "locale__language_code", "sentiment", "sentiment_score"
        ),
        score=lambda idea: idea_sentiment(idea.title, idea.description, locale=idea.locale.language_code),
        index=SearchedIndex.IDEAS,
        only_missing=only_missing,
        batch_size=batch_size,
    )
