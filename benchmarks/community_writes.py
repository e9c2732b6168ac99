"""Load generator: prosumers commenting, replying, reacting and voting at once, then every count checked.

Starts nothing: it talks to a running server and reads the same database to check the outcome.
Each prosumer is a thread with its own app session (X-Session-Token, from
benchmarks/community_prosumers.py) that, until the time is up, picks an action by the mix, sends
it on a fresh connection, waits its think time and goes again. Each one remembers what its
accepted requests must have changed (its reactions, its votes, the comments and replies it
posted); afterwards the database must hold exactly that: like and dislike counts and reaction
rows per comment, vote counts and vote rows per idea, root comments per page, replies per parent.

    DJANGO_SETTINGS_MODULE=... DATABASE_URL=... python benchmarks/community_writes.py \
        --base-url http://127.0.0.1:8123 --prosumers tokens.json [--clients 50] [--seconds 60]
"""

import argparse
import atexit
import http.client
import json
import os
import platform
import random
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from content_api import format_table, machine_busy_seconds, percentile, server_cpu_seconds

ROOT = Path(__file__).resolve().parent.parent

TARGET_P95_MS = 150.0
#: Action weights in percent. A reaction likes, dislikes, switches or withdraws; a vote is cast or withdrawn.
DEFAULT_MIX = "comment=35,reply=25,reaction=25,vote=15"
#: Rows of the table, in order: what was sent, and the status that means "done".
REQUEST_KINDS = {
    "comment": 201,
    "reply": 201,
    "reaction": 200,
    "reaction withdrawn": 204,
    "vote": 200,
    "vote withdrawn": 200,
}
#: Replies and reactions go to the most recent comments: discussions are hot while they are new.
RECENT_COMMENTS = 100
#: How often a reaction goes back to a comment the person reacted to, to switch or withdraw it.
REVISIT_REACTION = 0.3
KINDS = ("question", "complaint", "suggestion", "praise", "other")


class BenchmarkError(Exception):
    pass


@dataclass
class Targets:
    """What the load writes to, read from the database before it starts."""

    page_ids: list[int]
    idea_ids: list[int]
    max_reply_level: int
    idea_votes_before: dict[int, int]  # IdeaPage.vote_count
    idea_vote_rows_before: dict[int, int]  # IdeaVote rows
    #: Comments up to this id were there before: the checks look only at the ones made by the run.
    last_comment_before: int


@dataclass
class Sample:
    kind: str
    ms: float
    status: int | None  # None: no answer (connection error, timeout)
    ok: bool
    started: float = 0.0  # time.time() when it was sent
    upstream: str = ""  # the node that answered, when a proxy says so (X-Upstream)


@dataclass
class Prosumer:
    """One simulated person: their session and what their accepted requests must have changed."""

    user_id: int
    token: str
    roots: Counter = field(default_factory=Counter)  # page id -> root comments accepted
    replies: Counter = field(default_factory=Counter)  # parent id -> replies accepted
    reactions: dict[int, str] = field(default_factory=dict)  # comment id -> like|dislike
    votes: set[int] = field(default_factory=set)  # idea ids
    votes_before: frozenset[int] = frozenset()  # from an earlier run on the same database
    # Objects a request without an answer may or may not have changed: left out of the checks.
    unsure_pages: set[int] = field(default_factory=set)
    unsure_comments: set[int] = field(default_factory=set)
    unsure_ideas: set[int] = field(default_factory=set)
    samples: list[Sample] = field(default_factory=list)


class CommentPool:
    """Published comments made during the run, shared by every prosumer for replies and reactions."""

    def __init__(self):
        self._lock = threading.Lock()
        self._comments: list[tuple[int, int, int, int]] = []  # (id, page id, level, author's id)

    def add(self, comment_id: int, page_id: int, level: int, author_id: int) -> None:
        with self._lock:
            self._comments.append((comment_id, page_id, level, author_id))

    def recent(
        self, rng: random.Random, *, below_level: int | None = None, not_by: int | None = None
    ) -> tuple[int, int, int, int] | None:
        """A recent comment; `not_by` leaves out someone's own (nobody reacts to their own comment)."""
        with self._lock:
            candidates = [
                c
                for c in self._comments[-RECENT_COMMENTS:]
                if (below_level is None or c[2] < below_level) and c[3] != not_by
            ]
        return rng.choice(candidates) if candidates else None


