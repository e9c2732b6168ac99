"""Insights benchmark fixture: a year of community activity at scale, written straight to PostgreSQL.

Run against a seeded database (`manage.py seed_demo`) with the project's settings:
    python benchmarks/insights_corpus.py [--comments 1000000] [--ideas 100000] [--people 50000]

People first (COPY into the user table, Prosumers, es/en/pl), then the comments and ideas of the
search benchmark's corpus (`search_corpus.generate`) with the insights' mix: complaints about 10 %
and questions about 15 % of the comments, most of them resolved, threads on posts, groups,
challenges and a tenth of the ideas, ideas in every status. Then, each in one INSERT ... SELECT on
the server: reactions (about 1.5 per published comment), votes (about 5 per idea), the status
changes that led every idea to its status, share links with their visits, and daily page views.
Every moment lies within the last 365 days and none after now.
"""

import argparse
import random
import secrets
import time
from datetime import timedelta

from search_corpus import CommentMix, _copy, _reset_sequence, _setup_django, generate

#: Complaints ~10 % and questions ~15 % of all comments (roots and replies alike).
INSIGHTS_MIX = CommentMix(
    root_kinds={"complaint": 12, "question": 20, "suggestion": 20, "praise": 20, "other": 28},
    reply_kinds={"complaint": 9, "question": 13, "suggestion": 10, "praise": 18, "other": 50},
    resolved_share=0.8,
    ideas_discussed=10_000,
    idea_thread_share=0.5,
    idea_statuses={
        "submitted": 35,
        "under_review": 20,
        "planned": 10,
        "in_progress": 8,
        "implemented": 15,
        "declined": 12,
    },
)
LOCALE_WEIGHTS = {"es": 50, "en": 30, "pl": 20}
CHANNEL_WEIGHTS = {"whatsapp": 35, "facebook": 20, "x": 10, "linkedin": 5, "email": 10, "copy_link": 20}


def make_people(count: int, *, rng: random.Random) -> int:
    """COPY `count` prosumers (no usable password) into the user table and the Prosumers group."""
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from brand_hub.users.roles import PROSUMERS

    now = timezone.now()
    group_id = Group.objects.get(name=PROSUMERS).pk
    locales, weights = list(LOCALE_WEIGHTS), list(LOCALE_WEIGHTS.values())
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM users_user")
        first = cursor.fetchone()[0] + 1
    people, memberships = [], []
    for pk in range(first, first + count):
        joined = now - timedelta(days=rng.uniform(30, 1000))
        people.append(
            (
                pk,
                "!",
                None,
                False,
                f"benchperson{pk}",
                "",
                "",
                f"benchperson{pk}@example.com",
                False,
                True,
                joined,
                f"Person {pk}",
                rng.choices(locales, weights)[0],
                "",
                "",
                joined,
                joined,
                "1",
                True,
            )
        )
        memberships.append((pk, group_id))
    with transaction.atomic(), connection.cursor() as cursor:
        _copy(
            cursor,
            "users_user",
            "id, password, last_login, is_superuser, username, first_name, last_name, email, is_staff, "
            "is_active, date_joined, display_name, preferred_locale, avatar, bio, privacy_accepted_at, "
            "terms_accepted_at, terms_version, show_reputation",
            people,
        )
        _copy(cursor, "users_user_groups", "user_id, group_id", memberships)
        _reset_sequence(cursor, "users_user")
    return count


