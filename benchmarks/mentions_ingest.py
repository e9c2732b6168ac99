"""Mentions ingest: batches through the real endpoint, an Elasticsearch restart half-way, nothing lost.

Talks to a running server (benchmarks/mentions_ingest.sh starts it with search_worker beside it) and
reads its database. It makes an API key allowed mentions:ingest, sends `--mentions` distinct mentions in
batches of `--batch` from `--clients` threads, stops the Elasticsearch node after half the batches and
starts it again, sends the rest, and resends the first batch (a retry must change nothing). Then it
waits for the outbox to empty and counts the mentions in PostgreSQL and in the index: both must equal
what was sent.

    DJANGO_SETTINGS_MODULE=... DATABASE_URL=... ELASTICSEARCH_URL=... python benchmarks/mentions_ingest.py \
        --base-url http://127.0.0.1:8123 --restart-es "ES_PORT=9300 bash site/elasticsearch/elasticsearch.sh"
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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_PER_SECOND = 1000
#: After the last batch, the index must catch up within this long.
DRAIN_SECONDS = 300
TEXTS = {
    "es": ["Botas Cresta geniales", "El pedido no llega, nadie contesta", "¿Alguien probó la mochila?"],
    "en": ["Love my new Cresta boots", "Worst service ever, still waiting", "Does the jacket run small?"],
    "pl": ["Buty Cresta są świetne", "Zamówienie nie dotarło, nikt nie odpisuje", "Czy ktoś zna rozmiary?"],
}  # fmt: skip
NETWORKS = ["x", "instagram", "tiktok", "facebook", "reddit", "news"]


def django_setup():
    import django

    django.setup()


def make_key() -> str:
    from django.utils import timezone

    from brand_hub.apikeys.services import create_api_key

    issued = create_api_key(
        name="bench-mentions", scopes=["mentions:ingest"], expires_at=timezone.now() + timedelta(days=1)
    )
    return issued.full_key


def batch_items(start: int, size: int, rng: random.Random) -> list[dict]:
    now = datetime.now(UTC)
    items = []
    for n in range(start, start + size):
        language = rng.choice(list(TEXTS))
        items.append(
            {
                "network": rng.choice(NETWORKS),
                "url": f"https://example.com/posts/{n}?utm_source=bench",
                "author_handle": f"@person{n % 5000}",
                "text": f"{rng.choice(TEXTS[language])} #{n}",
                "language": language if n % 3 else None,  # a third detected
                "published_at": (now - timedelta(minutes=n % 10000)).isoformat(),
                "reach": rng.randrange(0, 50000),
            }
        )
    return items


def post(base_url: str, key: str, items: list[dict]) -> tuple[int, dict, float]:
    parts = urlsplit(base_url)
    body = json.dumps({"items": items})
    started = time.perf_counter()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    connection.request(
        "POST",
        "/api/listening/mentions",
        body=body,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
    )
    response = connection.getresponse()
    answer = json.loads(response.read() or b"{}")
    connection.close()
    return response.status, answer, time.perf_counter() - started


def send_all(base_url: str, key: str, batches: list[list[dict]], clients: int, failures: list) -> float:
    queue = list(enumerate(batches))
    lock = threading.Lock()

    def work():
        while True:
            with lock:
                if not queue:
                    return
                index, items = queue.pop(0)
            status, answer, _seconds = post(base_url, key, items)
            if status != 200 or answer.get("accepted") != len(items):
                failures.append((index, status, str(answer)[:300]))

    started = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def node(command: str, action: str) -> float:
    started = time.perf_counter()
    subprocess.run(f"{command} {action}", shell=True, check=True, cwd=ROOT, capture_output=True, timeout=300)
    return time.perf_counter() - started


def counts() -> tuple[int, int, int]:
    from brand_hub.mentions.models import Mention
    from search.client import get_client
    from search.indices.mentions import MENTIONS
    from search.models import PendingIndexUpdate

    client = get_client()
    client.indices.refresh(index=MENTIONS.alias_name())
    indexed = client.count(index=MENTIONS.alias_name())["count"]
    waiting = PendingIndexUpdate.objects.filter(index="mentions").count()
    return Mention.objects.count(), indexed, waiting


def row(label, measured, target="") -> None:
    print(f"{label:<52} {str(measured):>12} {str(target):>12}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--server", default="")
    parser.add_argument(
        "--restart-es", required=True, help="The runner command; `stop` and `start` are added"
    )
    options = parser.parse_args()
    django_setup()
    key = make_key()
    rng = random.Random(16)
    batches = [
        batch_items(start, min(options.batch, options.mentions - start), rng)
        for start in range(0, options.mentions, options.batch)
    ]
    half = len(batches) // 2
    failures: list = []

    first_seconds = send_all(options.base_url, key, batches[:half], options.clients, failures)
    stop_seconds = node(options.restart_es, "stop")
    # Elasticsearch is down: ingest goes on, the outbox keeps the changes.
    down_started = time.perf_counter()
    down_batches = batches[half : half + max(1, (len(batches) - half) // 2)]
    down_seconds = send_all(options.base_url, key, down_batches, options.clients, failures)
    node(options.restart_es, "start")
    rest = batches[half + len(down_batches) :]
    rest_seconds = send_all(options.base_url, key, rest, options.clients, failures)
    # From the stop's start to the node answering again: the stop, the batches sent meanwhile, the start.
    outage_seconds = stop_seconds + (time.perf_counter() - down_started - rest_seconds)

    status, retry, _seconds = post(options.base_url, key, batches[0])
    retried_same = status == 200 and [item["index"] for item in retry["items"]] == list(
        range(len(batches[0]))
    )

    deadline = time.monotonic() + DRAIN_SECONDS
    while True:
        stored, indexed, waiting = counts()
        if (waiting == 0 and indexed >= stored) or time.monotonic() > deadline:
            break
        time.sleep(1)

    sending = first_seconds + down_seconds + rest_seconds
    rate = options.mentions / sending
    lost_db = options.mentions - stored
    lost_index = stored - indexed
    print(
        f"mentions ingest: {options.mentions} mentions, batches of {options.batch}, {options.clients} clients"
    )
    print(f"server: {options.server or 'as given'}; search_worker sends the outbox")
    row("figure", "measured", "target")
    row("mentions/s through POST /api/listening/mentions", f"{rate:.0f}", f">= {TARGET_PER_SECOND}")
    row("  while Elasticsearch was down (mentions/s)", f"{sum(map(len, down_batches)) / down_seconds:.0f}")
    row("Elasticsearch down for (s, stop to started)", f"{outage_seconds:.1f}")
    row("refused batches", len(failures), 0)
    row("mentions in PostgreSQL", stored, options.mentions)
    row("mentions in the index", indexed, options.mentions)
    row("outbox rows left", waiting, 0)
    row("retry of the first batch answered the same ids", retried_same, True)
    for failure in failures[:3]:
        print(f"  refused batch {failure[0]}: {failure[1]} {failure[2]}")
    verdict = rate >= TARGET_PER_SECOND and not failures and lost_db == 0 and lost_index == 0 and retried_same
    print("PASS" if verdict else "FAIL")
    return 0 if verdict else 1


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.production")
    sys.exit(main())
