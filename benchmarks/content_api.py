"""Load generator: the project's v2 pages API against stock Wagtail v2, side by side.

Standard library only. Talks to one server on loopback that mounts both endpoints
(BRAND_HUB_STOCK_API=1), checks that both listings return the same pages with the same
fields, then runs each scenario against each endpoint with a bounded number of requests
and a hard time cap, prints a table and writes the figures as JSON.

    python benchmarks/content_api.py --port 8123 [--requests 100] [--concurrency 4] [--json PATH]
"""

import argparse
import http.client
import json
import os
import platform
import statistics
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"
ENDPOINTS = {"stock": "/api/v2-stock/pages/", "project": "/api/v2/pages/"}
LISTING_QUERY = {"type": "blog.BlogPage", "fields": "*", "limit": "20", "locale": "es"}
#: Every request carries the same headers: the project's ETag depends on Accept.
BASE_HEADERS = {"Accept": "application/json", "Host": HOST}
#: The target: the project's full-field listing at least this many times faster, by median latency.
TARGET_SCENARIO = "listing"
TARGET_SPEEDUP = 5.0
#: Values that differ by construction: each endpoint links to itself.
EXPECTED_DIFFERENCES = {"meta.detail_url"}


class BenchmarkError(Exception):
    """The comparison would not be fair (or the server is not answering): stop and say why."""


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float


@dataclass
class Scenario:
    key: str
    label: str
    paths: dict[str, str]
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Statuses that count as answers; anything else is reported but not timed.
    expected: frozenset[int] = frozenset({200})


@dataclass
class Batch:
    """One scenario against one endpoint."""

    scenario: Scenario
    endpoint: str
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    wall_seconds: float = 0.0
    #: CPU time the server's processes spent on this batch (None when it cannot be read).
    server_cpu_seconds: float | None = None
    capped: bool = False

    @property
    def answered(self) -> int:
        return sum(self.statuses.values())

    @property
    def path(self) -> str:
        return self.scenario.paths[self.endpoint]

    @property
    def request_headers(self) -> dict[str, str]:
        return self.scenario.headers.get(self.endpoint, {})

    def summary(self) -> dict:
        lat = sorted(self.latencies_ms)

        def ms(value: float) -> float | None:
            return round(value, 2) if lat else None

        return {
            "scenario": self.scenario.key,
            "label": self.scenario.label,
            "endpoint": self.endpoint,
            "path": self.path,
            "request_headers": self.request_headers,
            "requests": len(lat),
            "median_ms": ms(statistics.median(lat)) if lat else None,
            "p95_ms": ms(percentile(lat, 95)) if lat else None,
            "mean_ms": ms(statistics.fmean(lat)) if lat else None,
            "min_ms": ms(lat[0]) if lat else None,
            "max_ms": ms(lat[-1]) if lat else None,
            "req_per_s": round(len(lat) / self.wall_seconds, 1) if self.wall_seconds else None,
            "wall_seconds": round(self.wall_seconds, 3),
            "server_cpu_ms_per_request": (
                round(1000 * self.server_cpu_seconds / self.answered, 2)
                if self.server_cpu_seconds is not None and self.answered
                else None
            ),
            "statuses": {str(code): n for code, n in sorted(self.statuses.items())},
            "errors": dict(self.errors),
            "hit_time_cap": self.capped,
        }


def server_cpu_seconds(pid: int | None) -> float | None:
    """User and system CPU time of a process and its children (gunicorn's workers), from /proc.

    Unlike latency this is not inflated when other programs share the CPUs.
    """
    if pid is None:
        return None
    tick = os.sysconf("SC_CLK_TCK")
    total, found = 0, False
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name may hold spaces: the fields that follow it start after its ")".
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:
            total += int(fields[11]) + int(fields[12])
            found = found or int(entry.name) == pid
    return total / tick if found else None


def machine_busy_seconds() -> float | None:
    """CPU time the whole machine has spent busy since boot, from /proc/stat (all CPUs summed)."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (values + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    rank = max(1, round(pct / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def fetch(port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 30) -> Reply:
    """One GET on a fresh connection: gunicorn's sync workers close every connection anyway."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers={**BASE_HEADERS, **(headers or {})})
        response = conn.getresponse()
        body = response.read()
        seconds = time.perf_counter() - started
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, body, seconds)
    finally:
        conn.close()


def fetch_json(port: int, path: str) -> tuple[Reply, dict]:
    reply = fetch(port, path, timeout=120)  # a first listing may render every image rendition
    if reply.status != 200:
        raise BenchmarkError(f"GET {path} answered {reply.status}: {reply.body[:300]!r}")
    return reply, json.loads(reply.body)


