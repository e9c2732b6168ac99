"""Web scaling benchmark: content reads and community writes through nginx with one and with two web nodes.

Runs against a topology started by `site/topology.sh start` (benchmarks/topology.sh starts it), with
the topology's environment. For each number of nodes (web-2 stopped for one), it measures content
reads (anonymous GETs, keep-alive connections) and community writes (the community benchmark's
prosumers with no think time), each for --seconds with --clients at once: throughput, p95, errors,
and the CPU each part of the machine used (web nodes, PostgreSQL, Elasticsearch, nginx, workers,
Redis, this load generator) per request. From those costs it computes what limits scaling here and
what a second machine would add.
"""

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from community_writes import Client, Load, Prosumer, read_targets  # noqa: E402
from content_api import format_table, machine_busy_seconds, percentile  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
PARTS = ("web nodes", "PostgreSQL", "Elasticsearch", "nginx", "workers", "Redis", "load generator")


class PartsCpu:
    """CPU seconds per part of the topology, from /proc, sampled twice a second: short-lived
    processes (PostgreSQL backends) keep the time they had when last seen."""

    def __init__(self, topology_dir: Path, ports: dict[str, int]):
        self.topology_dir = topology_dir
        self.ports = ports
        self.seen: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()

    def label(self, pid: int, cmdline: str, parents: dict[int, int]) -> str | None:
        if pid == os.getpid():
            return "load generator"
        if "gunicorn" in cmdline and "brand-hub-web-" in cmdline:
            return "web nodes"
        if "db_worker" in cmdline or "search_worker" in cmdline:
            return "workers"
        if cmdline.startswith("nginx:"):
            return "nginx" if str(self.topology_dir) in cmdline or "worker process" in cmdline else None
        if "redis-server" in cmdline and f":{self.ports['redis']}" in cmdline:
            return "Redis"
        # A node's directory: node-VERSION-PORT alone, cluster-VERSION-PORTxN/node-K in a cluster.
        if "org.elasticsearch" in cmdline and any(mark in cmdline for mark in self.ports["es"]):
            return "Elasticsearch"
        # PostgreSQL: the postmasters of the primary and the replica, and their children.
        postmasters = self.ports["postmasters"]
        if pid in postmasters or parents.get(pid) in postmasters:
            return "PostgreSQL"
        return None

    def read(self) -> None:
        parents = {}
        rows = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid = int(entry.name)
            parents[pid] = int(fields[1])
            rows.append((pid, cmdline, (int(fields[11]) + int(fields[12])) / TICK))
        for pid, cmdline, seconds in rows:
            part = self.label(pid, cmdline.strip(), parents)
            if part:
                self.seen[pid] = (part, max(seconds, self.seen.get(pid, (part, 0.0))[1]))

    def totals(self) -> Counter:
        totals = Counter()
        for part, seconds in self.seen.values():
            totals[part] += seconds
        return totals

    def measure(self, work) -> tuple[object, Counter, float, float]:
        """Run `work()`; return its result, CPU seconds per part, the machine's busy seconds and wall time."""
        self.read()
        before, busy_before, started = self.totals(), machine_busy_seconds(), time.monotonic()
        self._stop.clear()
        sampler = threading.Thread(target=self._sample, daemon=True)
        sampler.start()
        result = work()
        self._stop.set()
        sampler.join()
        self.read()
        after, busy_after, wall = self.totals(), machine_busy_seconds(), time.monotonic() - started
        used = Counter({part: max(0.0, after[part] - before[part]) for part in PARTS})
        return result, used, (busy_after or 0) - (busy_before or 0), wall

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            self.read()


def postmasters(topology_dir: Path, replica_port: int) -> set[int]:
    pids = set()
    pid_file = topology_dir / "postgres" / "data" / "postmaster.pid"
    if pid_file.exists():
        pids.add(int(pid_file.read_text().split()[0]))
    # The replica's data directory belongs to its runner: find its postmaster by its port.
    found = subprocess.run(["pgrep", "-f", f"postgres .*-p {replica_port}"], capture_output=True, text=True)
    pids.update(int(pid) for pid in found.stdout.split())
    return pids