#: Run in this order on one connection; %(tz)s is the site's time zone.
ACTIVITY_SQL = (
    (
        "reactions",
        # Each published comment gets 0..n reactions (about 1.5 on average) from distinct people,
        # within three days of the comment and not after now.
        """
        WITH people AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users_user),
        counted AS (SELECT count(*) AS total FROM people),
        wanted AS (
            SELECT c.xtdcomment_ptr_id AS comment_id, d.submit_date,
                   floor(-ln(1 - random()) * 2)::int AS reactions
            FROM community_communitycomment c JOIN django_comments d ON d.id = c.xtdcomment_ptr_id
            WHERE c.state = 'published'
        )
        INSERT INTO community_commentreaction (comment_id, user_id, value, created_at)
        SELECT w.comment_id, p.id,
               CASE WHEN random() < 0.85 THEN 'like' ELSE 'dislike' END,
               least(w.submit_date + random() * interval '3 days', now())
        FROM wanted w CROSS JOIN counted
        CROSS JOIN LATERAL generate_series(1, w.reactions) AS g
        JOIN people p ON p.n = (w.comment_id * 31 + g * 7919) % counted.total
        """,
    ),
    (
        "votes",
        # About five votes per idea from distinct people, between its submission and now.
        """
        WITH people AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users_user),
        counted AS (SELECT count(*) AS total FROM people),
        wanted AS (
            SELECT page_ptr_id AS idea_id, submitted_at, floor(-ln(1 - random()) * 5.5)::int AS votes
            FROM ideas_ideapage WHERE submitted_at > now() - interval '366 days'
        )
        INSERT INTO ideas_ideavote (idea_id, voter_id, created_at)
        SELECT w.idea_id, p.id, w.submitted_at + random() * (now() - w.submitted_at)
        FROM wanted w CROSS JOIN counted
        CROSS JOIN LATERAL generate_series(1, w.votes) AS g
        JOIN people p ON p.n = (w.idea_id * 17 + g * 7919) % counted.total
        """,
    ),
    (
        "vote counts",
        """
        UPDATE ideas_ideapage i
        SET vote_count = (SELECT count(*) FROM ideas_ideavote v WHERE v.idea_id = i.page_ptr_id)
        """,
    ),
    (
        "status changes",
        # The steps that led each idea to its status, spread between its submission and now.
        """
        WITH chains(status, steps) AS (VALUES
            ('under_review', ARRAY['under_review']),
            ('planned', ARRAY['under_review', 'planned']),
            ('in_progress', ARRAY['under_review', 'planned', 'in_progress']),
            ('implemented', ARRAY['under_review', 'planned', 'in_progress', 'implemented']),
            ('declined', ARRAY['under_review', 'declined'])
        )
        INSERT INTO ideas_ideastatuschange (idea_id, from_status, to_status, official_response,
                                            changed_by_id, changed_at)
        SELECT i.page_ptr_id, coalesce(c.steps[s.n - 1], 'submitted'), s.step, '', NULL,
               i.submitted_at + (now() - i.submitted_at)
                   * (s.n::float / (array_length(c.steps, 1) + 1))
                   * (0.3 + 0.7 * ((i.page_ptr_id * 2654435761) % 1000) / 1000.0)
        FROM ideas_ideapage i JOIN chains c ON c.status = i.status
        CROSS JOIN LATERAL unnest(c.steps) WITH ORDINALITY AS s(step, n)
        WHERE i.submitted_at <= now()
        """,
    ),
    (
        "share visits",
        # About four unique visitors per link, within a week of its creation and not after now.
        """
        INSERT INTO recommendations_sharevisit (link_id, visitor_key, visited_at)
        SELECT l.id, md5(l.id || ':' || g), least(l.created_at + random() * interval '7 days', now())
        FROM recommendations_sharelink l
        -- l.id makes the count a row's own: an uncorrelated LATERAL is computed once for all links.
        CROSS JOIN LATERAL generate_series(1, floor(-ln(1 - random()) * 4.5)::int + 0 * l.id) AS g
        """,
    ),
    (
        "share visit counts",
        """
        UPDATE recommendations_sharelink l SET visit_count = v.n
        FROM (SELECT link_id, count(*) AS n FROM recommendations_sharevisit GROUP BY link_id) v
        WHERE v.link_id = l.id
        """,
    ),
    (
        "page views",
        # Every live page but the ideas, every day of the year; each idea on about five days since
        # it was sent. Days in the site's time zone, as the beacon counts them.
        """
        DELETE FROM insights_pageviewday;  -- the demo's made-up weeks give way to the year
        INSERT INTO insights_pageviewday (page_id, day, views)
        SELECT p.id, d::date, 1 + floor(random() * 300)::int
        FROM wagtailcore_page p
        JOIN django_content_type ct ON ct.id = p.content_type_id
        CROSS JOIN generate_series((now() AT TIME ZONE %(tz)s)::date - 364,
                                   (now() AT TIME ZONE %(tz)s)::date, interval '1 day') AS d
        WHERE p.live AND p.depth > 1 AND ct.model <> 'ideapage';
        INSERT INTO insights_pageviewday (page_id, day, views)
        SELECT i.page_ptr_id,
               ((i.submitted_at + random() * (now() - i.submitted_at)) AT TIME ZONE %(tz)s)::date,
               1 + floor(-ln(1 - random()) * 20)::int
        FROM ideas_ideapage i CROSS JOIN generate_series(1, 5) AS g
        WHERE i.submitted_at <= now()
        ON CONFLICT (page_id, day) DO NOTHING
        """,
    ),
)


