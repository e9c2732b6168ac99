"""Live updates: the event log read as Server-Sent Events, woken across processes by PostgreSQL.

The table is the truth; a notification only says "look". Each process keeps one `EventBroker`: on
PostgreSQL it LISTENs on one connection of its own (psycopg 3, async) and, woken, reads the rows
after the last one it read, once for all its streams, and hands each stream what it may see. On
SQLite (development) it reads the table every second instead. After a lost connection it catches
up from the table, so a missed notification loses nothing.

Ids come from a sequence when a transaction inserts its event, not when it commits: a transaction
that took id 10 may commit after the one that took 11. The broker hands rows out in id order and
waits up to GAP_WAIT_SECONDS for a missing id (an open transaction, or one rolled back: its id never
comes). An event that commits after its gap was given up is still sent, without an SSE `id:` line,
so a browser's Last-Event-ID stays the highest id it has and a resume repeats nothing.
"""

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from asgiref.sync import sync_to_async

from django.db import InterfaceError, OperationalError, connections
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from brand_hub.headless.timestamps import iso_timestamp

from .catalogue import Audience, EventKind
from .models import Event
from .services import NOTIFY_CHANNEL

logger = logging.getLogger(__name__)

#: The primary: a replica may lag behind the notification that woke the stream.
DATABASE = "default"
#: A comment line this often keeps proxies and browsers from closing a quiet stream.
KEEPALIVE_SECONDS = 15.0
#: How often the table is read without notifications (SQLite, and runserver's streams).
POLL_SECONDS = 1.0
#: How long a missing id holds back the ids after it (see the module's docstring).
GAP_WAIT_SECONDS = 1.0
#: How long an id given up is still looked for, to send its event late.
LATE_WINDOW_SECONDS = 60.0
#: A resume replays at most this many events, from at most this far back; beyond, the stream says
#: "reset" (reload the page's state) and goes on from now.
REPLAY_LIMIT = 500
REPLAY_WINDOW = timedelta(hours=24)
#: Events a stream may have waiting for a slow client; beyond, the stream ends and the browser
#: reconnects with its Last-Event-ID, replayed from the table.
QUEUE_LIMIT = 1000
#: A gap wider than this (ids of a long-gone batch) is skipped without looking for its ids later.
GAP_TRACK_LIMIT = 1000
#: The rows the broker reads at most per look.
READ_BATCH = 2000
#: The EventSource's reconnection delay, sent first on every stream.
RETRY_MILLISECONDS = 3000

#: What a page's discussion shows live.
PAGE_KINDS = frozenset(
    {
        EventKind.COMMENT_POSTED,
        EventKind.COMMENT_EDITED,
        EventKind.COMMENT_REMOVED,
        EventKind.REACTION_ADDED,
        EventKind.VOTE_CAST,
        EventKind.IDEA_STATUS_CHANGED,
        EventKind.IDEA_IMPLEMENTED,
        EventKind.IDEA_MERGED,
        EventKind.COMPLAINT_RESOLVED,
    }
)
FIELDS = ("id", "kind", "occurred_at", "page_id", "object_id", "audience", "recipient_id", "payload")


@dataclass(frozen=True)
class StreamSpec:
    """Which events one stream sends: one rule, as an SQL condition (replays) and a test (live rows)."""

    page_id: int | None = None
    recipient_id: int | None = None
    audiences: frozenset = frozenset({Audience.PUBLIC})
    kinds: frozenset | None = None
    #: People whose comments the stream leaves out: those the signed-in reader muted (their ids are in
    #: the payload's `author`, so this part of the rule is applied to rows read, not in SQL).
    hidden_authors: frozenset = frozenset()

    @classmethod
    def for_page(
        cls, page_id: int, *, moderator: bool, hidden_authors: frozenset = frozenset()
    ) -> "StreamSpec":
        audiences = {Audience.PUBLIC, Audience.MODERATORS} if moderator else {Audience.PUBLIC}
        return cls(
            page_id=page_id, audiences=frozenset(audiences), kinds=PAGE_KINDS, hidden_authors=hidden_authors
        )

    @classmethod
    def for_person(cls, user_id: int) -> "StreamSpec":
        return cls(recipient_id=user_id, audiences=frozenset({Audience.PERSON}))

    def q(self) -> Q:
        condition = Q(audience__in=self.audiences)
        if self.page_id is not None:
            condition &= Q(page_id=self.page_id)
        if self.recipient_id is not None:
            condition &= Q(recipient_id=self.recipient_id)
        if self.kinds is not None:
            condition &= Q(kind__in=self.kinds)
        return condition

    def matches(self, row: dict) -> bool:
        return (
            row["audience"] in self.audiences
            and (self.page_id is None or row["page_id"] == self.page_id)
            and (self.recipient_id is None or row["recipient_id"] == self.recipient_id)
            and (self.kinds is None or row["kind"] in self.kinds)
            and not self.hides(row)
        )

    def hides(self, row: dict) -> bool:
        author = row["payload"].get("author") if self.hidden_authors else None
        return isinstance(author, dict) and author.get("id") in self.hidden_authors

    def shown(self, rows: list[dict]) -> list[dict]:
        return [row for row in rows if not self.hides(row)]


