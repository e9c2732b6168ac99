"""A prosumer's feed: what is new in the pages and people they follow, and what is rising in their groups.

Sources, each read within FEED_DAYS before the feed's snapshot (`as_of`):
- `followed_page`: the latest ITEMS_PER_SOURCE published comments and replies on a followed page;
  the latest ITEMS_PER_SOURCE ideas published under a followed challenge or board; status changes
  and official responses of a followed idea;
- `followed_person`: the latest ITEMS_PER_SOURCE published comments of a followed person, the ideas
  they proposed;
- `rising_in_group`: the RISING_ITEMS most engaged of the latest RISING_SCAN comments of the last
  RISING_DAYS in each group the prosumer is a member of, in their language.
An item found by several sources is shown once, for the most specific reason (a person, then a page,
then a group). Only published comments on pages the prosumer may read (`public_page_sql` with the
restrictions they pass: internal challenges and groups of their groups), never the prosumer's own,
nor the comments and ideas of people they muted (brand_hub.community.mutes).

Language: items in the prosumer's preferred locale come first, the rest after them (`language_tier`).
What they follow they chose, so it is never hidden for its language; the rising items they did not
choose are only those in their language. An idea counts as in their language when it, or a live
translation of it, is in that locale, and is then shown with the translation's title and URL (as is
the followed page that brings an item); a comment links to the page it was written on, where its
discussion is.

Rank: score = (1 + engagement) / (hours since it happened + 2) ** 1.5, the time decay of Hacker News,
where engagement is likes + 2 × replies for a comment and votes for an idea (its status changes too).
Hours and engagement are counted at the snapshot, not now, so the order of a feed does not move while
it is read: the cursor carries the snapshot and the last item's key (tier, score, kind, id), items
newer than the snapshot wait for the next first page, and pages never repeat or skip an item.
"""

import datetime
import functools
import math
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.text import Truncator

from wagtail.models import Page

from brand_hub.core.selectors import passed_by, public_page_sql, readable_pages
from brand_hub.headless.pagination import bad_cursor, decode_cursor, encode_cursor
from brand_hub.headless.public_urls import public_page_url
from brand_hub.headless.schemas import MAX_ID

from .markup import plain_text

FEED_DAYS = 30
RISING_DAYS = 7
#: The latest comments of a followed page or person the feed considers: one lively thread does not
#: fill the feed, and a page is ranked out of at most this many items per thing followed.
ITEMS_PER_SOURCE = 10
RISING_ITEMS = 10
#: How many of a group's latest comments of the week are weighed for rising: a bound on the work.
RISING_SCAN = 50
#: A rising item has been liked or answered at least this much.
RISING_MIN_ENGAGEMENT = 2
EXCERPT_LENGTH = 200

#: Item kinds in the key that orders items of equal score; ids of different tables never compare alone.
COMMENT, IDEA, STATUS_CHANGE = 1, 2, 3

#: No snapshot is older: a cursor before it is none the API gave.
OLDEST_SNAPSHOT = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)

