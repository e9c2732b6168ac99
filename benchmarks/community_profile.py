"""In-process profile of one community write of each kind: CPU ms in Django and in PostgreSQL, and queries.

Runs the four writes of `make bench-community` (comment, reply, reaction, vote) through Django's test
client, whole middleware stack included, against the database and settings of the environment, e.g.
production settings on a migrated and seeded PostgreSQL database of one's own:

    DJANGO_SETTINGS_MODULE=brand_hub.settings.production DATABASE_URL=postgres://.../mydb \
        SECRET_KEY=... ALLOWED_HOSTS=testserver ELASTICSEARCH_URL=... SECURE_SSL_REDIRECT=0 \
        CACHE_URL=redis://127.0.0.1:6379/0 TRUSTED_PROXY_COUNT=0 \
        python benchmarks/community_profile.py --prosumers tokens.json [--rounds 200] [--cprofile comment]

The tokens come from benchmarks/community_prosumers.py. Each round sends one write of each kind as a
different prosumer; the figures are per write: this process's CPU time (time.process_time), the CPU
time of its PostgreSQL backend (read from /proc, when the server is local) and the queries sent.
Single-threaded and with no other load, so unlike `make bench-community` it shows no queueing.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACTIONS = ("comment", "reply", "reaction", "vote")


def backend_cpu_seconds() -> float | None:
    """CPU time of this connection's PostgreSQL backend, or None when it is not a local process."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Writes:
    """The benchmark's writes, each sent by a prosumer picked in turn, on the benchmark's targets."""

    def __init__(self, accounts: list[dict], pages: int, seed: int):
        from django.conf import settings
        from django.test import Client

        from wagtail.models import Page

        from brand_hub.community.comments import COMMENTABLE_TYPES
        from brand_hub.ideas.models import IdeaPage, IdeaVote
        from brand_hub.ideas.services import accepts_votes

        self.client = Client(HTTP_HOST="127.0.0.1")
        self.accounts = accounts
        self.rng = random.Random(seed)
        self.page_ids = [
            page.pk
            for page in Page.objects.live().public().select_related("content_type").order_by("pk")
            if f"{page.content_type.app_label}.{page.content_type.model}" in COMMENTABLE_TYPES
        ][:pages]
        self.idea_ids = [
            idea.pk
            for idea in IdeaPage.objects.live().public().order_by("pk")
            if accepts_votes(idea.get_parent().specific)
        ]
        self.max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
        self.recent: list[tuple[int, int, int, int]] = []  # (comment id, page id, level, author's id)
        self.votes = set(IdeaVote.objects.values_list("voter_id", "idea_id"))
        self.turn = 0

    def _next_account(self) -> dict:
        """The account the next request goes out as."""
        return self.accounts[self.turn % len(self.accounts)]

    def _send(self, method: str, path: str, body: dict | None, expected: int):
        account = self._next_account()
        self.turn += 1
        response = getattr(self.client, method)(
            path,
            data=json.dumps(body) if body is not None else "",  # None would send the text "None"
            content_type="application/json",
            headers={"X-Session-Token": account["token"], "Accept": "application/json"},
        )
        if response.status_code != expected:
            raise SystemExit(f"{method.upper()} {path}: {response.status_code} {response.content[:300]!r}")
        return response.json() if response.content else None

    def comment(self):
        page_id = self.rng.choice(self.page_ids)
        text = f"Comentario de prueba {self.rng.randrange(10**6)}"
        body = {"page_id": page_id, "text": text, "kind": "other"}
        author = self._next_account()["id"]
        data = self._send("post", "/api/community/comments/", body, 201)
        self._remember(data, page_id, author)

    def _remember(self, data: dict, page_id: int, author: int) -> None:
        """A published comment may be replied and reacted to; a new member's first ones are held."""
        if data["state"] == "published":
            self.recent.append((data["id"], page_id, data["level"], author))

    def reply(self):
        candidates = [c for c in self.recent[-100:] if c[2] < self.max_level]
        if not candidates:
            return self.comment()
        parent_id, page_id, _level, _author = self.rng.choice(candidates)
        body = {"page_id": page_id, "parent_id": parent_id, "text": f"Respuesta a {parent_id}"}
        author = self._next_account()["id"]
        data = self._send("post", "/api/community/comments/", body, 201)
        self._remember(data, page_id, author)

    def reaction(self):
        reactor = self._next_account()["id"]
        others = [c for c in self.recent[-100:] if c[3] != reactor]  # nobody reacts to their own comment
        if not others:
            return self.comment()
        comment_id = self.rng.choice(others)[0]
        value = "like" if self.rng.random() < 0.75 else "dislike"
        self._send("put", f"/api/community/comments/{comment_id}/reaction", {"value": value}, 200)

    def vote(self):
        idea_id = self.rng.choice(self.idea_ids)
        account = self._next_account()
        # Cast when the person has not voted for it yet, else withdraw: both are the benchmark's votes.
        if (account["id"], idea_id) in self.votes:
            self._send("delete", f"/api/community/ideas/{idea_id}/vote", None, 200)
            self.votes.discard((account["id"], idea_id))
        else:
            self._send("post", f"/api/community/ideas/{idea_id}/vote", None, 200)
            self.votes.add((account["id"], idea_id))


