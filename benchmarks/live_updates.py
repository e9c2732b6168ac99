"""Live updates under load: N SSE clients on one page, comments committed at a steady rate, and the
time from each commit to its arrival at every client (run by benchmarks/live_updates.sh).

The clients are asyncio programs (httpx), spread over `--processes` processes (one Python process
parsing every client's events would be a bottleneck of its own: 1,000 clients x 5 comments a second
are 5,000 events a second); the comments are posted by the comment service in this process, each in
its own transaction, and timed when the commit returns. Latency is the arrival of the comment's event
at a client less that moment, on the same clock (the wall clock, shared by the processes). The
issue's target: p95 < 1 s with 1,000 clients.
"""

import argparse
import asyncio
import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from brand_hub.blog.models import BlogPage  # noqa: E402
from brand_hub.community.comments import post_comment  # noqa: E402
from brand_hub.core.selectors import public_pages  # noqa: E402

TARGET_P95_SECONDS = 1.0


class Client:
    def __init__(self) -> None:
        self.connected = asyncio.Event()
        self.failed: str | None = None
        self.arrivals: dict[int, float] = {}

    async def run(self, http: httpx.AsyncClient, url: str, stop: asyncio.Event) -> None:
        try:
            async with http.stream("GET", url) as response:
                if response.status_code != 200:
                    self.failed = f"HTTP {response.status_code}"
                    return
                async for line in response.aiter_lines():
                    if line.startswith("retry:"):
                        self.connected.set()
                    elif line.startswith("data:"):
                        event = json.loads(line[5:])
                        if event["kind"] == "comment.posted":
                            self.arrivals[event["payload"]["comment_id"]] = time.time()
                    if stop.is_set():
                        return
        except (httpx.HTTPError, OSError) as error:
            self.failed = type(error).__name__
        finally:
            self.connected.set()


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def commit_comments(page, author, *, rate: float, seconds: float) -> dict[int, float]:
    """Post comments at `rate` a second for `seconds`; each id with the moment its commit returned."""
    committed: dict[int, float] = {}
    interval, start = 1 / rate, time.monotonic()
    for number in range(int(rate * seconds)):
        delay = start + number * interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        comment = post_comment(author=author, page=page, text=f"Comentario en directo {number}")
        committed[comment.pk] = time.time()
    return committed


def options_and_target() -> tuple[argparse.Namespace, object, object]:
    """The command line, and the page and author of the comments (read before the event loop runs)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--rate", type=float, default=5, help="comments committed per second")
    parser.add_argument("--server", default="")
    parser.add_argument(
        "--processes", type=int, default=2, help="processes the clients are spread over (one event loop each)"
    )
    page = public_pages(BlogPage.objects.all()).first()
    author = get_user_model().objects.filter(is_active=True, is_staff=False).order_by("pk").first()
    return parser.parse_args(), page, author


#: How long after the last commit a delivery still counts.
DELIVERY_GRACE_SECONDS = 15


async def run_clients(url: str, count: int, ready, committing_done, committed_count, results) -> None:
    """One process's share of the clients: connect them, say so, and once the comments are all
    committed, wait for their events (DELIVERY_GRACE_SECONDS at most), then send back the arrivals."""
    stop = asyncio.Event()
    clients = [Client() for _ in range(count)]
    limits = httpx.Limits(max_connections=count + 10, max_keepalive_connections=0)
    timeout = httpx.Timeout(60, read=120)
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as http:
        tasks = []
        for client in clients:
            tasks.append(asyncio.create_task(client.run(http, url, stop)))
            await asyncio.sleep(0.002)  # a ramp, as browsers arrive: not a SYN flood on the backlog
        await asyncio.wait_for(asyncio.gather(*(client.connected.wait() for client in clients)), 300)
        ready.put([client.failed for client in clients])
        while not committing_done.is_set():
            await asyncio.sleep(0.2)
        deadline = time.monotonic() + DELIVERY_GRACE_SECONDS
        while time.monotonic() < deadline and any(
            len(client.arrivals) < committed_count.value for client in clients if client.failed is None
        ):
            await asyncio.sleep(0.2)
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    results.put([(client.failed, client.arrivals) for client in clients])


def client_process(url: str, count: int, ready, committing_done, committed_count, results) -> None:
    asyncio.run(run_clients(url, count, ready, committing_done, committed_count, results))


def main(options: argparse.Namespace, page, author) -> int:
    url = f"{options.base_url}/api/community/live/pages/{page.pk}"
    processes = max(1, min(options.processes, options.clients))
    print(
        f"bench-live: {options.clients} clients in {processes} processes on {url} ({options.server})",
        file=sys.stderr,
    )
    from django.db import connections

    connections.close_all()  # the client processes are forked: none of them shares this connection
    context = multiprocessing.get_context("fork")
    ready, results = context.Queue(), context.Queue()
    committing_done, committed_count = context.Event(), context.Value("i", 0)
    shares = [
        options.clients // processes + (index < options.clients % processes) for index in range(processes)
    ]
    workers = [
        context.Process(
            target=client_process, args=(url, share, ready, committing_done, committed_count, results)
        )
        for share in shares
    ]
    connect_started = time.monotonic()
    for worker in workers:
        worker.start()
    failures_at_connect = [failed for _ in workers for failed in ready.get(timeout=600)]
    connected_count = failures_at_connect.count(None)
    print(
        f"bench-live: {connected_count} connected, {options.clients - connected_count} failed, "
        f"in {time.monotonic() - connect_started:.1f} s",
        file=sys.stderr,
    )
    committed = commit_comments(page, author, rate=options.rate, seconds=options.seconds)
    committed_count.value = len(committed)
    committing_done.set()
    clients = [client for _ in workers for client in results.get(timeout=600)]
    for worker in workers:
        worker.join(timeout=30)
    connected = [arrivals for failed, arrivals in clients if failed is None]

    latencies = [
        arrivals[comment_id] - at
        for arrivals in connected
        for comment_id, at in committed.items()
        if comment_id in arrivals
    ]
    expected = len(committed) * len(connected)
    failures = {}
    for failed, _arrivals in clients:
        if failed:
            failures[failed] = failures.get(failed, 0) + 1
    p50, p95, p99 = (percentile(latencies, share) for share in (0.50, 0.95, 0.99))
    failed = options.clients - len(connected)
    print(f"clients              {len(connected)} connected, {failed} failed {failures or ''}")
    print(f"comments committed   {len(committed)} at {options.rate}/s for {options.seconds:.0f} s")
    print(f"deliveries           {len(latencies)} of {expected} ({expected - len(latencies)} missing)")
    print(f"latency p50          {p50 * 1000:8.1f} ms")
    print(
        f"latency p95          {p95 * 1000:8.1f} ms   target < {TARGET_P95_SECONDS * 1000:.0f} ms: "
        f"{'met' if p95 < TARGET_P95_SECONDS else 'MISSED'}"
    )
    print(f"latency p99          {p99 * 1000:8.1f} ms")
    print(f"latency max          {max(latencies, default=float('nan')) * 1000:8.1f} ms")
    return 0 if latencies and p95 < TARGET_P95_SECONDS and len(latencies) == expected else 1


if __name__ == "__main__":
    sys.exit(main(*options_and_target()))