FEED_SQL = f"""
WITH followed_pages AS (
    SELECT page_id FROM community_follow WHERE user_id = %(me)s
), followed_people AS (
    SELECT followed_id AS user_id FROM community_personfollow WHERE follower_id = %(me)s
), muted_people AS (
    SELECT muted_id AS user_id FROM community_personmute WHERE muter_id = %(me)s
), comment_sources AS (
    SELECT latest.id AS object_id, 'followed_page' AS reason, f.page_id AS reason_page_id
    FROM followed_pages f
    CROSS JOIN LATERAL (
        SELECT dc.id FROM django_comments dc
        JOIN community_communitycomment c ON c.xtdcomment_ptr_id = dc.id
        WHERE dc.object_pk = f.page_id::text AND c.page_id = f.page_id
          AND dc.submit_date > %(since)s AND dc.submit_date <= %(as_of)s
          AND c.state = 'published' AND dc.user_id IS DISTINCT FROM %(me)s
          AND NOT EXISTS (SELECT 1 FROM muted_people mp WHERE mp.user_id = dc.user_id)
        ORDER BY dc.submit_date DESC, dc.id DESC
        LIMIT %(per_source)s
    ) latest
    UNION ALL
    SELECT latest.id, 'followed_person', NULL
    FROM followed_people f
    CROSS JOIN LATERAL (
        SELECT dc.id FROM django_comments dc
        JOIN community_communitycomment c ON c.xtdcomment_ptr_id = dc.id
        WHERE dc.user_id = f.user_id AND dc.submit_date > %(since)s AND dc.submit_date <= %(as_of)s
          AND c.state = 'published'
        ORDER BY dc.submit_date DESC, dc.id DESC
        LIMIT %(per_source)s
    ) latest
), rising AS (
    SELECT latest.id AS object_id, 'rising_in_group' AS reason, latest.page_id AS reason_page_id
    FROM community_groups_groupmembership m
    CROSS JOIN LATERAL (
        SELECT dc.id, c.page_id FROM django_comments dc
        JOIN community_communitycomment c ON c.xtdcomment_ptr_id = dc.id
        WHERE dc.object_pk = m.group_id::text AND c.page_id = m.group_id
          AND dc.submit_date > %(rising_since)s AND dc.submit_date <= %(as_of)s
          AND c.state = 'published' AND c.language = %(language)s
          AND dc.user_id IS DISTINCT FROM %(me)s
          AND NOT EXISTS (SELECT 1 FROM muted_people mp WHERE mp.user_id = dc.user_id)
        ORDER BY dc.submit_date DESC, dc.id DESC
        LIMIT %(rising_scan)s
    ) latest
    CROSS JOIN LATERAL ({{engagement}}) e
    WHERE m.member_id = %(me)s AND e.likes + 2 * e.replies >= %(rising_min)s
    ORDER BY e.likes + 2 * e.replies DESC, latest.id DESC
    LIMIT %(rising_items)s
), comments AS (
    SELECT DISTINCT ON (s.object_id)
        {COMMENT} AS kind_rank, s.object_id, c.page_id, dc.submit_date AS occurred_at, s.reason,
        s.reason_page_id, dc.user_id AS author_id, dc.user_name AS author_name,
        left(dc.comment, 1000) AS text,
        c.kind AS comment_kind, x.level, NULL::varchar AS from_status, NULL::varchar AS to_status,
        CASE WHEN c.language = %(language)s THEN 0 ELSE 1 END AS language_tier
    FROM (
        SELECT * FROM comment_sources UNION ALL SELECT * FROM rising
    ) s
    JOIN django_comments dc ON dc.id = s.object_id
    JOIN django_comments_xtd_xtdcomment x ON x.comment_ptr_id = s.object_id
    JOIN community_communitycomment c ON c.xtdcomment_ptr_id = s.object_id
    WHERE c.state = 'published' AND dc.user_id IS DISTINCT FROM %(me)s
      AND NOT EXISTS (SELECT 1 FROM muted_people mp WHERE mp.user_id = dc.user_id)
    ORDER BY s.object_id,
        CASE s.reason WHEN 'followed_person' THEN 1 WHEN 'followed_page' THEN 2 ELSE 3 END
), ideas AS (
    SELECT DISTINCT ON (i.page_ptr_id)
        {IDEA} AS kind_rank, i.page_ptr_id AS object_id, i.page_ptr_id AS page_id,
        ip.first_published_at AS occurred_at, s.reason, s.reason_page_id,
        i.proposed_by_id AS author_id, u.display_name::varchar AS author_name, NULL::text AS text,
        NULL::varchar AS comment_kind, NULL::int AS level, NULL::varchar AS from_status,
        i.status AS to_status,
        NULL::int AS language_tier
    FROM (
        SELECT latest.idea_id, 'followed_page' AS reason, latest.reason_page_id
        FROM (
            SELECT ip.id AS idea_id, parent.id AS reason_page_id, row_number() OVER (
                PARTITION BY parent.id ORDER BY ip.first_published_at DESC, ip.id DESC
            ) AS n
            FROM followed_pages f
            JOIN wagtailcore_page parent ON parent.id = f.page_id
            JOIN wagtailcore_page ip ON ip.path LIKE parent.path || '%%' AND ip.depth = parent.depth + 1
            JOIN ideas_ideapage child ON child.page_ptr_id = ip.id
            WHERE ip.first_published_at > %(since)s AND ip.first_published_at <= %(as_of)s
              AND child.proposed_by_id IS DISTINCT FROM %(me)s
              AND NOT EXISTS (SELECT 1 FROM muted_people mp WHERE mp.user_id = child.proposed_by_id)
        ) latest
        WHERE latest.n <= %(per_source)s
        UNION ALL
        SELECT i.page_ptr_id, 'followed_person', NULL
        FROM ideas_ideapage i
        WHERE i.proposed_by_id IN (SELECT user_id FROM followed_people)
    ) s
    JOIN ideas_ideapage i ON i.page_ptr_id = s.idea_id
    JOIN wagtailcore_page ip ON ip.id = i.page_ptr_id
    LEFT JOIN users_user u ON u.id = i.proposed_by_id
    WHERE ip.first_published_at > %(since)s AND ip.first_published_at <= %(as_of)s
      AND i.proposed_by_id IS DISTINCT FROM %(me)s
      AND NOT EXISTS (SELECT 1 FROM muted_people mp WHERE mp.user_id = i.proposed_by_id)
    ORDER BY i.page_ptr_id, CASE s.reason WHEN 'followed_person' THEN 1 ELSE 2 END
), status_changes AS (
    SELECT {STATUS_CHANGE}, sc.id, sc.idea_id, sc.changed_at, 'followed_page', sc.idea_id,
        sc.changed_by_id, NULL::varchar, left(sc.official_response, 1000), NULL::varchar, NULL::int,
        sc.from_status, sc.to_status, NULL::int
    FROM ideas_ideastatuschange sc
    WHERE sc.idea_id IN (SELECT page_id FROM followed_pages)
      AND sc.changed_at > %(since)s AND sc.changed_at <= %(as_of)s
      AND sc.changed_by_id IS DISTINCT FROM %(me)s
), items AS (
    SELECT * FROM comments UNION ALL SELECT * FROM ideas UNION ALL SELECT * FROM status_changes
), scored AS (
    SELECT items.*, e.likes, e.replies, votes.votes,
        coalesce(items.language_tier, CASE WHEN EXISTS (
            SELECT 1 FROM wagtailcore_page t JOIN wagtailcore_locale tl ON tl.id = t.locale_id
            WHERE t.translation_key = p.translation_key AND tl.language_code = %(language)s AND t.live
        ) THEN 0 ELSE 1 END) AS tier,
        (1 + coalesce(e.likes + 2 * e.replies, votes.votes))::float8
            / power((extract(epoch FROM %(as_of)s - items.occurred_at) / 3600 + 2)::float8, 1.5) AS score
    FROM items
    JOIN wagtailcore_page p ON p.id = items.page_id
    LEFT JOIN LATERAL ({{engagement}}) e ON items.kind_rank = {COMMENT}
    LEFT JOIN LATERAL (
        SELECT count(*) AS votes FROM ideas_ideavote v
        WHERE v.idea_id = items.page_id AND v.created_at <= %(as_of)s
    ) votes ON items.kind_rank <> {COMMENT}
    WHERE {{readable}}
)
SELECT kind_rank, object_id, page_id, occurred_at, reason, reason_page_id, author_id, author_name, text,
    comment_kind, level, from_status, to_status, likes, replies, votes, tier, score
FROM scored
WHERE %(after)s::boolean IS NULL
   OR tier > %(after_tier)s
   OR (tier = %(after_tier)s
       AND (score, kind_rank, object_id) < (%(after_score)s, %(after_kind)s, %(after_id)s))
ORDER BY tier, score DESC, kind_rank DESC, object_id DESC
LIMIT %(limit)s
"""