def event_data(row: dict) -> dict:
    """What a browser receives of an event (its `data:`): never the audience or the recipient."""
    return {
        "id": row["id"],
        "kind": row["kind"],
        "occurred_at": iso_timestamp(row["occurred_at"]),
        "page_id": row["page_id"],
        "object_id": row["object_id"],
        "payload": row["payload"],
    }


#: Where a row read by the broker keeps its `data:` line, written once for every stream it goes to.
DATA_LINE = "_data_line"


def frame(row: dict, *, with_id: bool = True) -> str:
    data = row.get(DATA_LINE)
    if data is None:
        data = row[DATA_LINE] = "data: " + json.dumps(event_data(row), ensure_ascii=False)
    lines = [f"id: {row['id']}"] if with_id else []
    lines += [f"event: {row['kind']}", data]
    return "\n".join(lines) + "\n\n"


def reset_frame(last_id: int) -> str:
    data = {"detail": _("Too much happened since you were last connected: reload to see it all.")}
    return f"id: {last_id}\nevent: reset\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


KEEPALIVE = ": keepalive\n\n"
OPENING = f"retry: {RETRY_MILLISECONDS}\n\n"


async def in_thread(function, *args, **kwargs):
    """Run a database read in a worker thread of the loop's pool.

    The thread keeps its connection from one read to the next (whatever CONN_MAX_AGE says: a broker
    looks several times a second); one that broke (a restart of PostgreSQL) is dropped and the read
    tried once more on a new one.
    """

    def read():
        try:
            return function(*args, **kwargs)
        except (InterfaceError, OperationalError):
            connections[DATABASE].close()
            return function(*args, **kwargs)

    return await sync_to_async(read, thread_sensitive=False)()


def _events():
    return Event.objects.using(DATABASE).order_by("id")


def latest_id() -> int:
    return _events().aggregate(last=Max("id"))["last"] or 0


def replay(spec: StreamSpec, *, after: int, upto: int | None = None) -> tuple[list[dict], bool]:
    """The stream's events after the id a browser last had (up to `upto`), and whether there are too
    many or too old ones to replay (then the browser must reload)."""
    rows = _events().filter(spec.q(), id__gt=after)
    if upto is not None:
        rows = rows.filter(id__lte=upto)
    rows = list(rows.values(*FIELDS)[: REPLAY_LIMIT + 1])
    too_old = bool(rows) and rows[0]["occurred_at"] < timezone.now() - REPLAY_WINDOW
    return spec.shown(rows[:REPLAY_LIMIT]), too_old or len(rows) > REPLAY_LIMIT


@dataclass(eq=False)
class Subscription:
    spec: StreamSpec
    #: The last id the broker had read when the stream subscribed: it hands the stream later ones.
    start: int
    queue: asyncio.Queue = field(default_factory=asyncio.Queue)
    overflowed: bool = False


#: Put in a subscription's queue for an event whose gap was given up: sent without its `id:`.
@dataclass(frozen=True)
class Late:
    row: dict