def listing_path(endpoint: str) -> str:
    return f"{ENDPOINTS[endpoint]}?{urlencode(LISTING_QUERY)}"


def differing_paths(left: dict, right: dict, prefix: str = "") -> list[str]:
    """Dotted paths of the top-level and meta values that differ between two items."""
    paths = []
    for key in sorted(set(left) | set(right)):
        if key == "meta" and not prefix:
            paths += differing_paths(left.get(key, {}), right.get(key, {}), prefix="meta.")
        elif left.get(key) != right.get(key):
            paths.append(f"{prefix}{key}")
    return paths


def check_fair_comparison(port: int) -> dict:
    """Both listings must hold the same 20 pages with the same fields; returns what the scenarios need."""
    listings = {name: fetch_json(port, listing_path(name)) for name in ENDPOINTS}
    items = {name: body["items"] for name, (_reply, body) in listings.items()}
    for name, page_items in items.items():
        if len(page_items) != int(LISTING_QUERY["limit"]):
            raise BenchmarkError(
                f"the {name} listing returned {len(page_items)} items, not {LISTING_QUERY['limit']}: "
                "top up the Spanish blog posts (benchmarks/top_up_blog.py)"
            )
    ids = {name: [item["id"] for item in page_items] for name, page_items in items.items()}
    if set(ids["stock"]) != set(ids["project"]):
        raise BenchmarkError(
            f"the listings hold different pages: stock {ids['stock']}, project {ids['project']}"
        )

    stock_by_id = {item["id"]: item for item in items["stock"]}
    value_differences = []
    for project_item in items["project"]:
        stock_item = stock_by_id[project_item["id"]]
        for where, left, right in (
            ("item", stock_item, project_item),
            ("item.meta", stock_item.get("meta", {}), project_item.get("meta", {})),
        ):
            if set(left) != set(right):
                raise BenchmarkError(
                    f"page {project_item['id']}: {where} keys differ; only in stock: "
                    f"{sorted(set(left) - set(right))}, only in project: {sorted(set(right) - set(left))}"
                )
        differing = [p for p in differing_paths(stock_item, project_item) if p not in EXPECTED_DIFFERENCES]
        if differing:
            value_differences.append({"id": project_item["id"], "paths": differing})

    detail_id = ids["project"][0]
    details = {name: fetch_json(port, f"{ENDPOINTS[name]}{detail_id}/")[1] for name in ENDPOINTS}
    if set(details["stock"]) != set(details["project"]):
        raise BenchmarkError(f"detail of page {detail_id}: keys differ between stock and project")

    return {
        "page_ids": ids["project"],
        "same_order": ids["stock"] == ids["project"],
        "detail_id": detail_id,
        "item_keys": sorted(items["project"][0]),
        "value_differences": value_differences,
        "etags": {name: reply.headers.get("etag") for name, (reply, _body) in listings.items()},
        "listing_bytes": {name: len(reply.body) for name, (reply, _body) in listings.items()},
    }


def build_scenarios(facts: dict) -> list[Scenario]:
    listing = {name: listing_path(name) for name in ENDPOINTS}
    # Each endpoint is asked again with the ETag of its own first response. Stock sent none, so
    # its request repeats the project's header, which it ignores: its clients always get a 200.
    etag = {name: facts["etags"][name] or facts["etags"]["project"] or '"none"' for name in ENDPOINTS}
    return [
        Scenario("listing", "full-field listing, 20 es posts", listing),
        Scenario(
            "detail",
            f"detail of page {facts['detail_id']}",
            {name: f"{path}{facts['detail_id']}/" for name, path in ENDPOINTS.items()},
        ),
        Scenario(
            "conditional",
            "listing with If-None-Match",
            listing,
            headers={name: {"If-None-Match": etag[name]} for name in ENDPOINTS},
            expected=frozenset({200, 304}),
        ),
    ]


def run_batch(
    port: int, batch: Batch, *, requests: int, concurrency: int, deadline: float, server_pid: int | None
) -> None:
    """Add `requests` GETs to `batch`, `concurrency` at a time; none is started after `deadline`."""
    lock = threading.Lock()
    issued = 0

    def worker() -> None:
        nonlocal issued
        while True:
            with lock:
                if issued >= requests:
                    return
                if time.perf_counter() > deadline:
                    batch.capped = True
                    return
                issued += 1
            try:
                reply = fetch(port, batch.path, batch.request_headers)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    batch.errors[type(error).__name__] += 1
                continue
            with lock:
                batch.statuses[reply.status] += 1
                if reply.status in batch.scenario.expected:
                    batch.latencies_ms.append(reply.seconds * 1000)

    cpu_before = server_cpu_seconds(server_pid)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(worker) for _ in range(concurrency)]:
            future.result()
    batch.wall_seconds += time.perf_counter() - started
    cpu_after = server_cpu_seconds(server_pid)
    if cpu_before is not None and cpu_after is not None:
        batch.server_cpu_seconds = (batch.server_cpu_seconds or 0.0) + cpu_after - cpu_before


