"""Failures survived: steady load through the topology's proxy while its parts fail; every write checked.

Runs against a topology started by `site/topology.sh start` (tests/topology/test_failures_survived.py
starts it), with the topology's own environment (its env file: production settings, its database):

    set -a; source var/topology/env; set +a
    python tests/topology/scenario.py --base-url http://127.0.0.1:8080 --json report.json

Prosumers (threads, each with its own app session) comment, reply, react, vote, search and read
content through nginx. During the load: one web node is killed, one Elasticsearch node stopped,
both search workers stopped and started again, Redis restarted. Afterwards: the killed node is
started again, a burst of follows (limited to N a minute per IP) goes through the proxy to both
nodes, the search workers catch up, and the report (JSON) holds what each check found.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from community_writes import (  # noqa: E402
    REQUEST_KINDS,
    Client,
    Load,
    Prosumer,
    check_counts,
    percentile,
    read_targets,
)

#: Anonymous reads and searches beside the writes: what most visitors do.
LOAD_KINDS = {**REQUEST_KINDS, "search": 200, "read": 200}
MIX = {"comment": 20, "reply": 15, "reaction": 15, "vote": 10, "search": 20, "read": 20}
SEARCH_WORDS = ["tienda", "talla", "envío", "calidad", "precio", "Comentario", "respuesta", "idea"]
#: The follow limit the burst tests; the topology is started with it (test_failures_survived.py).
FOLLOW_LIMIT_PER_MINUTE = 20


@dataclass
class Event:
    name: str
    at: float  # time.time()
    seconds: float = 0.0
    detail: str = ""


@dataclass
class Report:
    events: list[Event] = field(default_factory=list)
    requests: dict = field(default_factory=dict)
    failures_allowed: list[dict] = field(default_factory=list)
    failures_not_allowed: list[dict] = field(default_factory=list)
    searches_while_es_node_down: dict = field(default_factory=dict)
    count_checks: list[dict] = field(default_factory=list)
    accepted_comments: int = 0
    comments_missing_in_database: list[int] = field(default_factory=list)
    comments_not_indexed_once: dict = field(default_factory=dict)
    index_unreadable: str = ""  # why the index could not be read after the load, if it could not
    index_counts_differ: list[str] = field(default_factory=list)
    rate_limit: dict = field(default_factory=dict)
    skipped_steps: list[str] = field(default_factory=list)


class MixedLoad(Load):
    """The community benchmark's writes plus anonymous searches and content reads; every accepted
    comment's id is kept."""

    expected = LOAD_KINDS

    def __init__(self, *, read_paths: list[str], **kwargs):
        super().__init__(**kwargs)
        self.read_paths = read_paths
        self.accepted_comments: list[int] = []

    def timed(self, person, kind, method, path, body=None):
        ok, status, data = super().timed(person, kind, method, path, body)
        if ok and kind in ("comment", "reply"):
            self.accepted_comments.append(data["id"])
        return ok, status, data

    def search(self, person: Prosumer, rng: random.Random) -> None:
        self.timed(person, "search", "GET", f"/api/search/comments?q={quote(rng.choice(SEARCH_WORDS))}")

    def read(self, person: Prosumer, rng: random.Random) -> None:
        self.timed(person, "read", "GET", rng.choice(self.read_paths))


class Topology:
    """The operator's hands: site/topology.sh and the runners, with the topology's ports."""

    def __init__(self, report: Report):
        self.report = report

    def run(self, name: str, command: list[str], *, detail: str = "") -> bool:
        started = time.time()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
        seconds = time.time() - started
        ok = result.returncode == 0
        note = detail if ok else f"FAILED ({result.returncode}): {result.stderr.strip()[-300:]}"
        self.report.events.append(Event(name, started, round(seconds, 1), note))
        print(f"  {time.strftime('%H:%M:%S', time.gmtime())} {name} ({seconds:.1f} s) {note}", flush=True)
        return ok

    def topology(self, *args: str) -> bool:
        return self.run(" ".join(args), ["bash", "site/topology.sh", *args])

    def elasticsearch_nodes(self) -> int:
        return len(os.environ["ELASTICSEARCH_URL"].split(","))

    def elasticsearch_node(self, command: str, number: int) -> bool:
        return self.run(
            f"elasticsearch {command} {number}",
            ["bash", "site/elasticsearch/elasticsearch.sh", command, str(number)],
        )

    def restart_redis(self) -> bool:
        if not os.environ.get("CACHE_URL"):
            self.report.skipped_steps.append("restart Redis: the topology has no shared cache (no CACHE_URL)")
            return False
        return self.run("redis stop", ["bash", "site/redis/redis.sh", "stop"]) and self.run(
            "redis start", ["bash", "site/redis/redis.sh", "start"]
        )


