"""Signed revalidation calls to the frontend: its cached pages refresh as soon as an editor's change commits.

A change records what it touched in its transaction's batch; once the transaction commits, each
event of the batch is one django-tasks task that POSTs it to FRONTEND_REVALIDATE_URL, signed with
FRONTEND_REVALIDATE_SECRET. A rolled-back change sends nothing, and a frontend that is down or slow
never fails or holds up the editor's publish: the call is logged and dropped, and the frontend's
cache still expires on its own.

The protocol (the frontend's app/api/revalidate route checks it):

    POST FRONTEND_REVALIDATE_URL
    X-Brand-Hub-Timestamp: <unix seconds>
    X-Brand-Hub-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">
    {"event": "page_published", "pages": [{"id": 7, "locale": "pl", "path": "/pl/blog/post/"}],
     "tags": ["pages", "page:7", "page:3"]}
"""

import hashlib
import hmac
import json
import logging
import time
import urllib.request
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from django_tasks import task

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale, Page

from .public_urls import page_path

logger = logging.getLogger(__name__)

Event = Literal["page_published", "page_unpublished", "page_moved", "page_deleted", "settings_changed"]
#: The order a batch sends its events in: a page deleted after it was unpublished is only deleted.
EVENTS: tuple[Event, ...] = (
    "page_published",
    "page_unpublished",
    "page_moved",
    "page_deleted",
    "settings_changed",
)
#: An event names at most about this many pages (a branch deleted or moved with all its pages); beyond
#: them the "pages" tag still refreshes every listing, and the frontend's cache expires the rest.
MAX_PAGES_NAMED = 200


def revalidation_enabled() -> bool:
    return bool(settings.FRONTEND_REVALIDATE_SECRET and settings.FRONTEND_REVALIDATE_URL)


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    """The X-Brand-Hub-Signature value of `body` sent at `timestamp`."""
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


@dataclass
class Revalidation:
    """One event's pages and cache tags, in the order they were added, each once."""

    pages: dict[tuple[int, str], dict] = field(default_factory=dict)
    tags: dict[str, None] = field(default_factory=dict)

    def add_tag(self, tag: str) -> None:
        self.tags[tag] = None

    def add_page(self, page_id: int, locale_id: int, path: str | None) -> None:
        """The page's tag, and its path when it has one; its locale's code is looked up when sent."""
        self.add_tag(f"page:{page_id}")
        if path is not None:
            self.pages.setdefault((page_id, path), {"id": page_id, "locale": locale_id, "path": path})


class Batch:
    """What one transaction changed, sent once it commits (registered with transaction.on_commit)."""

    def __init__(self):
        self.events: dict[str, Revalidation] = {}
        self.sent = False

    def event(self, name: Event) -> Revalidation:
        return self.events.setdefault(name, Revalidation())

    def __call__(self) -> None:
        # Wagtail unpublishes a live page just before deleting it: the deletion, which names the same
        # pages and tags, says it all.
        self.sent = True
        codes = dict(Locale.objects.values_list("pk", "language_code")) if self.events else {}
        deleted = self.events.get("page_deleted", Revalidation())
        for name in EVENTS:
            revalidation = self.events.get(name)
            if revalidation is None:
                continue
            pages = [
                {**page, "locale": codes.get(page["locale"], "")} for page in revalidation.pages.values()
            ]
            tags = list(revalidation.tags)
            if name != "page_deleted":
                pages = [page for page in pages if (page["id"], page["path"]) not in deleted.pages]
                tags = [tag for tag in tags if tag == "pages" or tag not in deleted.tags]
                if tags == ["pages"]:
                    continue
            _enqueue(name, pages, tags)


