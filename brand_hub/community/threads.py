"""Where a new reply goes in its xtd thread: xtd's own numbering, in two statements.

django-comments-xtd keeps a thread as a flat list: `order` is a comment's place in the thread read
top to bottom, `level` its depth, `nested_count` how many replies lie below it. Its
`_calculate_thread_data` works a reply's place out with four ORM queries, one more per ancestor
and two updates (a reply at depth 3 cost eight queries). Here one read gives the place and one
update makes room and counts the reply in every ancestor, found by a recursive CTE. The caller
holds the thread's lock (post_comment locks the thread's root), as xtd's numbering needs.
"""

from django_comments_xtd.models import (
    MaxThreadLevelExceededException,
    XtdComment,
    max_thread_level_for_content_type,
)

from django.db import connection

XTD = connection.ops.quote_name(XtdComment._meta.db_table)

# The parent, read after the lock: its order moves as replies land above it.
PLACE_SQL = f"""
    SELECT parent.thread_id, parent.level,
        (SELECT MIN(later."order") FROM {XTD} later
         WHERE later.thread_id = parent.thread_id AND later.level <= parent.level
           AND later."order" > parent."order"),
        (SELECT MAX(every."order") FROM {XTD} every WHERE every.thread_id = parent.thread_id)
    FROM {XTD} parent WHERE parent.comment_ptr_id = %(parent)s
"""

# Every comment from `at` on moves one down (none when `at` is NULL: the reply goes last), and the
# parent and its ancestors up to the root count one reply more.
MAKE_ROOM_SQL = f"""
    WITH RECURSIVE ancestors(id, parent_id) AS (
        SELECT comment_ptr_id, parent_id FROM {XTD} WHERE comment_ptr_id = %(parent)s
        UNION ALL
        SELECT up.comment_ptr_id, up.parent_id FROM {XTD} up
        JOIN ancestors below ON up.comment_ptr_id = below.parent_id
        WHERE below.id <> below.parent_id
    )
    UPDATE {XTD} SET
        "order" = CASE WHEN "order" >= %(at)s THEN "order" + 1 ELSE "order" END,
        nested_count = CASE
            WHEN comment_ptr_id IN (SELECT id FROM ancestors) THEN nested_count + 1 ELSE nested_count
        END
    WHERE thread_id = %(thread)s AND ("order" >= %(at)s OR comment_ptr_id IN (SELECT id FROM ancestors))
"""


def place_reply(reply: XtdComment) -> None:
    """Set the unsaved `reply`'s thread, level and order from its parent_id, and make room for it:
    right below the parent's last descendant, as xtd places it."""
    with connection.cursor() as cursor:
        cursor.execute(PLACE_SQL, {"parent": reply.parent_id})
        thread_id, parent_level, first_after, last = cursor.fetchone()
        if parent_level >= max_thread_level_for_content_type(reply.content_type):
            raise MaxThreadLevelExceededException(reply)
        reply.thread_id, reply.level = thread_id, parent_level + 1
        reply.order = first_after if first_after is not None else last + 1
        cursor.execute(MAKE_ROOM_SQL, {"parent": reply.parent_id, "at": first_after, "thread": thread_id})