def measure(
    port: int,
    scenario: Scenario,
    *,
    requests: int,
    rounds: int,
    concurrency: int,
    time_cap: float,
    server_pid: int | None,
) -> dict[str, Batch]:
    """Both endpoints in alternating rounds, so that a slow spell on a shared machine hits both alike."""
    batches = {name: Batch(scenario, name) for name in ENDPOINTS}
    per_round = [requests // rounds + (1 if r < requests % rounds else 0) for r in range(rounds)]
    for number, count in enumerate(per_round):
        order = list(ENDPOINTS) if number % 2 == 0 else list(reversed(ENDPOINTS))
        for name in order:
            # Each endpoint gets its own share of the scenario's time cap.
            cap = time.perf_counter() + time_cap - batches[name].wall_seconds
            run_batch(
                port,
                batches[name],
                requests=count,
                concurrency=concurrency,
                deadline=cap,
                server_pid=server_pid,
            )
    return batches


def warm_up(port: int, scenarios: list[Scenario], *, rounds: int, concurrency: int) -> None:
    """Request everything from several connections, so that every worker has loaded its code
    and warmed its caches before anything is timed."""
    requests = [(s.paths[name], s.headers.get(name)) for s in scenarios for name in ENDPOINTS] * rounds
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for reply in pool.map(lambda request: fetch(port, *request), requests):
            if reply.status >= 400:
                raise BenchmarkError(f"a warm-up request answered {reply.status}")


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        # The scenario reads left-aligned, the figures right-aligned.
        padded = [cell.rjust(width) for cell, width in zip(cells, widths, strict=True)]
        padded[0] = cells[0].ljust(widths[0])
        return " | ".join(padded)

    return "\n".join([line(headers), "-+-".join("-" * width for width in widths), *map(line, rows)])


def statuses_text(summary: dict) -> str:
    parts = [f"{code}x{n}" for code, n in summary["statuses"].items()]
    parts += [f"{name}x{n}" for name, n in summary["errors"].items()]
    return " ".join(parts) + (" (time cap)" if summary["hit_time_cap"] else "")


def ratio(stock: float | None, project: float | None) -> float | None:
    return round(stock / project, 2) if stock and project else None


def figure(value: float | None, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:.1f}{suffix}"


def report_tables(scenarios: list[Scenario], by: dict) -> tuple[str, str, dict, dict]:
    """The figures table, the status-codes table, and the speed-ups by latency and by server CPU."""
    headers = ["scenario", "stock p50", "project p50", "stock p95", "project p95", "stock req/s"]
    headers += ["project req/s", "speed-up", "stock CPU/req", "project CPU/req", "CPU ratio"]
    rows, status_rows, speedups, cpu_ratios = [], [], {}, {}
    for scenario in scenarios:
        stock, project = by[(scenario.key, "stock")], by[(scenario.key, "project")]
        speedups[scenario.key] = ratio(stock["median_ms"], project["median_ms"])
        stock_cpu, project_cpu = stock["server_cpu_ms_per_request"], project["server_cpu_ms_per_request"]
        cpu_ratios[scenario.key] = ratio(stock_cpu, project_cpu)
        rows.append(
            [
                scenario.label,
                figure(stock["median_ms"]),
                figure(project["median_ms"]),
                figure(stock["p95_ms"]),
                figure(project["p95_ms"]),
                figure(stock["req_per_s"]),
                figure(project["req_per_s"]),
                figure(speedups[scenario.key], "x"),
                figure(stock_cpu),
                figure(project_cpu),
                figure(cpu_ratios[scenario.key], "x"),
            ]
        )
        status_rows.append([scenario.label, statuses_text(stock), statuses_text(project)])
    statuses = format_table(["scenario", "stock statuses", "project statuses"], status_rows)
    return format_table(headers, rows), statuses, speedups, cpu_ratios


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--requests", type=int, default=100, help="per scenario and endpoint")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--time-cap", type=float, default=60, help="seconds per scenario and endpoint")
    parser.add_argument("--rounds", type=int, default=5, help="alternating stock/project rounds")
    parser.add_argument("--warmup-rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="where to write the figures")
    parser.add_argument("--server", default="unknown", help="how the server runs, for the report")
    parser.add_argument("--server-pid", type=int, help="the server's process, to read its CPU time")
    args = parser.parse_args()

    try:
        facts = check_fair_comparison(args.port)
        scenarios = build_scenarios(facts)
        warm_up(args.port, scenarios, rounds=args.warmup_rounds, concurrency=args.concurrency)
    except (BenchmarkError, OSError, http.client.HTTPException, KeyError, ValueError) as error:
        print(f"content_api: FAIL: {type(error).__name__}: {error}", file=sys.stderr)
        return 2

    print(
        f"fair comparison: both listings hold the same {len(facts['page_ids'])} pages"
        f"{'' if facts['same_order'] else ' (in a different order)'}, each with the same "
        f"{len(facts['item_keys'])} fields: {', '.join(facts['item_keys'])}"
    )
    if facts["value_differences"]:
        print(f"note: values differ beyond meta.detail_url: {facts['value_differences'][:3]}")
    else:
        print("values identical except meta.detail_url (each endpoint links to itself)")

    load_before = os.getloadavg()
    busy_before, server_before, started = (
        machine_busy_seconds(),
        server_cpu_seconds(args.server_pid),
        time.time(),
    )
    client_before = sum(os.times()[:2])
    results = []
    for scenario in scenarios:
        batches = measure(
            args.port,
            scenario,
            requests=args.requests,
            rounds=args.rounds,
            concurrency=args.concurrency,
            time_cap=args.time_cap,
            server_pid=args.server_pid,
        )
        results += [batch.summary() for batch in batches.values()]
    load_after = os.getloadavg()
    busy_after, server_after, elapsed = (
        machine_busy_seconds(),
        server_cpu_seconds(args.server_pid),
        time.time() - started,
    )
    client_after = sum(os.times()[:2])
    others_share = None
    if None not in (busy_before, busy_after, server_before, server_after):
        # Busy time that was neither the server's nor this load generator's, over the CPUs available.
        others = (busy_after - busy_before) - (server_after - server_before) - (client_after - client_before)
        others_share = max(0.0, others) / (elapsed * (os.cpu_count() or 1))
    by = {(r["scenario"], r["endpoint"]): r for r in results}
    table, statuses, speedups, cpu_ratios = report_tables(scenarios, by)

    print()
    print(
        f"{args.requests} requests per cell in {args.rounds} alternating rounds at concurrency "
        f"{args.concurrency}; server: {args.server}."
    )
    print(
        "Latency and server CPU per request in ms. speed-up = stock median / project median; "
        "CPU ratio = stock / project server CPU per request."
    )
    print(table)
    print()
    print(statuses)
    print()
    sizes, etag = facts["listing_bytes"], facts["etags"]
    print(f"listing response: stock {sizes['stock']} B, project {sizes['project']} B")
    print(f"listing ETag: project {etag['project'] or 'none'}, stock {etag['stock'] or 'none'}")
    if "304" not in by[("conditional", "stock")]["statuses"]:
        print("conditional GET: stock Wagtail v2 sends no ETag and answers every request in full (200)")
    client_share = (client_after - client_before) / (elapsed * (os.cpu_count() or 1))
    print(
        f"machine: {os.cpu_count()} CPUs; during the {elapsed:.0f} s of measurements this load generator "
        f"used {client_share:.0%} of them and other programs "
        + ("an unknown share" if others_share is None else f"{others_share:.0%}")
    )
    if others_share is not None and others_share > 0.10:
        print("warning: other programs were busy; latencies are noisy, the CPU ratio much less so")

    met = (speedups[TARGET_SCENARIO] or 0) >= TARGET_SPEEDUP
    verdict = (
        f"target {'MET' if met else 'NOT MET'}: the project's full-field listing is "
        f"{speedups[TARGET_SCENARIO]}x faster than stock by median latency (target: {TARGET_SPEEDUP:g}x; "
        f"by server CPU per request: {figure(cpu_ratios[TARGET_SCENARIO], 'x')})"
    )
    if args.json:
        report = {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "load_average_before": load_before,
                "load_average_after": load_after,
                "measurement_seconds": round(elapsed, 1),
                "load_generator_cpu_share": round(client_share, 3),
                "other_programs_cpu_share": None if others_share is None else round(others_share, 3),
            },
            "server": args.server,
            "requests_per_cell": args.requests,
            "rounds": args.rounds,
            "concurrency": args.concurrency,
            "fairness": facts,
            "results": results,
            "speedup_by_median": speedups,
            "server_cpu_ratio": cpu_ratios,
            "target": {"scenario": TARGET_SCENARIO, "min_speedup": TARGET_SPEEDUP, "met": met},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(verdict)
    if args.json:
        print(f"figures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