class Client:
    """One request per fresh connection: a POST is never resent on a reused socket, so never doubled."""

    def __init__(self, base_url: str, timeout: float):
        parts = urlsplit(base_url)
        if parts.scheme != "http" or not parts.hostname:
            raise BenchmarkError(f"--base-url must be http://host:port, got {base_url!r}")
        self.host, self.port, self.timeout = parts.hostname, parts.port or 80, timeout

    def send(
        self, method: str, path: str, token: str | None, body: dict | None = None
    ) -> tuple[int | None, dict, dict[str, str]]:
        """The answer's status, JSON and headers; anonymous without a token."""
        headers = {"Accept": "application/json", "Host": self.host}
        if token:
            headers["X-Session-Token"] = token
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=payload, headers=headers)
            response = conn.getresponse()
            raw = response.read()
        finally:
            conn.close()
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {"raw": raw[:300].decode(errors="replace")}
        return response.status, data, dict(response.getheaders())


@dataclass
class Failure:
    kind: str
    status: int | None
    detail: str


class Load:
    #: The status that means "done", per kind of request.
    expected = REQUEST_KINDS

    def __init__(self, *, client: Client, targets: Targets, mix: dict[str, int], think_ms: float, seed: int):
        self.client = client
        self.targets = targets
        self.actions = list(mix)
        self.weights = list(mix.values())
        self.think = think_ms / 1000
        self.seed = seed
        self.pool = CommentPool()
        self.failures: list[Failure] = []
        self._failures_lock = threading.Lock()

    def timed(self, person: Prosumer, kind: str, method: str, path: str, body: dict | None = None):
        """Send one request and record it; returns the answer's JSON when it is the expected status."""
        sent_at, started = time.time(), time.perf_counter()
        headers = {}
        try:
            status, data, headers = self.client.send(method, path, person.token, body)
        except (OSError, http.client.HTTPException) as error:
            status, data = None, {"detail": f"{type(error).__name__}: {error}"}
        ms = (time.perf_counter() - started) * 1000
        ok = status == self.expected[kind]
        upstream = headers.get("X-Upstream", "")
        sample = Sample(kind=kind, ms=ms, status=status, ok=ok, started=sent_at, upstream=upstream)
        person.samples.append(sample)
        if not ok:
            with self._failures_lock:
                self.failures.append(Failure(kind, status, json.dumps(data, ensure_ascii=False)[:300]))
        return ok, status, data

    def comment(self, person: Prosumer, rng: random.Random) -> None:
        page_id = rng.choice(self.targets.page_ids)
        body = {
            "page_id": page_id,
            "text": f"Comentario de prueba {rng.randrange(10**6)} de {person.user_id}",
            "kind": rng.choice(KINDS),
        }
        ok, status, data = self.timed(person, "comment", "POST", "/api/community/comments/", body)
        if ok:
            person.roots[page_id] += 1
            if data["state"] == "published":
                self.pool.add(data["id"], page_id, data["level"], person.user_id)
        elif status is None or status >= 500:
            person.unsure_pages.add(page_id)

    def reply(self, person: Prosumer, rng: random.Random) -> None:
        parent = self.pool.recent(rng, below_level=self.targets.max_reply_level)
        if parent is None:  # nothing to reply to yet
            return self.comment(person, rng)
        parent_id, page_id, _level, _author = parent
        body = {"page_id": page_id, "parent_id": parent_id, "text": f"Respuesta a {parent_id}"}
        ok, status, data = self.timed(person, "reply", "POST", "/api/community/comments/", body)
        if ok:
            person.replies[parent_id] += 1
            if data["state"] == "published":
                self.pool.add(data["id"], page_id, data["level"], person.user_id)
        elif status is None or status >= 500:
            person.unsure_comments.add(parent_id)

    def reaction(self, person: Prosumer, rng: random.Random) -> None:
        if person.reactions and rng.random() < REVISIT_REACTION:
            comment_id = rng.choice(list(person.reactions))
        else:
            picked = self.pool.recent(rng, not_by=person.user_id)
            if picked is None:
                return self.comment(person, rng)
            comment_id = picked[0]
        path = f"/api/community/comments/{comment_id}/reaction"
        current = person.reactions.get(comment_id)
        if current is not None and rng.random() < 0.4:
            ok, status, _data = self.timed(person, "reaction withdrawn", "DELETE", path)
            if ok:
                del person.reactions[comment_id]
        else:
            # A second reaction switches the value: the count moves from one side to the other.
            if current is None:
                value = "like" if rng.random() < 0.75 else "dislike"
            else:
                value = "dislike" if current == "like" else "like"
            ok, status, _data = self.timed(person, "reaction", "PUT", path, {"value": value})
            if ok:
                person.reactions[comment_id] = value
        if not ok and (status is None or status >= 500):
            person.unsure_comments.add(comment_id)

    def vote(self, person: Prosumer, rng: random.Random) -> None:
        # Each person votes an idea at most once: a vote already cast is withdrawn instead.
        idea_id = rng.choice(self.targets.idea_ids)
        path = f"/api/community/ideas/{idea_id}/vote"
        if idea_id in person.votes:
            ok, status, _data = self.timed(person, "vote withdrawn", "DELETE", path)
            if ok:
                person.votes.discard(idea_id)
        else:
            ok, status, _data = self.timed(person, "vote", "POST", path)
            if ok:
                person.votes.add(idea_id)
        if not ok and (status is None or status >= 500):
            person.unsure_ideas.add(idea_id)

    def run_person(self, person: Prosumer, index: int, start: threading.Barrier, deadline_box: list) -> None:
        rng = random.Random(self.seed * 1000 + index)
        start.wait()
        deadline = deadline_box[0]
        # Spread the first requests over one think time, as people do not all click at once.
        time.sleep(rng.uniform(0, self.think))
        while time.monotonic() < deadline:
            action = rng.choices(self.actions, self.weights)[0]
            getattr(self, action)(person, rng)
            if self.think:
                pause = rng.expovariate(1 / self.think)
                time.sleep(max(0.0, min(pause, deadline - time.monotonic())))

    def run(self, people: list[Prosumer], seconds: float) -> float:
        """Run every prosumer until `seconds` have passed; return the wall time until the last answer."""
        start = threading.Barrier(len(people) + 1)
        deadline_box = [0.0]
        threads = [
            threading.Thread(target=self.run_person, args=(person, n, start, deadline_box), daemon=True)
            for n, person in enumerate(people)
        ]
        for thread in threads:
            thread.start()
        began = time.monotonic()
        deadline_box[0] = began + seconds
        start.wait()
        for thread in threads:
            thread.join()
        return time.monotonic() - began