def read_paths(targets) -> list[str]:
    """Content reads as the frontend makes them: listings, pages and their discussions."""
    paths = ["/api/v2/pages/?locale=es&limit=20", "/api/locales/"]
    paths += [f"/api/v2/pages/{page_id}/" for page_id in targets.page_ids[:5]]
    paths += [f"/api/community/comments/?page_id={page_id}" for page_id in targets.page_ids[:5]]
    return paths


def failures_of(samples, *, killed_node: str, kill: Event) -> tuple[list[dict], list[dict]]:
    """Failed requests, split in those in flight on the killed node when it died, and all others."""
    allowed, not_allowed = [], []
    for sample in samples:
        if sample.ok:
            continue
        entry = {
            "kind": sample.kind,
            "status": sample.status,
            "upstream": sample.upstream,
            "sent_at": round(sample.started, 3),
            "ms": round(sample.ms, 1),
        }
        # Sent before the kill was over, answered after it began.
        in_flight = sample.started <= kill.at + kill.seconds and sample.started + sample.ms / 1000 >= kill.at
        on_the_node = killed_node in sample.upstream
        (allowed if in_flight and on_the_node and sample.status in (None, 502, 504) else not_allowed).append(
            entry
        )
    return allowed, not_allowed


def summarise(samples) -> dict:
    by_kind = {}
    for kind in LOAD_KINDS:
        times = sorted(s.ms for s in samples if s.kind == kind and s.ok)
        statuses = Counter(
            "no answer" if s.status is None else str(s.status) for s in samples if s.kind == kind
        )
        by_kind[kind] = {
            "requests": sum(statuses.values()),
            "p95_ms": round(percentile(times, 95), 1) if times else None,
            "statuses": dict(statuses),
        }
    return by_kind


def rate_limit_burst(client: Client, people: list[Prosumer], idea_ids: list[int], *, attempts: int) -> dict:
    """`attempts` follows at once from one IP through the proxy: the limit allows N in all.

    The limiter's windows are fixed but each key's is offset (django-ratelimit), so the burst is sent
    right after one ends: follows are sent one by one until refused, and the refusal's Retry-After
    says when the window ends. Each answer is kept (when sent, how long, status, node), and so is
    each warning the web nodes logged while the burst ran of a follow let through unchecked: while
    the shared cache fails, the limiter lets requests through (RATELIMIT_FAIL_OPEN) and says so.
    """
    probe, probed_idea = people[0], idea_ids[0]
    probe_refused = False
    for _n in range(FOLLOW_LIMIT_PER_MINUTE + 1):
        status, _data, headers = client.send(
            "POST", "/api/community/follows/", probe.token, {"page_id": probed_idea}
        )
        if status == 429:
            probe_refused = True
            time.sleep(int(headers.get("Retry-After", "60")) + 1)
            break
    pairs = [(person, idea_id) for idea_id in idea_ids for person in people][:attempts]
    answers: list[dict] = []
    lock = threading.Lock()
    began = time.time()

    def follow(person, idea_id):
        sent = time.time()
        try:
            status, _data, headers = client.send(
                "POST", "/api/community/follows/", person.token, {"page_id": idea_id}
            )
        except OSError:
            status, headers = None, {}
        answer = {
            "sent_s": round(sent - began, 3),
            "ms": round((time.time() - sent) * 1000, 1),
            "status": "no answer" if status is None else str(status),
            "node": headers.get("X-Upstream", ""),
        }
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=follow, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ended = time.time()
    statuses = Counter(answer["status"] for answer in answers)
    return {
        "limit": FOLLOW_LIMIT_PER_MINUTE,
        "probe_refused": probe_refused,  # else the burst's window is unknown
        "sent": len(pairs),
        # 409 (already following) passed the limiter too: the limit is checked first.
        "allowed": statuses.get("201", 0) + statuses.get("409", 0),
        "refused": statuses.get("429", 0),
        "statuses": dict(statuses),
        "nodes": dict(Counter(answer["node"] for answer in answers)),
        "statuses_by_node": {
            node: dict(Counter(a["status"] for a in answers if a["node"] == node))
            for node in sorted({a["node"] for a in answers})
        },
        "seconds": round(ended - began, 2),  # a window is 60 s: the burst must end well within it
        "slowest_ms": max((answer["ms"] for answer in answers), default=None),
        "not_enforced": logged_while(began, ended, "Rate limit not enforced: follow:"),
        "answers": sorted(answers, key=lambda answer: answer["sent_s"]),
    }


