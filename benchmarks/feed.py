"""Feed benchmark: a prosumer following 50 things reads their feed at 1M comments; first and next page.

Run by benchmarks/feed.sh (`make bench-feed`) against a migrated, seeded, throwaway PostgreSQL database:

1. Corpus: people (insights_corpus.make_people), ideas and comments (search_corpus.generate, COPY into
   the three comment tables), spread over a year; half the threads on 10,000 ideas, half on the
   seeded posts, groups and challenges.
2. A prosumer follows 50 things: 20 discussed ideas, 10 other discussed pages (posts, groups,
   challenges, boards), 20 people who write, and is a member of every group.
3. GET /api/community/feed through Django's test Client, in process, signed in as them: the first
   page, then the page after it (its cursor), each BENCH_RUNS times; p50 and p95 beside the target.
4. With --explain, the feed's query plan (EXPLAIN ANALYZE, BUFFERS) for the first page.

The target (issue 18): p95 < 100 ms at 1M comments. Exit status 1 when a p95 misses it.
"""

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from insights_corpus import make_people  # noqa: E402
from search_corpus import CommentMix, _setup_django, generate  # noqa: E402

TARGET_MS = 100.0
FEED_MIX = CommentMix(ideas_discussed=10_000, idea_thread_share=0.5)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def prosumer_following_fifty(rng: random.Random):
    """A new prosumer who follows 20 ideas, 10 other pages and 20 people, and is in every group."""
    from django.contrib.auth.models import Group
    from django.db import connection

    from brand_hub.community.models import Follow, PersonFollow
    from brand_hub.community_groups.models import CommunityGroupPage, GroupMembership
    from brand_hub.users.models import User
    from brand_hub.users.roles import PROSUMERS

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.page_id, p.content_type_id = ct.id AS is_idea FROM community_communitycomment c "
            "JOIN wagtailcore_page p ON p.id = c.page_id "
            "JOIN django_content_type ct ON ct.app_label = 'ideas' AND ct.model = 'ideapage' "
            "GROUP BY c.page_id, is_idea"
        )
        pages = cursor.fetchall()
        cursor.execute("SELECT DISTINCT user_id FROM django_comments WHERE user_id IS NOT NULL LIMIT 5000")
        writers = [row[0] for row in cursor.fetchall()]
    ideas = [page for page, is_idea in pages if is_idea]
    others = [page for page, is_idea in pages if not is_idea]
    reader = User.objects.create_user("feedreader", "feedreader@example.com", None, preferred_locale="es")
    reader.groups.add(Group.objects.get(name=PROSUMERS))
    followed_pages = rng.sample(ideas, min(20, len(ideas))) + rng.sample(others, min(10, len(others)))
    Follow.objects.bulk_create([Follow(user=reader, page_id=page) for page in followed_pages])
    people = rng.sample(writers, min(20, len(writers)))
    PersonFollow.objects.bulk_create([PersonFollow(follower=reader, followed_id=person) for person in people])
    GroupMembership.objects.bulk_create(
        [GroupMembership(group=group, member=reader) for group in CommunityGroupPage.objects.all()]
    )
    return reader


def timed(client, runs: int, params: dict) -> tuple[list[float], dict]:
    seconds, answer = [], {}
    for _run in range(runs):
        started = time.perf_counter()
        response = client.get("/api/community/feed", params)
        seconds.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"feed: {response.status_code} {response.content[:300]!r}")
        answer = response.json()
    return seconds, answer


def explain(reader) -> str:
    from django.db import connection

    from brand_hub.community import feed

    position = feed.FeedPosition(as_of=feed.timezone.now())
    params = feed.feed_params(user=reader, position=position, limit=21)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + feed.feed_sql(()), params)
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--ideas", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--explain", action="store_true", help="print the first page's query plan")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument(
        "--reuse", action="store_true", help="time again on the corpus and reader a previous run left"
    )
    args = parser.parse_args()
    _setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from brand_hub.users.models import User

    rng = random.Random(args.seed)
    started = time.monotonic()
    if not args.reuse:
        make_people(args.people, rng=rng)
        generate(comments=args.comments, ideas=args.ideas, seed=args.seed, mix=FEED_MIX)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_comments")
        made = {"comments": cursor.fetchone()[0]}
    print(f"feed: corpus of {made['comments']:,} comments ({time.monotonic() - started:.0f} s)")
    reader = User.objects.filter(username="feedreader").first() or prosumer_following_fifty(rng)
    client = Client()
    client.force_login(reader)
    timed(client, 3, {})  # warm: connections, caches, plans
    first_seconds, first = timed(client, args.runs, {})
    if not first["next_cursor"]:
        raise SystemExit("feed: the first page has no next page; make the corpus larger")
    next_seconds, _next = timed(client, args.runs, {"cursor": first["next_cursor"]})
    reasons = sorted({item["reason"] for item in first["items"]})
    rows = []
    for name, seconds in (("first page", first_seconds), ("next page", next_seconds)):
        p50, p95 = statistics.median(seconds) * 1000, percentile(seconds, 0.95) * 1000
        rows.append({"page": name, "p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "runs": len(seconds)})
    print(f"feed: {len(first['items'])} items a page; reasons on the first page: {', '.join(reasons)}")
    print(f"{'page':<12} {'p50 ms':>8} {'p95 ms':>8}   target (issue 18)")
    for row in rows:
        verdict = "met" if row["p95_ms"] < TARGET_MS else "MISSED"
        figures = f"{row['page']:<12} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f}"
        print(f"{figures}   p95 < {TARGET_MS:.0f} ms: {verdict}")
    if args.explain:
        print(explain(reader))
    if args.json:
        Path(args.json).write_text(json.dumps({"comments": made["comments"], "rows": rows}, indent=2))
    return 0 if all(row["p95_ms"] < TARGET_MS for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