def read_load(
    base_url: str, paths: list[str], clients: int, seconds: float
) -> list[tuple[float, int | None]]:
    """Anonymous GETs on kept-alive connections, as a frontend's server fetches: (ms, status) each."""
    host, port = base_url.removeprefix("http://").split(":")
    samples: list[tuple[float, int | None]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def visitor(n: int) -> None:
        rng = random.Random(n)
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        mine = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", rng.choice(paths), headers={"Accept": "application/json"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = None
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
            mine.append(((time.perf_counter() - started) * 1000, status))
        conn.close()
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


def write_load(load: Load, people: list[Prosumer], seconds: float) -> list[tuple[float, int | None]]:
    for person in people:
        person.samples.clear()
    load.run(people, seconds)
    return [(s.ms, s.status if s.ok else None) for p in people for s in p.samples]


def wait_for(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if subprocess.run(["curl", "-fsS", "-o", "/dev/null", url], check=False).returncode == 0:
            return
        time.sleep(1)
    raise RuntimeError(f"{url} did not answer within {timeout:g} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--topology-dir", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    import django

    django.setup()
    from community_prosumers import make_prosumers

    from django.db import connections

    es_port = int(os.environ.get("ES_PORT", "9220"))
    ports = {
        "redis": int(os.environ.get("REDIS_PORT", "6380")),
        "es": [f"-{es_port}x", f"-{es_port}/"],
        "postmasters": postmasters(args.topology_dir, int(os.environ.get("PG_REPLICA_PORT", "0"))),
    }
    people = [Prosumer(user_id=a["id"], token=a["token"]) for a in make_prosumers(count=args.clients)]
    targets = read_targets(pages=10, people=people)
    paths = ["/api/v2/pages/?locale=es&limit=20", "/api/locales/"]
    paths += [f"/api/v2/pages/{page_id}/" for page_id in targets.page_ids[:5]]
    paths += [f"/api/community/comments/?page_id={page_id}" for page_id in targets.page_ids[:5]]
    mix = {"comment": 35, "reply": 25, "reaction": 25, "vote": 15}
    load = Load(client=Client(args.base_url, 30), targets=targets, mix=mix, think_ms=0, seed=3)
    connections.close_all()
    cpu = PartsCpu(args.topology_dir, ports)
    cpus = os.cpu_count() or 1

    # Warm-up, not measured: the first requests after a start fill caches and import code lazily.
    read_load(args.base_url, paths, args.clients, 5)
    rows, results = [], []
    for nodes in (2, 1):
        if nodes == 1:
            subprocess.run(["bash", "site/topology.sh", "stop-one", "web-2"], cwd=ROOT, check=True)
            wait_for(f"{args.base_url}/api/locales/")
        for scenario, work in (
            ("content reads", lambda: read_load(args.base_url, paths, args.clients, args.seconds)),
            ("community writes", lambda: write_load(load, people, args.seconds)),
        ):
            samples, used, busy, wall = cpu.measure(work)
            ok = sorted(ms for ms, status in samples if status is not None and 0 < status < 400)
            errors = len(samples) - len(ok)
            per_request = {part: 1000 * used[part] / max(1, len(samples)) for part in PARTS}
            result = {
                "scenario": scenario,
                "web_nodes": nodes,
                "requests": len(samples),
                "per_second": round(len(samples) / wall, 1),
                "p95_ms": round(percentile(ok, 95), 1) if ok else None,
                "errors": errors,
                "machine_busy": round(busy / (wall * cpus), 3),
                # Other sessions' programs on a shared machine: what the parts above do not explain.
                "other_programs": round(max(0.0, busy - sum(used.values())) / (wall * cpus), 3),
                "cpu_share": {part: round(used[part] / (wall * cpus), 3) for part in PARTS},
                "cpu_ms_per_request": {part: round(value, 2) for part, value in per_request.items()},
            }
            results.append(result)
            rows.append(
                [
                    scenario,
                    str(nodes),
                    f"{result['per_second']:.1f}",
                    f"{result['p95_ms']}",
                    str(errors),
                    f"{result['machine_busy']:.0%}",
                    *(f"{result['cpu_share'][part]:.0%}" for part in PARTS),
                    f"{result['other_programs']:.0%}",
                ]
            )
            print(f"  {scenario} with {nodes} web node(s): {result['per_second']} req/s", flush=True)
    subprocess.run(["bash", "site/topology.sh", "start-one", "web-2"], cwd=ROOT, check=True)

    print()
    print(f"{args.clients} clients, {args.seconds:g} s each, through nginx on {args.base_url}; {cpus} CPUs.")
    print(format_table(["scenario", "nodes", "req/s", "p95 ms", "errors", "busy", *PARTS, "others"], rows))
    print()
    print("CPU per request (ms) and what a second machine would add (all web nodes moved to it):")
    for result in results:
        if result["web_nodes"] != 2:
            continue
        cost = result["cpu_ms_per_request"]
        web = cost["web nodes"]
        rest = sum(value for part, value in cost.items() if part != "web nodes")
        total = web + rest
        here = 1000 * cpus / total if total else 0
        # The second machine (same 2 CPUs) runs the web nodes; this one keeps the rest, load included.
        split = min(1000 * cpus / web if web else float("inf"), 1000 * cpus / rest if rest else float("inf"))
        limit = "the web nodes" if web >= rest else "what stays here (PostgreSQL, Elasticsearch, workers)"
        print(
            f"  {result['scenario']}: web {web:.1f} ms + everything else {rest:.1f} ms "
            f"({', '.join(f'{p} {v:.1f}' for p, v in cost.items() if p != 'web nodes')}); "
            f"CPU-bound ceiling on this machine {here:.0f} req/s (measured {result['per_second']}); "
            f"with the web nodes on a second 2-CPU machine about {split:.0f} req/s; limited here by {limit}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        report = {"measured_at": datetime.now(UTC).isoformat(timespec="seconds"), "cpus": cpus}
        report |= {"clients": args.clients, "seconds": args.seconds, "results": results}
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"figures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