def make_share_links(count: int, *, rng: random.Random) -> int:
    """COPY `count` share links (one per person, page and channel) over the year."""
    from django.db import connection, transaction
    from django.utils import timezone

    from wagtail.models import Page

    from brand_hub.users.models import User

    now = timezone.now()
    people = list(User.objects.values_list("pk", flat=True))
    pages = list(Page.objects.live().filter(depth__gt=1).values_list("pk", flat=True))
    channels, weights = list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values())
    seen, links = set(), []
    while len(links) < count:
        key = (rng.choice(people), rng.choice(pages), rng.choices(channels, weights)[0])
        if key in seen:
            continue
        seen.add(key)
        created = now - timedelta(seconds=rng.uniform(0, 365 * 86400))
        links.append((secrets.token_urlsafe(8), *key, 0, created))
    with transaction.atomic(), connection.cursor() as cursor:
        columns = "code, sharer_id, page_id, channel, visit_count, created_at"
        _copy(cursor, "recommendations_sharelink", columns, links)
    return count


def make_activity(*, shares: int, rng: random.Random, progress=print) -> dict[str, int]:
    """Share links, then every INSERT ... SELECT of ACTIVITY_SQL; {what: rows} and the seconds taken."""
    from django.conf import settings
    from django.db import connection, transaction

    made = {}
    started = time.monotonic()
    made["share links"] = make_share_links(shares, rng=rng)
    progress(f"insights_corpus: {shares:,} share links in {time.monotonic() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [rng.random() * 2 - 1])
        for name, sql in ACTIVITY_SQL:
            started = time.monotonic()
            rows = 0
            with transaction.atomic():
                for statement in sql.split(";"):
                    if statement.strip():
                        params = {"tz": settings.TIME_ZONE} if "%(tz)s" in statement else None
                        cursor.execute(statement, params)
                        if not statement.lstrip().upper().startswith("DELETE"):  # rows written, not cleared
                            rows += max(cursor.rowcount, 0)
            made[name] = rows
            progress(f"insights_corpus: {name}: {rows:,} rows in {time.monotonic() - started:.1f} s")
        cursor.execute(
            "ANALYZE community_commentreaction; ANALYZE ideas_ideavote; ANALYZE ideas_ideastatuschange; "
            "ANALYZE ideas_ideapage; ANALYZE recommendations_sharelink; ANALYZE recommendations_sharevisit; "
            "ANALYZE insights_pageviewday; ANALYZE users_user"
        )
    return made


def build(*, comments: int, ideas: int, people: int, seed: int = 11, progress=print) -> dict:
    """The whole corpus; {what: rows made} and {step: seconds}."""
    rng = random.Random(seed)
    seconds = {}
    started = time.monotonic()
    made = {"people": make_people(people, rng=rng)}
    seconds["people"] = time.monotonic() - started
    progress(f"insights_corpus: {people:,} people in {seconds['people']:.1f} s")
    corpus = generate(comments=comments, ideas=ideas, seed=seed, mix=INSIGHTS_MIX, progress=progress)
    made.update(comments=corpus["comments"], ideas=corpus["ideas"])
    seconds.update(comments=corpus["comments_seconds"], ideas=corpus["ideas_seconds"])
    started = time.monotonic()
    # Links: about one for every 15 comments, so that visits come to about a third of a million.
    made.update(make_activity(shares=max(comments // 15, 100), rng=rng, progress=progress))
    seconds["activity"] = time.monotonic() - started
    return {"rows": made, "seconds": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    _setup_django()
    made = build(comments=args.comments, ideas=args.ideas, people=args.people, seed=args.seed)
    print(made)


if __name__ == "__main__":
    main()