def logged_while(began: float, ended: float, text: str) -> list[str]:
    """The web nodes' log lines holding `text` logged from `began` to `ended` (their times are whole
    seconds: the second each falls in counts)."""
    logs = Path(os.environ.get("TOPOLOGY_DIR") or os.environ["BRAND_HUB_TOPOLOGY"], "logs")
    found = []
    for log in sorted(logs.glob("web-*.log")):
        for line in log.read_text(errors="replace").splitlines():
            if text not in line:
                continue
            try:  # base.py's LOGGING: "2026-12-07 23:30:07+0100 WARNING brand_hub.core.rate_limits ..."
                at = datetime.strptime(line[:24], "%Y-%m-%d %H:%M:%S%z").timestamp()
            except ValueError:
                continue
            if int(began) <= at <= ended:
                found.append(f"{log.stem}: {line[:300]}")
    return found


def wait_for_search_workers(timeout: float) -> float:
    from search.models import PendingIndexUpdate

    started = time.monotonic()
    while PendingIndexUpdate.objects.exists():
        if time.monotonic() - started > timeout:
            break
        time.sleep(0.5)
    return time.monotonic() - started


def check_index(comment_ids: list[int]) -> tuple[dict, list[str]]:
    """{comment id: how many documents hold it} where not exactly one; and documents whose
    counts differ from the database's."""
    from brand_hub.community.models import CommunityComment
    from search.client import get_client
    from search.indices.comments import COMMENTS

    client = get_client()
    alias = COMMENTS.alias_name()
    client.indices.refresh(index=alias)
    found = Counter()
    documents = {}
    for start in range(0, len(comment_ids), 500):
        chunk = comment_ids[start : start + 500]
        hits = client.search(
            index=alias, size=len(chunk) * 2, query={"terms": {"comment_id": chunk}}, track_total_hits=True
        )["hits"]["hits"]
        for hit in hits:
            found[hit["_source"]["comment_id"]] += 1
            documents[hit["_source"]["comment_id"]] = hit["_source"]
    not_once = {str(i): found[i] for i in comment_ids if found[i] != 1}
    stored = CommunityComment.objects.filter(pk__in=comment_ids)
    indexed = {pk: (document["like_count"], document["dislike_count"]) for pk, document in documents.items()}
    differ = [
        f"{pk}: index {indexed[pk]}, database {(likes, dislikes)}"
        for pk, likes, dislikes in stored.values_list("pk", "like_count", "dislike_count")
        if pk in indexed and indexed[pk] != (likes, dislikes)
    ]
    return not_once, differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True, help="the topology's proxy, e.g. http://127.0.0.1:8080")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=75)
    parser.add_argument("--think-ms", type=float, default=300)
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args()

    import django

    django.setup()
    from community_prosumers import make_prosumers

    from django.db import connections

    report = Report()
    hands = Topology(report)
    accounts = make_prosumers(count=max(args.clients, 40))
    people = [Prosumer(user_id=a["id"], token=a["token"]) for a in accounts]
    load_people, burst_people = people[: args.clients], people[args.clients :] or people
    targets = read_targets(pages=10, people=load_people)
    client = Client(args.base_url, timeout=30)
    load = MixedLoad(
        client=client,
        targets=targets,
        mix=MIX,
        think_ms=args.think_ms,
        seed=17,
        read_paths=read_paths(targets),
    )
    connections.close_all()

    # The failures, at fixed points of the load (fractions of its length).
    killed_node = f"127.0.0.1:{int(args.base_url.rsplit(':', 1)[1]) + 1}"  # web-1
    down_window = {}

    def failures_during_the_load() -> None:
        def at(fraction: float) -> None:
            time.sleep(max(0.0, began + fraction * args.seconds - time.time()))

        at(0.12)
        hands.topology("kill", "web-1")
        report.events[-1].detail = f"killed {killed_node} (SIGKILL to gunicorn and its workers)"
        at(0.25)
        if hands.elasticsearch_nodes() >= 2:
            if hands.elasticsearch_node("stop-node", 2):
                down_window["from"] = time.time()
        else:
            report.skipped_steps.append("stop one Elasticsearch node: the topology runs a single node")
        at(0.45)
        hands.topology("stop-one", "search-worker-1")
        hands.topology("stop-one", "search-worker-2")
        at(0.55)
        hands.restart_redis()
        at(0.65)
        hands.topology("start-one", "search-worker-1")
        hands.topology("start-one", "search-worker-2")
        if "from" in down_window:
            down_window["until"] = time.time()  # the node stays down to the end of the load
        at(0.9)

    print(f"{args.clients} prosumers for {args.seconds:g} s through {args.base_url}: {MIX}", flush=True)
    began = time.time()
    operator = threading.Thread(target=failures_during_the_load)
    operator.start()
    elapsed = load.run(load_people, args.seconds)
    operator.join()
    if "from" in down_window:
        down_window["until"] = time.time()
    samples = [s for p in load_people for s in p.samples]
    report.requests = {"seconds": round(elapsed, 1), "total": len(samples), "by_kind": summarise(samples)}
    kill = next((e for e in report.events if e.name == "kill web-1"), Event("no kill", 0.0))
    report.failures_allowed, report.failures_not_allowed = failures_of(
        samples, killed_node=killed_node, kill=kill
    )
    if down_window:
        during = [
            s
            for s in samples
            if s.kind == "search" and down_window["from"] <= s.started <= down_window["until"]
        ]
        report.searches_while_es_node_down = {
            "seconds": round(down_window["until"] - down_window["from"], 1),
            "sent": len(during),
            "answered": sum(s.ok for s in during),
        }

    # The killed node back, and taken again by nginx (which leaves a failed node alone for its
    # fail_timeout), then the burst spread over both nodes.
    hands.topology("start-one", "web-1")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if killed_node in client.send("GET", "/api/locales/", None)[2].get("X-Upstream", ""):
                break
        except OSError:
            pass
        time.sleep(0.5)
    report.events.append(Event("web-1 answers through nginx again", time.time()))
    report.rate_limit = rate_limit_burst(
        client, burst_people, targets.idea_ids, attempts=3 * FOLLOW_LIMIT_PER_MINUTE
    )

    caught_up_in = wait_for_search_workers(timeout=120)
    report.events.append(Event("search workers caught up", time.time(), round(caught_up_in, 1)))
    report.count_checks = [
        {"name": c.name, "compared": c.compared, "skipped": c.skipped, "mismatches": c.mismatches[:10]}
        for c in check_counts(load_people, targets)
    ]
    from brand_hub.community.models import CommunityComment

    accepted = sorted(set(load.accepted_comments))
    report.accepted_comments = len(accepted)
    stored = set(CommunityComment.objects.filter(pk__in=accepted).values_list("pk", flat=True))
    report.comments_missing_in_database = sorted(set(accepted) - stored)
    try:
        report.comments_not_indexed_once, report.index_counts_differ = check_index(accepted)
    except Exception as error:  # a red cluster, say: recorded, and the other checks still reported
        report.index_unreadable = f"{type(error).__name__}: {str(error)[:300]}"

    args.json.write_text(json.dumps(asdict(report), indent=1, default=str) + "\n")
    print_report(report)
    return 0


