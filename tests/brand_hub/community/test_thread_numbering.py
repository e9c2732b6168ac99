"""A reply's place in its thread is xtd's: the same order, level and reply counts on random threads."""

import random

import pytest
from django_comments_xtd.models import XtdComment

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from brand_hub.community.comments import post_comment
from brand_hub.community.models import CommunityComment

pytestmark = pytest.mark.django_db


def xtd_reply(parent: CommunityComment, author) -> CommunityComment:
    """A reply numbered by django-comments-xtd itself: its `_calculate_thread_data`, then the insert."""
    reply = CommunityComment(
        content_type=parent.content_type,
        object_pk=parent.object_pk,
        page_id=parent.page_id,
        site_id=settings.SITE_ID,
        user=author,
        comment="reply",
        parent_id=parent.pk,
    )
    reply._calculate_thread_data()
    super(XtdComment, reply).save()
    return reply


def shape(root: CommunityComment, numbered: list[CommunityComment]) -> list[tuple]:
    """The thread as xtd stores it, with each comment named by when it was written."""
    written = {comment.pk: index for index, comment in enumerate(numbered)}
    return [
        (written[pk], written[parent_id], level, order, nested_count)
        for pk, parent_id, level, order, nested_count in XtdComment.norel_objects.filter(thread_id=root.pk)
        .order_by("order")
        .values_list("pk", "parent_id", "level", "order", "nested_count")
    ]


@pytest.mark.parametrize("seed", range(6))
def test_replies_land_where_xtd_would_put_them(post, lucia, marek, seed):
    lucia, marek = lucia.user, marek.user
    chooser = random.Random(seed)
    ours = [post_comment(author=lucia, page=post, text="root")]
    theirs = [post_comment(author=lucia, page=post, text="root")]
    for _ in range(25):
        # Reply to a random comment that may still take replies, the same one in both threads.
        open_ones = [
            index
            for index, comment in enumerate(ours)
            if comment.level < settings.COMMENTS_XTD_MAX_THREAD_LEVEL
        ]
        index = chooser.choice(open_ones)
        ours.append(post_comment(author=marek, page=post, text="reply", parent_id=ours[index].pk))
        theirs.append(xtd_reply(CommunityComment.objects.get(pk=theirs[index].pk), marek))

    assert shape(ours[0], ours) == shape(theirs[0], theirs)
    assert max(comment.level for comment in ours) >= 2, "the random thread should nest"


def test_a_deep_reply_is_placed_in_two_statements_whatever_its_depth(post, lucia, marek):
    lucia, marek = lucia.user, marek.user
    parent = post_comment(author=lucia, page=post, text="root")
    for _ in range(settings.COMMENTS_XTD_MAX_THREAD_LEVEL - 1):
        parent = post_comment(author=marek, page=post, text="deeper", parent_id=parent.pk)
    reply = CommunityComment(
        content_type=parent.content_type, object_pk=parent.object_pk, page_id=post.pk, parent_id=parent.pk
    )

    from brand_hub.community.threads import place_reply

    with CaptureQueriesContext(connection) as queries:
        place_reply(reply)

    assert len(queries) == 2
    assert reply.level == settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    assert (
        XtdComment.norel_objects.get(pk=parent.thread_id).nested_count
        == settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    )