#: A comment's likes and published replies, as they stood at the snapshot (`dc` is the comment).
ENGAGEMENT_SQL = """
    SELECT
        (SELECT count(*) FROM community_commentreaction r
         WHERE r.comment_id = {comment} AND r.value = 'like' AND r.created_at <= %(as_of)s) AS likes,
        (SELECT count(*) FROM django_comments_xtd_xtdcomment rx
         JOIN django_comments rd ON rd.id = rx.comment_ptr_id
         JOIN community_communitycomment rc ON rc.xtdcomment_ptr_id = rx.comment_ptr_id
         WHERE rx.parent_id = {comment} AND rx.comment_ptr_id <> {comment}
           AND rc.state = 'published' AND rd.submit_date <= %(as_of)s) AS replies
"""


@dataclass(frozen=True)
class FeedPosition:
    """Where a feed was read up to: its snapshot and the key of the last item answered."""

    as_of: datetime.datetime
    tier: int | None = None
    score: float | None = None
    kind: int | None = None
    object_id: int | None = None


def feed_rows(*, user, position: FeedPosition, limit: int) -> list[dict]:
    """One page of the feed's items after `position`, ranked, as plain rows: one query."""
    with connection.cursor() as cursor:
        params = feed_params(user=user, position=position, limit=limit)
        cursor.execute(feed_sql(tuple(passed_by(user))), params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def feed_params(*, user, position: FeedPosition, limit: int) -> dict:
    after = position.object_id is not None
    return {
        "me": user.pk,
        "language": user.preferred_locale,
        "as_of": position.as_of,
        "since": position.as_of - datetime.timedelta(days=FEED_DAYS),
        "rising_since": position.as_of - datetime.timedelta(days=RISING_DAYS),
        "rising_items": RISING_ITEMS,
        "rising_scan": RISING_SCAN,
        "per_source": ITEMS_PER_SOURCE,
        "rising_min": RISING_MIN_ENGAGEMENT,
        "after": True if after else None,
        "after_tier": position.tier,
        "after_score": position.score,
        "after_kind": position.kind,
        "after_id": position.object_id,
        "limit": limit,
    }


def _sql() -> str:
    """The feed's query with the engagement subquery written in for the rising and the scored items."""
    rising = ENGAGEMENT_SQL.format(comment="latest.id")
    scored = ENGAGEMENT_SQL.format(comment="items.object_id")
    first, rest = FEED_SQL.split("{engagement}", 1)
    second, third = rest.split("{engagement}", 1)
    return first + rising + second + scored + third


SQL = _sql()


@functools.lru_cache(maxsize=64)
def feed_sql(passed: tuple[int, ...]) -> str:
    """The feed's query for a reader who passes the view restrictions `passed` (ids)."""
    return SQL.replace("{readable}", public_page_sql("p", passed=passed))


def read_feed(*, user, cursor: str | None, limit: int, request) -> dict:
    """The feed's first page, or the page after `cursor`, with the cursor of the page after it."""
    position = _position(cursor) if cursor else FeedPosition(as_of=timezone.now())
    rows = feed_rows(user=user, position=position, limit=limit + 1)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(
            [position.as_of.isoformat(), last["tier"], last["score"], last["kind_rank"], last["object_id"]]
        )
    return {
        "limit": limit,
        "next_cursor": next_cursor,
        "items": shape_items(rows, language=user.preferred_locale, request=request, user=user),
    }


def _position(cursor: str) -> FeedPosition:
    """The position a cursor of `read_feed` holds; anything it could not have written is a 400."""
    try:
        as_of, tier, score, kind, object_id = decode_cursor(cursor)
        position = FeedPosition(
            as_of=datetime.datetime.fromisoformat(as_of), tier=int(tier), score=float(score),
            kind=int(kind), object_id=int(object_id),
        )  # fmt: skip
    except (TypeError, ValueError):
        raise bad_cursor() from None
    plausible = (
        position.as_of.tzinfo is not None
        and OLDEST_SNAPSHOT <= position.as_of <= timezone.now()
        and position.tier in (0, 1)
        and math.isfinite(position.score)
        and position.kind in (COMMENT, IDEA, STATUS_CHANGE)
        and 0 < position.object_id <= MAX_ID
    )
    if not plausible:
        raise bad_cursor()
    return position


def shape_items(rows: list[dict], *, language: str, request, user=None) -> list[dict]:
    """The feed's items as the API answers them; pages and their translations in two queries."""
    page_ids = {row["page_id"] for row in rows} | {
        row["reason_page_id"] for row in rows if row["reason_page_id"]
    }
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).select_related("locale")}
    keys = {page.translation_key for page in pages.values() if page.locale.language_code != language}
    translations = (
        {
            page.translation_key: page
            for page in readable_pages(user)
            .filter(translation_key__in=keys, locale__language_code=language)
            .select_related("locale")
        }
        if keys
        else {}
    )

    def page_out(page_id: int, *, translated: bool = True) -> dict:
        page = pages[page_id]
        shown = translations.get(page.translation_key, page) if translated else page
        return {
            "id": shown.pk,
            "title": shown.title,
            "url": public_page_url(shown, request),
            "locale": shown.locale.language_code,
        }

    return [_item(row, page_out) for row in rows]