def drain_task_queue() -> tuple[int, float] | None:
    """Run the tasks the writes queued, as `db_worker --batch` would: (tasks run, CPU ms), or None
    when tasks do not wait in the database (the immediate backend ran them inside the requests)."""
    from django.conf import settings

    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return None
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    done_before = DBTaskResult.objects.exclude(status="READY").count()
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="community-profile",
    )
    before = time.process_time()
    worker.run()
    cpu_ms = (time.process_time() - before) * 1000
    ran = DBTaskResult.objects.exclude(status="READY").count() - done_before
    return ran, cpu_ms


def measure(writes: Writes, action: str, rounds: int, profiler: cProfile.Profile | None) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cpu, database, queries = [], [], []
    send = getattr(writes, action)
    for _ in range(rounds):
        db_before = backend_cpu_seconds()
        connection.queries_log.clear()  # a bounded deque: once full, the capture would count nothing
        with CaptureQueriesContext(connection) as captured:
            before = time.process_time()
            if profiler is not None:
                profiler.enable()
            send()
            if profiler is not None:
                profiler.disable()
            cpu.append((time.process_time() - before) * 1000)
        db_after = backend_cpu_seconds()
        if db_before is not None and db_after is not None:
            database.append((db_after - db_before) * 1000)
        queries.append(len(captured.captured_queries))
    drained = drain_task_queue()
    return {
        "worker_cpu_ms_mean": None if drained is None else round(drained[1] / rounds, 2),
        "worker_tasks": None if drained is None else drained[0],
        "cpu_ms_mean": round(statistics.fmean(cpu), 2),
        "cpu_ms_median": round(statistics.median(cpu), 2),
        "database_cpu_ms_mean": round(statistics.fmean(database), 2) if database else None,
        "queries_median": statistics.median(queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prosumers", type=Path, required=True, help="tokens from community_prosumers.py")
    parser.add_argument("--rounds", type=int, default=200, help="writes of each kind measured")
    parser.add_argument("--warm-up", type=int, default=20, help="writes of each kind sent first, unmeasured")
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cprofile", choices=ACTIONS, help="print cProfile's top functions for this write")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--callers", help="with --cprofile: also print who called functions matching this")
    parser.add_argument("--cprofile-dump", type=Path, help="with --cprofile: also save its statistics here")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    writes = Writes(json.loads(args.prosumers.read_text()), args.pages, args.seed)
    for _ in range(args.warm_up):
        for action in ACTIONS:
            getattr(writes, action)()
    drain_task_queue()
    figures = {}
    # CPU time, not wall time: waiting for PostgreSQL's answers is not this process's work.
    profiler = cProfile.Profile(time.process_time) if args.cprofile else None
    for action in ACTIONS:
        figures[action] = measure(writes, action, args.rounds, profiler if action == args.cprofile else None)
    settings_module = os.environ["DJANGO_SETTINGS_MODULE"]
    print(f"{args.rounds} writes of each kind, {connection.vendor}, settings {settings_module}")
    print(
        f"{'write':<9} | CPU ms mean | CPU ms median | PostgreSQL CPU ms mean | queries | "
        "task worker CPU ms mean (tasks)"
    )
    for action, row in figures.items():
        database = "-" if row["database_cpu_ms_mean"] is None else f"{row['database_cpu_ms_mean']:.2f}"
        worker = "-"
        if row["worker_tasks"] is not None:
            worker = f"{row['worker_cpu_ms_mean']:.2f} ({row['worker_tasks']})"
        print(
            f"{action:<9} | {row['cpu_ms_mean']:11.2f} | {row['cpu_ms_median']:13.2f} | {database:>22} | "
            f"{row['queries_median']:>7} | {worker:>31}"
        )
    if profiler is not None:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(args.top)
        if args.callers:
            stats.print_callers(args.callers)
        print(out.getvalue())
        if args.cprofile_dump:
            stats.dump_stats(args.cprofile_dump)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