# --- the database: targets before, checks after ----------------------------------------------------


def read_targets(*, pages: int, people: list[Prosumer]) -> Targets:
    """The pages and ideas to write to, and what the database holds before the run.

    Also gives each prosumer the votes it already has, so that a second run on the same database
    withdraws them rather than voting twice.
    """
    from django.conf import settings
    from django.db.models import Count

    from wagtail.models import Page

    from brand_hub.community.comments import COMMENTABLE_TYPES
    from brand_hub.community.models import CommunityComment
    from brand_hub.ideas.models import IdeaPage, IdeaVote
    from brand_hub.ideas.services import accepts_votes

    commentable = [
        page.pk
        for page in Page.objects.live().public().select_related("content_type").order_by("pk")
        if f"{page.content_type.app_label}.{page.content_type.model}" in COMMENTABLE_TYPES
    ]
    ideas = [
        idea
        for idea in IdeaPage.objects.live().public().order_by("pk")
        if accepts_votes(idea.get_parent().specific)
    ]
    if not commentable or not ideas:
        raise BenchmarkError(
            f"{len(commentable)} commentable pages and {len(ideas)} ideas open for votes; did seed_demo run?"
        )
    rows = dict(
        IdeaVote.objects.filter(idea__in=ideas)
        .values("idea")
        .annotate(n=Count("pk"))
        .values_list("idea", "n")
    )
    for person in people:
        person.votes_before = frozenset(
            IdeaVote.objects.filter(voter_id=person.user_id, idea__in=ideas).values_list("idea_id", flat=True)
        )
        person.votes = set(person.votes_before)
    last_comment = CommunityComment.objects.order_by("-pk").values_list("pk", flat=True).first()
    return Targets(
        # A few busy discussions rather than one comment per page: where counters meet contention.
        page_ids=commentable[:pages],
        idea_ids=[idea.pk for idea in ideas],
        max_reply_level=settings.COMMENTS_XTD_MAX_THREAD_LEVEL,
        idea_votes_before={idea.pk: idea.vote_count for idea in ideas},
        idea_vote_rows_before={idea.pk: rows.get(idea.pk, 0) for idea in ideas},
        last_comment_before=last_comment or 0,
    )