def _item(row: dict, page_out) -> dict:
    kind_rank = row["kind_rank"]
    if kind_rank == COMMENT:
        kind = "comment" if row["level"] == 0 else "reply"
    elif kind_rank == IDEA:
        kind = "idea"
    else:
        kind = "status_change" if row["from_status"] != row["to_status"] else "official_response"
    author = None
    if kind_rank != STATUS_CHANGE and row["author_id"] is not None:
        author = {"id": row["author_id"], "display_name": row["author_name"] or ""}
    text = row["text"]
    return {
        "kind": kind,
        "reason": row["reason"],
        "because_of_page": page_out(row["reason_page_id"]) if row["reason_page_id"] else None,
        "because_of_person": author if row["reason"] == "followed_person" else None,
        "occurred_at": row["occurred_at"],
        # A comment stays on the page it was written on: its discussion (and its anchor) is only there.
        "page": page_out(row["page_id"], translated=kind_rank != COMMENT),
        "comment_id": row["object_id"] if kind_rank == COMMENT else None,
        "comment_kind": row["comment_kind"],
        "excerpt": Truncator(plain_text(text)).chars(EXCERPT_LENGTH) if text else "",
        "author": author,
        "from_status": row["from_status"] if kind_rank == STATUS_CHANGE else None,
        "status": row["to_status"],
        "engagement": {"likes": row["likes"], "replies": row["replies"], "votes": row["votes"]},
        "score": row["score"],
    }
