"""Where one full-field listing spends its time: SQL queries and a cProfile, in-process.

Runs against whatever database the environment points at (run it with the same
DATABASE_URL, MEDIA_ROOT and BRAND_HUB_VAR_DIR as a seeded benchmark database):
    python benchmarks/profile_listing.py [--endpoint /api/v2/pages/] [--repeat 20] [--top 25]
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY = "?type=blog.BlogPage&fields=*&limit=20&locale=es"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", default="/api/v2/pages/")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.dev")
    os.environ.setdefault("BRAND_HUB_STOCK_API", "1")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_ACCEPT="application/json", HTTP_HOST="127.0.0.1")
    url = args.endpoint + QUERY
    assert client.get(url).status_code == 200, url  # warm: code loaded, renditions exist

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    tables = Counter(q["sql"].split(" FROM ", 1)[-1].split()[0].strip('"') for q in queries.captured_queries)
    print(f"{url}: {len(queries)} SQL queries")
    print("  by table:", ", ".join(f"{table} {n}" for table, n in tables.most_common()))

    started = time.perf_counter()
    for _ in range(args.repeat):
        client.get(url)
    print(f"  mean {1000 * (time.perf_counter() - started) / args.repeat:.1f} ms per request in-process")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.repeat):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