@dataclass
class Check:
    name: str
    compared: int
    mismatches: list[str]
    skipped: int = 0

    @property
    def exact(self) -> bool:
        return not self.mismatches

    def line(self) -> str:
        verdict = (
            "exact" if self.exact else f"{len(self.mismatches)} WRONG, e.g. {'; '.join(self.mismatches[:3])}"
        )
        skipped = f" ({self.skipped} left out: a request got no answer)" if self.skipped else ""
        return f"  {self.name}: {self.compared} compared, {verdict}{skipped}"


def compare(name: str, expected: dict, actual: dict, unsure: set) -> Check:
    keys = (set(expected) | set(actual)) - unsure
    mismatches = [
        f"{key}: expected {expected.get(key, 0)}, found {actual.get(key, 0)}"
        for key in sorted(keys)
        if expected.get(key, 0) != actual.get(key, 0)
    ]
    return Check(name, len(keys), mismatches, skipped=len(unsure & (set(expected) | set(actual))))


def check_counts(people: list[Prosumer], targets: Targets) -> list[Check]:
    """Compare what the accepted requests must have written with what the database holds."""
    from django.db.models import Count

    from brand_hub.community.models import CommentReaction, CommunityComment
    from brand_hub.ideas.models import IdeaPage, IdeaVote

    user_ids = [p.user_id for p in people]
    unsure_pages = set().union(*(p.unsure_pages for p in people))
    unsure_comments = set().union(*(p.unsure_comments for p in people))
    unsure_ideas = set().union(*(p.unsure_ideas for p in people))

    written = list(
        CommunityComment.objects.filter(user_id__in=user_ids, pk__gt=targets.last_comment_before).values(
            "pk", "page_id", "level", "parent_id"
        )
    )
    roots_found = Counter(c["page_id"] for c in written if c["level"] == 0)
    # xtd stores a root comment's own id as its parent_id: replies are the rows below level 0.
    replies_found = Counter(c["parent_id"] for c in written if c["level"] > 0)
    roots_sent = sum((p.roots for p in people), Counter())
    replies_sent = sum((p.replies for p in people), Counter())

    comment_ids = [c["pk"] for c in written]
    likes, dislikes = Counter(), Counter()
    for person in people:
        for comment_id, value in person.reactions.items():
            (likes if value == "like" else dislikes)[comment_id] += 1
    stored = {
        row["pk"]: row
        for row in CommunityComment.objects.filter(pk__in=comment_ids).values(
            "pk", "like_count", "dislike_count"
        )
    }
    reaction_rows = Counter()
    for row in (
        CommentReaction.objects.filter(comment_id__in=comment_ids)
        .values("comment_id", "value")
        .annotate(n=Count("pk"))
    ):
        reaction_rows[(row["comment_id"], row["value"])] = row["n"]

    reactions_sent = {
        **{(k, "like"): v for k, v in likes.items()},
        **{(k, "dislike"): v for k, v in dislikes.items()},
    }
    unsure_reactions = {key for key in set(reactions_sent) | set(reaction_rows) if key[0] in unsure_comments}

    # Net votes the run added: a vote withdrawn that an earlier run cast counts -1.
    votes_sent = Counter()
    for person in people:
        votes_sent.update(person.votes - person.votes_before)
        votes_sent.subtract(person.votes_before - person.votes)
    vote_counts = dict(IdeaPage.objects.filter(pk__in=targets.idea_ids).values_list("pk", "vote_count"))
    vote_rows = dict(
        IdeaVote.objects.filter(idea_id__in=targets.idea_ids)
        .values("idea_id")
        .annotate(n=Count("pk"))
        .values_list("idea_id", "n")
    )
    own_votes = set(IdeaVote.objects.filter(voter_id__in=user_ids).values_list("voter_id", "idea_id"))
    sent_votes = {(p.user_id, idea_id) for p in people for idea_id in p.votes}
    unsure_pairs = {pair for pair in own_votes ^ sent_votes if pair[1] in unsure_ideas}

    return [
        compare("root comments per page", roots_sent, roots_found, unsure_pages),
        compare("replies per parent", replies_sent, replies_found, unsure_comments),
        compare(
            "like_count per comment", likes, {k: v["like_count"] for k, v in stored.items()}, unsure_comments
        ),
        compare(
            "dislike_count per comment",
            dislikes,
            {k: v["dislike_count"] for k, v in stored.items()},
            unsure_comments,
        ),
        compare("reaction rows per comment and value", reactions_sent, reaction_rows, unsure_reactions),
        compare(
            "vote_count per idea",
            {i: targets.idea_votes_before[i] + votes_sent[i] for i in targets.idea_ids},
            vote_counts,
            unsure_ideas,
        ),
        compare(
            "vote rows per idea",
            {i: targets.idea_vote_rows_before[i] + votes_sent[i] for i in targets.idea_ids},
            vote_rows,
            unsure_ideas,
        ),
        compare(
            "votes per prosumer and idea",
            dict.fromkeys(sent_votes - unsure_pairs, 1),
            dict.fromkeys(own_votes - unsure_pairs, 1),
            set(),
        ),
    ]


