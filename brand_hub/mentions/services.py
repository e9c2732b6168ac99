"""Storing mentions sent by listening tools, and erasing them on request."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from brand_hub.sentiment.analyser import score_text
from search.language import detect_language
from search.models import SearchedIndex
from search.outbox import record_change

from .models import ErasedMention, Mention


@dataclass(frozen=True)
class MentionInput:
    """One valid item of a batch: its URL normalised, its language known (given or detected)."""

    index: int
    network: str
    url: str
    author_handle: str
    text: str
    language: str
    published_at: datetime
    reach: int


@dataclass(frozen=True)
class Stored:
    index: int
    id: int
    url: str


def mention_language(text: str, given: str | None) -> str:
    """The language a mention is analysed in: the one the tool sent (checked to be es, en or pl), else
    the one its text is detected in (search.language: function words and letters), else the site's."""
    if given:
        return given
    return detect_language(text, default=settings.LANGUAGE_CODE)


def handle_digest(handle: str, network: str | None) -> str:
    return _digest(f"{network or '*'}:{handle.strip().lower().removeprefix('@')}")


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def erased_among(items: list[MentionInput]) -> set[int]:
    """Indices of the items whose URL or author was erased on request: they are refused."""
    digests = {}
    for item in items:
        keys = [("url", _digest(item.url))]
        if item.author_handle:
            keys += [
                ("handle", handle_digest(item.author_handle, item.network)),
                ("handle", handle_digest(item.author_handle, None)),
            ]
        digests[item.index] = keys
    wanted = {digest for keys in digests.values() for _kind, digest in keys}
    if not wanted:
        return set()
    erased = set(ErasedMention.objects.filter(digest__in=wanted).values_list("kind", "digest"))
    return {index for index, keys in digests.items() if erased.intersection(keys)}


@transaction.atomic
def store_mentions(*, items: list[MentionInput], key=None) -> list[Stored]:
    """Store new mentions, de-duplicated by URL; return each item's row.

    A URL already stored keeps its row: only a higher reach is taken (listening tools send a post
    again as its reach grows). A retry of the same batch therefore changes nothing and gets the same
    rows back. Rows are inserted with one bulk INSERT ... ON CONFLICT DO NOTHING (a concurrent
    batch with the same URL cannot fail this one), scored for sentiment here, and go to the search
    index through the outbox in the same transaction.
    """
    if not items:
        return []
    first_by_url: dict[str, MentionInput] = {}
    for item in items:
        first_by_url.setdefault(item.url, item)
    existing = {
        url: (pk, reach)
        for url, pk, reach in Mention.objects.filter(url__in=list(first_by_url)).values_list(
            "url", "pk", "reach"
        )
    }
    new_rows = []
    for url, item in first_by_url.items():
        if url in existing:
            continue
        result = score_text(item.text, item.language)
        new_rows.append(
            Mention(
                network=item.network,
                url=url,
                author_handle=item.author_handle,
                text=item.text,
                language=item.language,
                published_at=item.published_at,
                reach=item.reach,
                sentiment=result.label,
                sentiment_score=result.score,
                ingested_by=key,
            )
        )
    Mention.objects.bulk_create(new_rows, ignore_conflicts=True, batch_size=1000)
    grown = {
        existing[url][0]: item.reach
        for url, item in first_by_url.items()
        if url in existing and item.reach > existing[url][1]
    }
    if grown:
        rows = Mention.objects.filter(pk__in=list(grown))
        for mention in rows:
            mention.reach = grown[mention.pk]
        Mention.objects.bulk_update(rows, ["reach"])
    ids = dict(Mention.objects.filter(url__in=list(first_by_url)).values_list("url", "pk"))
    changed = [ids[row.url] for row in new_rows if row.url in ids] + list(grown)
    record_change(SearchedIndex.MENTIONS, changed)
    return [Stored(index=item.index, id=ids[item.url], url=item.url) for item in items if item.url in ids]


@transaction.atomic
def erase_mentions(
    *, handles: Iterable[str] = (), urls: Iterable[str] = (), network: str | None = None
) -> int:
    """Delete the mentions of these authors (on `network`, or on every network) and these URLs, take
    them out of the search index, and refuse them if a listening tool sends them again. Returns how
    many were deleted."""
    from .urls import normalise_url

    handles = [handle.strip().removeprefix("@") for handle in handles if handle.strip()]
    urls = [normalise_url(url) for url in urls if url.strip()]
    if not handles and not urls:
        return 0
    condition = Q(url__in=urls)
    for handle in handles:
        by_handle = Q(author_handle__iexact=handle) | Q(author_handle__iexact=f"@{handle}")
        condition |= by_handle & Q(network=network) if network else by_handle
    ids = list(Mention.objects.filter(condition).values_list("pk", flat=True))
    Mention.objects.filter(pk__in=ids).delete()
    record_change(SearchedIndex.MENTIONS, ids)
    records = [ErasedMention(kind=ErasedMention.Kind.URL, digest=_digest(url)) for url in urls]
    records += [
        ErasedMention(kind=ErasedMention.Kind.HANDLE, digest=handle_digest(h, network)) for h in handles
    ]
    ErasedMention.objects.bulk_create(records, ignore_conflicts=True)
    return len(ids)
