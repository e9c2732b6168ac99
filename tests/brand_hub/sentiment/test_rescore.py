"""A rescore goes in batches, on where it stopped, through the search outbox; the alerts and the
insights' figures follow the new scores (issue 16)."""

from datetime import timedelta
from io import StringIO

import pytest

from django.core.management import call_command
from django.utils import timezone

from brand_hub.community.models import CommentKind, CommunityComment
from brand_hub.sentiment.labels import Sentiment
from brand_hub.sentiment.models import RescoreProgress
from search.models import PendingIndexUpdate, SearchedIndex

from .calls import posted
from .test_analyser import DEMO_COMPLAINT

pytestmark = pytest.mark.django_db


def rescore(*arguments) -> str:
    output = StringIO()
    call_command("sentiment_rescore", *arguments, stdout=output)
    return output.getvalue()


def comments_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("comments:"))


def complained(client, page, *, days_ago: float) -> CommunityComment:
    comment = posted(client, page, DEMO_COMPLAINT)
    CommunityComment.objects.filter(pk=comment.pk).update(
        kind=CommentKind.COMPLAINT, submit_date=timezone.now() - timedelta(days=days_ago)
    )
    comment.refresh_from_db()
    return comment


def alerted(editor) -> list[int]:
    response = editor.get("/api/insights/alerts")
    assert response.status_code == 200, response.content
    return [item["comment_id"] for item in response.json()["items"]]


def sentiment_figures(editor) -> tuple[int, int, int]:
    response = editor.get("/api/insights/overview")
    assert response.status_code == 200, response.content
    shares = response.json()["reputation"]["sentiment"]
    return shares["positive"], shares["neutral"], shares["negative"]


def test_the_demo_complaint_posted_now_raises_the_unanswered_negative_alert(editor, lucia, post, settings):
    settings.INSIGHTS_ALERT_AFTER_HOURS = 24
    complaint = complained(lucia, post, days_ago=2)

    assert complaint.sentiment == Sentiment.NEGATIVE
    assert alerted(editor) == [complaint.pk]


def test_rescoring_the_demo_complaint_scored_positive_before_raises_its_alert_and_moves_the_figures(
    editor, lucia, post, settings
):
    settings.INSIGHTS_ALERT_AFTER_HOURS = 24
    # Three weeks old, beyond the days every refresh rebuilds, and stored with the old method's label.
    complaint = complained(lucia, post, days_ago=21)
    CommunityComment.objects.filter(pk=complaint.pk).update(
        sentiment=Sentiment.POSITIVE, sentiment_score=0.16
    )
    assert alerted(editor) == []
    assert sentiment_figures(editor) == (1, 0, 0)
    PendingIndexUpdate.objects.all().delete()

    output = rescore()

    assert "comments: 1 read, 1 changed" in output
    complaint.refresh_from_db()
    assert complaint.sentiment == Sentiment.NEGATIVE and complaint.sentiment_score < 0
    assert (SearchedIndex.COMMENTS, complaint.pk) in set(
        PendingIndexUpdate.objects.values_list("index", "object_id")
    )
    assert alerted(editor) == [complaint.pk]
    assert sentiment_figures(editor) == (0, 0, 1)


def test_a_rescore_stopped_after_some_batches_goes_on_where_it_stopped(lucia, post):
    comments = [posted(lucia, post, text) for text in ("Me encanta", "Llegó roto", "¿Abrís el domingo?")]
    CommunityComment.objects.update(sentiment="", sentiment_score=None)
    first, second, third = (comment.pk for comment in comments)

    assert comments_line(rescore("--batch-size", "1", "--max-batches", "1")) == (
        "comments: 1 read, 1 changed; not finished, run again to go on"
    )
    assert list(CommunityComment.objects.exclude(sentiment="").values_list("pk", flat=True)) == [first]
    assert comments_line(rescore("--batch-size", "1", "--max-batches", "1")) == (
        f"comments: 1 read, 1 changed, going on after id {first}; not finished, run again to go on"
    )
    assert comments_line(rescore("--batch-size", "1")) == (
        f"comments: 1 read, 1 changed, going on after id {second}"
    )
    assert not CommunityComment.objects.filter(sentiment="").exists()
    progress = RescoreProgress.objects.get(name="comments")
    assert (progress.last_pk, progress.read, progress.changed) == (third, 3, 3)
    assert progress.finished_at is not None

    # A finished run is not gone on with: the next one reads every row again, and --restart too.
    assert comments_line(rescore()) == "comments: 3 read, 0 changed"
    assert comments_line(rescore("--batch-size", "1", "--max-batches", "1")).startswith("comments: 1 read")
    assert comments_line(rescore("--restart")) == "comments: 3 read, 0 changed"


def test_a_rescore_stopped_under_other_rules_or_lexicons_starts_again_from_the_first_row(lucia, post):
    for text in ("Me encanta", "Llegó roto"):
        posted(lucia, post, text)
    now = timezone.now()
    RescoreProgress.objects.create(
        name="comments",
        method_version="an older method",
        last_pk=CommunityComment.objects.latest("pk").pk,
        started_at=now,
        updated_at=now,
    )

    assert comments_line(rescore()) == "comments: 2 read, 0 changed"


def test_a_maximum_of_batches_below_one_is_refused(db):
    with pytest.raises(Exception, match="max-batches"):
        rescore("--max-batches", "0")
