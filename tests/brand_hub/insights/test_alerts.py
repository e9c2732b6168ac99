"""The alert list: negative complaints the brand has not answered in time."""

import datetime

import pytest

from django.utils import timezone

from brand_hub.community.models import CommentKind, CommentState

from .community_history import comment

COMPLAINT = CommentKind.COMPLAINT


@pytest.mark.django_db
def test_only_old_unanswered_unresolved_negative_complaints_are_alerts(
    editor, moderator, lucia, marek, post, settings
):
    settings.INSIGHTS_ALERT_AFTER_HOURS = 24
    now = timezone.now()
    hours_ago = lambda hours: now - datetime.timedelta(hours=hours)  # noqa: E731
    lucia, marek = lucia.user, marek.user

    waiting = comment(post, lucia, kind=COMPLAINT, when=hours_ago(30), sentiment="negative")
    # A prosumer's reply is not the brand's answer.
    comment(post, marek, kind=CommentKind.OTHER, when=hours_ago(29), parent=waiting)
    answered = comment(post, marek, kind=COMPLAINT, when=hours_ago(40), sentiment="negative")
    comment(post, moderator.user, kind=CommentKind.OTHER, when=hours_ago(39), parent=answered)
    # The brand may answer further down the thread, replying to someone else's reply.
    answered_below = comment(post, marek, kind=COMPLAINT, when=hours_ago(40), sentiment="negative")
    follow_up = comment(post, lucia, kind=CommentKind.OTHER, when=hours_ago(39), parent=answered_below)
    comment(post, moderator.user, kind=CommentKind.OTHER, when=hours_ago(38), parent=follow_up)
    comment(post, lucia, kind=COMPLAINT, when=hours_ago(2), sentiment="negative")  # still in time
    comment(post, lucia, kind=COMPLAINT, when=hours_ago(50), sentiment="negative", resolved=hours_ago(45))
    comment(post, lucia, kind=COMPLAINT, when=hours_ago(50), sentiment="neutral")
    comment(post, lucia, kind=COMPLAINT, when=hours_ago(50), sentiment="negative", state=CommentState.REMOVED)
    comment(post, lucia, kind=CommentKind.QUESTION, when=hours_ago(50), sentiment="negative")

    response = editor.get("/api/insights/alerts")

    assert response.status_code == 200
    body = response.json()
    assert body["after_hours"] == 24
    assert [item["comment_id"] for item in body["items"]] == [waiting.pk]
    assert body["items"][0]["hours_waiting"] == pytest.approx(30, abs=0.1)
    assert body["items"][0]["text"] == "complaint by Lucia"


@pytest.mark.django_db
def test_the_alert_delay_is_a_setting(editor, lucia, post, settings):
    settings.INSIGHTS_ALERT_AFTER_HOURS = 1
    comment(
        post,
        lucia.user,
        kind=COMPLAINT,
        when=timezone.now() - datetime.timedelta(hours=2),
        sentiment="negative",
    )

    assert len(editor.get("/api/insights/alerts").json()["items"]) == 1


@pytest.mark.django_db
def test_the_list_is_the_oldest_unanswered_first_across_batches_of_candidates(
    moderator, lucia, post, monkeypatch
):
    from brand_hub.insights import alerts

    monkeypatch.setattr(alerts, "BATCH", 2)
    now = timezone.now()
    complaints = [
        comment(
            post,
            lucia.user,
            kind=COMPLAINT,
            when=now - datetime.timedelta(hours=100 - n),
            sentiment="negative",
        )
        for n in range(7)
    ]
    for answered in (complaints[0], complaints[2], complaints[3]):
        comment(
            post,
            moderator.user,
            kind=CommentKind.OTHER,
            when=answered.submit_date + datetime.timedelta(minutes=5),
            parent=answered,
        )

    listed = alerts.unanswered_negative_complaints(limit=3)

    assert [found.pk for found in listed] == [complaints[1].pk, complaints[4].pk, complaints[5].pk]
    assert [found.pk for found in alerts.unanswered_negative_complaints()] == [
        complaints[n].pk for n in (1, 4, 5, 6)
    ]