def print_report(report: Report) -> None:
    print("\nWhat happened:")
    for event in report.events:
        clock = time.strftime("%H:%M:%S", time.gmtime(event.at))
        print(f"  {clock} {event.name} ({event.seconds} s) {event.detail}")
    for step in report.skipped_steps:
        print(f"  not done: {step}")
    print(f"\n{report.requests['total']} requests in {report.requests['seconds']} s:")
    for kind, summary in report.requests["by_kind"].items():
        print(f"  {kind:<20} {summary['requests']:>5}  p95 {summary['p95_ms']} ms  {summary['statuses']}")
    print(f"Failed while in flight on the killed node (allowed): {len(report.failures_allowed)}")
    for failure in report.failures_allowed:
        print(f"  {failure}")
    print(f"Failed otherwise (not allowed): {len(report.failures_not_allowed)}")
    for failure in report.failures_not_allowed[:20]:
        print(f"  {failure}")
    if report.searches_while_es_node_down:
        print(f"Searches while an Elasticsearch node was down: {report.searches_while_es_node_down}")
    print(f"Rate limit burst: { {k: v for k, v in report.rate_limit.items() if k != 'answers'} }")
    missing = report.comments_missing_in_database
    print(f"Accepted comments: {report.accepted_comments}; missing in PostgreSQL: {missing}")
    print(f"Not in the index exactly once: {report.comments_not_indexed_once} {report.index_unreadable}")
    print(f"Index counts differing from the database: {report.index_counts_differ[:10]}")
    for check in report.count_checks:
        verdict = "exact" if not check["mismatches"] else f"WRONG {check['mismatches'][:3]}"
        print(f"  {check['name']}: {check['compared']} compared, {verdict}")


if __name__ == "__main__":
    sys.exit(main())