class TaskWorker:
    """`manage.py db_worker` beside the server, as production runs it, when tasks wait in the database.

    The writes queue their notifications (which send their e-mails) for it; its CPU is counted apart,
    on the same machine, so that moving work out of the request does not hide what it costs.
    """

    def __init__(self):
        import subprocess
        import tempfile

        from django.conf import settings

        self.process = None
        if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
            return
        self.log = tempfile.NamedTemporaryFile(prefix="db_worker-", suffix=".log")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        atexit.register(self.stop)  # also when the run fails half-way

    def wait_until_ready(self, timeout: float = 120) -> None:
        """Until the worker has started (its first line, "Starting worker ..."), as in production, where
        it runs before the first write: its start-up (seconds of CPU) is not the load's."""
        if self.process is None:
            return
        deadline = time.monotonic() + timeout
        while b"Starting worker" not in Path(self.log.name).read_bytes():
            if self.process.poll() is not None or time.monotonic() > deadline:
                output = Path(self.log.name).read_bytes().decode(errors="replace")[-2000:]
                raise BenchmarkError(f"manage.py db_worker did not start:\n{output}")
            time.sleep(0.1)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def drain(self, timeout: float = 120) -> dict[str, int]:
        """Wait until no task is left waiting; the tasks run during the benchmark, by status."""
        from django_tasks_db.models import DBTaskResult

        from django.db.models import Count

        deadline = time.monotonic() + timeout
        while DBTaskResult.objects.filter(status="READY").exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        return dict(DBTaskResult.objects.values_list("status").annotate(n=Count("pk")))

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