class EventBroker:
    """One per process (per event loop): reads new rows once and hands them to the streams."""

    def __init__(self) -> None:
        self.subscriptions: set[Subscription] = set()
        self.read_upto: int | None = None
        self.gap_since: float | None = None
        self.given_up: dict[int, float] = {}
        self.task: asyncio.Task | None = None
        self.started = asyncio.Event()

    async def subscribe(self, spec: StreamSpec) -> Subscription:
        if self.task is None or self.task.done():
            self.task = asyncio.create_task(self.run(), name="brand_hub events broker")
        await self.started.wait()
        subscription = Subscription(spec=spec, start=self.read_upto)
        self.subscriptions.add(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        self.subscriptions.discard(subscription)

    async def run(self) -> None:
        while True:
            try:
                if self.read_upto is None:
                    self.read_upto = await in_thread(latest_id)
                    self.started.set()
                if connections[DATABASE].vendor == "postgresql":
                    await self.listen()
                else:
                    await asyncio.sleep(POLL_SECONDS)
                    await self.look()
            except asyncio.CancelledError:
                raise
            except Exception:
                # The connection dropped (a restart of PostgreSQL, a network cut): read again from the
                # table once back, so nothing that committed meanwhile is missed.
                logger.exception("The live events' listener failed; listening again in a second")
                await asyncio.sleep(1)

    async def listen(self) -> None:
        import psycopg

        params = {
            name: value
            for name, value in connections[DATABASE].get_connection_params().items()
            if name not in ("cursor_factory", "context")
        }
        async with await psycopg.AsyncConnection.connect(**params, autocommit=True) as listener:
            await listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
            await self.look()  # whatever committed before the LISTEN took hold
            while True:
                # Woken by a commit, or every so often to give up a gap and look for late ids.
                timeout = GAP_WAIT_SECONDS / 4 if self.gap_since or self.given_up else KEEPALIVE_SECONDS
                woken = False
                async for _notification in listener.notifies(timeout=timeout, stop_after=1):
                    woken = True
                if not woken:
                    await listener.execute("SELECT 1")  # a connection cut without a word fails here
                await self.look()

    async def look(self) -> None:
        rows, late = await in_thread(self.read)
        for row in rows:
            self.hand_out(row)
        for row in late:
            self.hand_out(Late(row))

    def read(self) -> tuple[list[dict], list[dict]]:
        """The rows after `read_upto` that may go out in id order, and the late rows of given-up ids."""
        now = time.monotonic()
        self.given_up = {
            pk: since for pk, since in self.given_up.items() if now - since < LATE_WINDOW_SECONDS
        }
        condition = Q(id__gt=self.read_upto)
        if self.given_up:
            condition |= Q(id__in=list(self.given_up))
        rows = list(_events().filter(condition).values(*FIELDS)[:READ_BATCH])
        late = [row for row in rows if row["id"] <= self.read_upto]
        for row in late:
            del self.given_up[row["id"]]
        ready = []
        for row in rows:
            if row["id"] <= self.read_upto:
                continue
            missing = range(self.read_upto + 1, row["id"])
            if missing:
                self.gap_since = self.gap_since or now
                if now - self.gap_since < GAP_WAIT_SECONDS:
                    break
                if len(missing) <= GAP_TRACK_LIMIT:
                    self.given_up.update(dict.fromkeys(missing, now))
            self.gap_since = None
            self.read_upto = row["id"]
            ready.append(row)
        return ready, late

    def hand_out(self, item: dict | Late) -> None:
        row = item.row if isinstance(item, Late) else item
        for subscription in list(self.subscriptions):
            if subscription.overflowed or not subscription.spec.matches(row):
                continue
            if isinstance(item, dict) and row["id"] <= subscription.start:
                continue
            if subscription.queue.qsize() >= QUEUE_LIMIT:
                subscription.overflowed = True
                subscription.queue.put_nowait(None)
            else:
                subscription.queue.put_nowait(item)


_brokers: dict[asyncio.AbstractEventLoop, EventBroker] = {}


def broker() -> EventBroker:
    """The process's broker for the running event loop (a test's loop gets its own)."""
    loop = asyncio.get_running_loop()
    for stale in [other for other in _brokers if other.is_closed()]:
        del _brokers[stale]
    return _brokers.setdefault(loop, EventBroker())


async def stream(
    spec: StreamSpec, *, last_event_id: int | None, still_allowed: Callable[[], bool] | None = None
) -> AsyncIterator[str]:
    """The SSE text of one stream under ASGI: the replay after `last_event_id`, then live events.

    `still_allowed` is asked at each keepalive (the page may have been unpublished meanwhile): when
    it says no, the stream ends.
    """
    subscription = await broker().subscribe(spec)
    try:
        yield OPENING
        if last_event_id is not None:
            rows, reset = await in_thread(replay, spec, after=last_event_id, upto=subscription.start)
            if reset:
                yield reset_frame(subscription.start)
            else:
                yield "".join(frame(row) for row in rows)
        while True:
            try:
                item = await asyncio.wait_for(subscription.queue.get(), KEEPALIVE_SECONDS)
            except TimeoutError:
                if still_allowed is not None and not await in_thread(still_allowed):
                    return
                yield KEEPALIVE
                continue
            items = [item]
            while not subscription.queue.empty():
                items.append(subscription.queue.get_nowait())
            if None in items:  # the client fell too far behind: it reconnects and replays
                return
            yield "".join(
                frame(item.row, with_id=False) if isinstance(item, Late) else frame(item) for item in items
            )
    finally:
        with contextlib.suppress(Exception):
            broker().unsubscribe(subscription)


def polled_stream(
    spec: StreamSpec, *, last_event_id: int | None, still_allowed: Callable[[], bool] | None = None
) -> Iterator[str]:
    """The same stream for a WSGI server (`make run`'s runserver): the request's thread reads the table
    every POLL_SECONDS. Fine for development; production serves the streams under ASGI."""
    yield OPENING
    after = latest_id()
    if last_event_id is not None:
        rows, reset = replay(spec, after=last_event_id, upto=after)
        yield reset_frame(after) if reset else "".join(frame(row) for row in rows)
    quiet_since = time.monotonic()
    while True:
        time.sleep(POLL_SECONDS)
        rows = list(_events().filter(spec.q(), id__gt=after).values(*FIELDS)[:REPLAY_LIMIT])
        if rows:
            after = rows[-1]["id"]
            quiet_since = time.monotonic()
            yield "".join(frame(row) for row in spec.shown(rows))
        elif time.monotonic() - quiet_since >= KEEPALIVE_SECONDS:
            if still_allowed is not None and not still_allowed():
                return
            quiet_since = time.monotonic()
            yield KEEPALIVE