#: Each connection's batch, kept beside the connection rather than as an attribute set on it.
_batches: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def record(change: Callable[[Batch], None]) -> None:
    """Apply `change` to the running transaction's batch, which is sent after the commit.

    Outside a transaction the change is its own batch, sent at once.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        batch = Batch()
        change(batch)
        batch()
        return
    batch = _batches.get(connection)
    # Django's private list of the transaction's on-commit calls (pinned by
    # tests/brand_hub/test_private_internals.py): a rollback drops the batch from it.
    if (
        batch is None
        or batch.sent
        or not any(func is batch for _savepoints, func, _robust in connection.run_on_commit)
    ):
        batch = _batches[connection] = Batch()
        transaction.on_commit(batch, robust=True)
    change(batch)


def visitor_path(page_id: int, url_path: str) -> str | None:
    """The locale-prefixed path a visitor reads the page at, from its url_path (None: not routable)."""
    return page_path(Page(id=page_id, url_path=url_path))


def _add_page_and_listing(revalidation: Revalidation, page: Page) -> None:
    """The page, its parent (the index that lists it) and its live translations, whose language
    switchers link to it."""
    revalidation.add_tag("pages")
    if len(revalidation.pages) >= MAX_PAGES_NAMED:
        return  # and no query for it: a large branch deleted page by page
    revalidation.add_page(page.pk, page.locale_id, visitor_path(page.pk, page.url_path))
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        revalidation.add_page(parent.pk, parent.locale_id, visitor_path(parent.pk, parent.url_path))
    translations = (
        Page.objects.filter(translation_key=page.translation_key, depth__gt=1)
        .exclude(pk=page.pk)
        .live()
        .values_list("pk", "url_path", "locale_id")
    )
    for translation_id, url_path, locale_id in translations:
        revalidation.add_page(translation_id, locale_id, visitor_path(translation_id, url_path))


def page_changed(event: Event, page: Page) -> None:
    """A page was published or unpublished: refresh it and the listing that shows it."""
    if not revalidation_enabled():
        return
    record(lambda batch: _add_page_and_listing(batch.event(event), page))


def page_deleting(page: Page) -> None:
    """Record a page about to be deleted, while its path and parent can still be read."""
    if not revalidation_enabled() or not page.live:
        return
    record(lambda batch: _add_page_and_listing(batch.event("page_deleted"), page))


def page_moved(*, page: Page, parent_before: Page, url_path_before: str, url_path_after: str) -> None:
    """A page moved: its old and new paths, both parents, and its live descendants' old and new paths."""
    if not revalidation_enabled() or not (page.live or page.get_descendants().live().exists()):
        return
    descendants = list(
        page.get_descendants().live().values_list("pk", "url_path", "locale_id")[:MAX_PAGES_NAMED]
    )

    def add_move(batch: Batch) -> None:
        revalidation = batch.event("page_moved")
        revalidation.add_page(page.pk, page.locale_id, visitor_path(page.pk, url_path_before))
        _add_page_and_listing(revalidation, page)
        if parent_before.depth > 1:
            revalidation.add_page(
                parent_before.pk,
                parent_before.locale_id,
                visitor_path(parent_before.pk, parent_before.url_path),
            )
        for descendant_id, url_path, locale_id in descendants:
            old_url_path = url_path_before + url_path.removeprefix(url_path_after)
            revalidation.add_page(descendant_id, locale_id, visitor_path(descendant_id, old_url_path))
            revalidation.add_page(descendant_id, locale_id, visitor_path(descendant_id, url_path))

    record(add_move)


def settings_changed(*, locale_id: int) -> None:
    """A language's site settings (navigation, footer) changed: every page of that language shows them."""
    if not revalidation_enabled():
        return
    code = Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()
    if code:
        record(lambda batch: batch.event("settings_changed").add_tag(f"settings:{code}"))


def _enqueue(event: str, pages: list[dict], tags: list[str]) -> None:
    try:
        send_revalidation.enqueue(event=event, pages=pages, tags=tags)
    except Exception:  # the publish is committed; the frontend's cache expires on its own
        logger.exception(
            "revalidation: could not queue %s of pages %s", event, [page["id"] for page in pages]
        )


@task()
def send_revalidation(event: str, pages: list[dict], tags: list[str]) -> bool:
    """POST one signed event to the frontend; False (and a logged warning) when it did not take it.

    Signed when sent, not when queued, so that a call the worker sends late still carries a fresh
    timestamp. Never retried: the frontend's cache expires anyway.
    """
    body = json.dumps({"event": event, "pages": pages, "tags": tags}).encode()
    timestamp = int(time.time())
    request = urllib.request.Request(
        settings.FRONTEND_REVALIDATE_URL,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Brand-Hub-Timestamp": str(timestamp),
            "X-Brand-Hub-Signature": sign(
                secret=settings.FRONTEND_REVALIDATE_SECRET, timestamp=timestamp, body=body
            ),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.FRONTEND_REVALIDATE_TIMEOUT) as response:
            response.read()
    except Exception as error:  # refused, timed out, an HTTP error status: the frontend missed it
        logger.warning(
            "revalidation: the frontend did not take %s of pages %s (tags %s): %s",
            event,
            [page["id"] for page in pages],
            tags,
            error,
        )
        return False
    return True