class DatabaseCpu:
    """CPU time of the PostgreSQL backends serving this database (the server's connections), from /proc.

    That is the server's share of the work done inside PostgreSQL, which the server's own processes
    do not show. Sampled twice a second, because the server closes its connections after
    DATABASE_CONN_MAX_AGE (60 s) and a backend's time goes with it; at most half a second of each
    closed backend is missed. Backends are recognised by their process title, "postgres: ROLE DB ...".
    """

    def __init__(self, role: str, database: str, interval: float = 0.5):
        self.title = f"postgres: {role} {database} ".encode()
        self.interval = interval
        self.before = self._read()
        self.latest = dict(self.before)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _read(self) -> dict[int, float]:
        tick = os.sysconf("SC_CLK_TCK")
        seconds = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if not (entry / "cmdline").read_bytes().startswith(self.title):
                    continue
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            seconds[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
        return seconds

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            for pid, used in self._read().items():
                self.latest[pid] = max(used, self.latest.get(pid, 0.0))

    def stop(self) -> float:
        """Seconds of CPU the backends spent since the sampler started."""
        self._stop.set()
        self._thread.join()
        for pid, used in self._read().items():
            self.latest[pid] = max(used, self.latest.get(pid, 0.0))
        return sum(used - self.before.get(pid, 0.0) for pid, used in self.latest.items())


def database_cpu_sampler() -> DatabaseCpu | None:
    """A sampler for the database the settings point at, or None when it is not a local PostgreSQL."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor != "postgresql" or settings["HOST"] not in ("127.0.0.1", "localhost", "::1"):
        return None
    return DatabaseCpu(settings["USER"], settings["NAME"])


# --- the report ------------------------------------------------------------------------------------


def summarise(samples: list[Sample], seconds: float) -> dict:
    times = sorted(s.ms for s in samples if s.ok)
    statuses = Counter("no answer" if s.status is None else str(s.status) for s in samples)

    def ms(pct: float) -> float | None:
        return round(percentile(times, pct), 1) if times else None

    return {
        "requests": len(samples),
        "per_second": round(len(samples) / seconds, 1) if seconds else 0.0,
        "p50_ms": ms(50),
        "p95_ms": ms(95),
        "p99_ms": ms(99),
        "max_ms": round(times[-1], 1) if times else None,
        "errors": sum(not s.ok for s in samples),
        "statuses": dict(sorted(statuses.items())),
    }


def parse_mix(text: str) -> dict[str, int]:
    mix = {}
    for part in text.split(","):
        name, _sep, weight = part.partition("=")
        if name.strip() not in ("comment", "reply", "reaction", "vote") or not weight.strip().isdigit():
            raise argparse.ArgumentTypeError(f"--mix takes comment=N,reply=N,reaction=N,vote=N; got {part!r}")
        mix[name.strip()] = int(weight)
    return mix


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True, help="the running server, e.g. http://127.0.0.1:8123")
    parser.add_argument("--prosumers", type=Path, required=True, help="JSON from community_prosumers.py")
    parser.add_argument("--clients", type=int, default=50, help="concurrent prosumers")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--think-ms", type=float, default=1000, help="mean pause between one person's actions"
    )
    parser.add_argument("--mix", type=parse_mix, default=parse_mix(DEFAULT_MIX))
    parser.add_argument("--pages", type=int, default=20, help="how many commentable pages take comments")
    parser.add_argument("--timeout", type=float, default=30, help="seconds a request may take")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server", default="unknown", help="how the server runs, for the report")
    parser.add_argument("--server-pid", type=int, help="the server's process, to read its CPU time")
    parser.add_argument("--json", type=Path, help="where to write the figures")
    parser.add_argument(
        "--samples", type=Path, help="also write each request here, a JSON line each (sent, kind, ms, status)"
    )
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.dev")
    import django

    django.setup()
    from django.db import connections

    accounts = json.loads(args.prosumers.read_text())
    if len(accounts) < args.clients:
        print(
            f"community_writes: FAIL: {args.clients} clients, {len(accounts)} prosumers in {args.prosumers}"
        )
        return 2
    people = [Prosumer(user_id=a["id"], token=a["token"]) for a in accounts[: args.clients]]
    try:
        client = Client(args.base_url, args.timeout)
        targets = read_targets(pages=args.pages, people=people)
        for person in people:
            status, data, _headers = client.send("GET", "/api/community/me/", person.token)
            if status != 200 or data.get("id") != person.user_id:
                raise BenchmarkError(f"the session of prosumer {person.user_id} is refused: {status} {data}")
    except (BenchmarkError, OSError, http.client.HTTPException) as error:
        print(f"community_writes: FAIL: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    worker = TaskWorker()
    try:
        worker.wait_until_ready()
    except BenchmarkError as error:
        print(f"community_writes: FAIL: {error}", file=sys.stderr)
        return 2
    # The load's threads hold no database connection: the checks below open a fresh one.
    connections.close_all()

    print(
        f"{args.clients} prosumers for {args.seconds:g} s against {args.base_url} ({args.server}); "
        f"mix {', '.join(f'{k} {v}%' for k, v in args.mix.items())}; mean think time {args.think_ms:g} ms; "
        f"comments on {len(targets.page_ids)} pages, votes on {len(targets.idea_ids)} ideas"
    )
    load = Load(client=client, targets=targets, mix=args.mix, think_ms=args.think_ms, seed=args.seed)
    database_sampler = database_cpu_sampler()
    busy_before, server_before, client_before, worker_before = (
        machine_busy_seconds(),
        server_cpu_seconds(args.server_pid),
        sum(os.times()[:2]),
        server_cpu_seconds(worker.pid),
    )
    elapsed = load.run(people, args.seconds)
    busy_after, server_after, client_after, worker_after = (
        machine_busy_seconds(),
        server_cpu_seconds(args.server_pid),
        sum(os.times()[:2]),
        server_cpu_seconds(worker.pid),
    )
    tasks = worker.drain() if worker.pid else {}
    worker_total = server_cpu_seconds(worker.pid)  # with the queue the load left behind
    worker.stop()
    database_seconds = database_sampler.stop() if database_sampler else None
    checks = check_counts(people, targets)

    samples = [s for p in people for s in p.samples]
    if args.samples:
        args.samples.parent.mkdir(parents=True, exist_ok=True)
        with args.samples.open("w") as out:
            for s in sorted(samples, key=lambda s: s.started):
                line = {"sent": round(s.started, 4), "kind": s.kind, "ms": round(s.ms, 2), "status": s.status}
                out.write(json.dumps(line) + "\n")
    by_kind = {kind: summarise([s for s in samples if s.kind == kind], elapsed) for kind in REQUEST_KINDS}
    overall = summarise(samples, elapsed)

    def figure(value) -> str:
        return "-" if value is None else f"{value:.1f}"

    rows = []
    for kind, summary in [*by_kind.items(), ("all writes", overall)]:
        p95 = summary["p95_ms"]
        meets = summary["requests"] == 0 or (
            p95 is not None and p95 < TARGET_P95_MS and not summary["errors"]
        )
        rows.append(
            [
                kind,
                str(summary["requests"]),
                figure(summary["per_second"]),
                figure(summary["p50_ms"]),
                figure(p95),
                figure(summary["p99_ms"]),
                figure(summary["max_ms"]),
                str(summary["errors"]),
                "ok" if meets else "MISSED",
            ]
        )
    print()
    print(f"Latency in ms, connect to last byte, of accepted requests; {elapsed:.1f} s of wall time.")
    print(
        format_table(
            ["action", "requests", "req/s", "p50", "p95", "p99", "max", "errors", "p95 < 150, 0 errors"], rows
        )
    )
    print()
    print("Statuses: " + "; ".join(f"{k}: {v['statuses']}" for k, v in by_kind.items() if v["requests"]))
    if load.failures:
        print(f"First errors ({len(load.failures)} in all):")
        for failure in load.failures[:5]:
            print(f"  {failure.kind}: {failure.status or 'no answer'} {failure.detail}")
    print()
    print("Counts in the database against what the accepted requests sent (target: exact):")
    for check in checks:
        print(check.line())

    cpus = os.cpu_count() or 1
    server_share = others_share = database_share = None
    server_cpu = database_cpu = worker_cpu = 0.0
    worker_share = None
    if None not in (worker_before, worker_after, worker_total):
        # The notifications and e-mails the writes queued: work the server no longer does itself.
        worker_cpu = worker_after - worker_before
        worker_share = worker_cpu / (elapsed * cpus)
    if None not in (server_before, server_after):
        server_cpu = server_after - server_before
        server_share = server_cpu / (elapsed * cpus)
    if database_seconds is not None:
        database_cpu = database_seconds
        database_share = database_cpu / (elapsed * cpus)
    if None not in (busy_before, busy_after, server_before, server_after):
        others = (
            (busy_after - busy_before)
            - (server_cpu + worker_cpu + database_cpu)
            - (client_after - client_before)
        )
        others_share = max(0.0, others) / (elapsed * cpus)
    client_share = (client_after - client_before) / (elapsed * cpus)

    def share(value: float | None) -> str:
        return "an unknown share" if value is None else f"{value:.0%}"

    print(
        f"machine: {cpus} CPUs; the server used {share(server_share)} of them, "
        + (f"its task worker {share(worker_share)}, " if worker_share is not None else "")
        + f"PostgreSQL for both {share(database_share)}, this load generator {client_share:.0%}, "
        f"other programs {share(others_share)}"
    )
    if server_share is not None and overall["requests"]:
        per_write = 1000 / overall["requests"]
        print(
            f"CPU per write: {server_cpu * per_write:.1f} ms in the server"
            + (
                f", {(worker_total - worker_before) * per_write:.1f} ms in the task worker"
                if worker_share is not None
                else ""
            )
            + (f", {database_cpu * per_write:.1f} ms in PostgreSQL" if database_share is not None else "")
        )
    if tasks:
        # A failed task is an error: community_writes.sh gives the worker a local SMTP server to send to.
        print("task worker: " + ", ".join(f"{n} {status.lower()}" for status, n in sorted(tasks.items())))
    if others_share is not None and others_share > 0.10:
        print("warning: other programs were busy; latencies are noisy")

    misses = []
    if overall["errors"]:
        misses.append(f"{overall['errors']} errors")
    slow = [
        f"{k} p95 {v['p95_ms']} ms"
        for k, v in by_kind.items()
        if v["p95_ms"] and v["p95_ms"] >= TARGET_P95_MS
    ]
    misses += slow
    wrong = [c.name for c in checks if not c.exact]
    if wrong:
        misses.append("counts wrong: " + ", ".join(wrong))
    if not overall["requests"]:
        misses.append("no request was sent")
    if tasks.get("FAILED"):
        misses.append(f"{tasks['FAILED']} background tasks failed")
    verdict = (
        f"PASS: 0 errors, every count exact, p95 under {TARGET_P95_MS:g} ms for every write "
        f"(all writes: p95 {overall['p95_ms']} ms, {overall['per_second']} req/s)"
        if not misses
        else "FAIL: " + "; ".join(misses)
    )
    if args.json:
        report = {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {
                "cpus": cpus,
                "python": platform.python_version(),
                "server_cpu_share": None if server_share is None else round(server_share, 3),
                "database_cpu_share": None if database_share is None else round(database_share, 3),
                "load_generator_cpu_share": round(client_share, 3),
                "other_programs_cpu_share": None if others_share is None else round(others_share, 3),
            },
            "server": args.server,
            "clients": args.clients,
            "seconds": args.seconds,
            "wall_seconds": round(elapsed, 1),
            "think_ms": args.think_ms,
            "mix": args.mix,
            "pages": len(targets.page_ids),
            "ideas": len(targets.idea_ids),
            "results": {**by_kind, "all writes": overall},
            "checks": [
                {"name": c.name, "compared": c.compared, "skipped": c.skipped, "mismatches": c.mismatches}
                for c in checks
            ],
            "first_errors": [vars(f) for f in load.failures[:20]],
            "target": {"p95_ms_below": TARGET_P95_MS, "errors": 0, "counts": "exact", "met": not misses},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(verdict)
    if args.json:
        print(f"figures: {args.json}")
    return 0 if not misses else 1


if __name__ == "__main__":
    sys.exit(main())
