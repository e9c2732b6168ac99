"""Mentions from listening tools in the insights: figures by source, the high-reach alert, a key's read."""

import datetime

import pytest

from django.test import Client
from django.utils import timezone

from brand_hub.apikeys.models import ApiKeyUse
from brand_hub.community.models import CommentKind
from tests.brand_hub.apikeys.conftest import bearer, issue
from tests.brand_hub.mentions import conftest as listening
from tests.brand_hub.mentions.conftest import mention, send

from .community_history import at, comment

listening_tool = listening.listening_tool
MARCH = {"start": "2026-03-01", "end": "2026-03-31"}
ANGRY = "Las botas Cresta se rompieron en una semana, qué desastre, no las compréis."
HAPPY = "Las botas Cresta son geniales, muy cómodas."


def by_source(response) -> dict[str, dict]:
    assert response.status_code == 200, response.json()
    return {row["source"]: row for row in response.json()["reputation"]["by_source"]}


@pytest.mark.django_db
def test_mentions_reach_and_sentiment_are_counted_by_source(editor, lucia, post, listening_tool):
    comment(post, lucia.user, kind=CommentKind.PRAISE, when=at(3, 5, 10), sentiment="positive")
    send(
        listening_tool,
        [
            mention(1, text=ANGRY, published_at="2026-03-02T10:00:00Z", reach=1000),
            mention(2, text=HAPPY, published_at="2026-03-20T10:00:00Z", reach=500),
            mention(3, network="instagram", text=HAPPY, published_at="2026-03-21T10:00:00Z", reach=70),
            mention(4, text=HAPPY, published_at="2026-04-02T10:00:00Z", reach=9),  # after the period
            mention(5, language="en", text="Great boots", published_at="2026-03-03T10:00:00Z", reach=1),
        ],
    )

    figures = by_source(editor.get("/api/insights/overview", MARCH))

    assert list(figures) == ["site", "x", "instagram"]
    assert (figures["x"]["mentions"], figures["x"]["reach"]) == (3, 1501)
    assert (figures["x"]["negative"], figures["x"]["positive"], figures["x"]["negative_share"]) == (
        1,
        2,
        0.3333,
    )
    assert (figures["instagram"]["mentions"], figures["instagram"]["reach"]) == (1, 70)
    assert (figures["site"]["mentions"], figures["site"]["positive"]) == (1, 1)
    reputation = editor.get("/api/insights/overview", MARCH).json()["reputation"]
    assert reputation["mentions"] == 1 + 3 + 1
    spanish = by_source(editor.get("/api/insights/overview", {**MARCH, "locale": "es"}))
    assert spanish["x"]["mentions"] == 2


@pytest.mark.django_db
def test_a_board_or_group_leaves_the_networks_out(editor, post, destination, listening_tool):
    send(listening_tool, [mention(1, published_at="2026-03-02T10:00:00Z")])

    figures = by_source(editor.get("/api/insights/overview", {**MARCH, "board": destination["board"].pk}))

    assert list(figures) == ["site"]


@pytest.mark.django_db
def test_a_negative_mention_of_high_reach_raises_an_alert(editor, listening_tool, settings):
    settings.INSIGHTS_MENTION_ALERT_REACH = 1000
    settings.INSIGHTS_MENTION_ALERT_DAYS = 7
    recently = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    long_ago = (timezone.now() - datetime.timedelta(days=8)).isoformat()
    send(
        listening_tool,
        [
            mention(1, text=ANGRY, published_at=recently, reach=5000),
            mention(2, text=ANGRY, published_at=recently, reach=999),  # too few people
            mention(3, text=HAPPY, published_at=recently, reach=90000),  # not negative
            mention(4, text=ANGRY, published_at=long_ago, reach=90000),  # too old
            mention(
                5,
                text=ANGRY,
                published_at=recently,
                reach=20000,
                network="tiktok",
                url="https://tiktok.com/v/1",
            ),
        ],
    )

    answer = editor.get("/api/insights/alerts").json()

    assert answer["mention_reach_from"] == 1000
    assert [(item["url"], item["reach"]) for item in answer["mentions"]] == [
        ("https://tiktok.com/v/1", 20000),
        ("https://x.com/someone/status/1", 5000),
    ]
    assert answer["mentions"][0]["network"] == "tiktok"


@pytest.mark.django_db
def test_a_key_allowed_insights_read_reads_them_and_an_ingest_key_is_refused(db):
    reader, ingester = issue("insights:read"), issue("mentions:ingest")

    assert Client(**bearer(reader.full_key)).get("/api/insights/overview", MARCH).status_code == 200
    refused = Client(**bearer(ingester.full_key)).get("/api/insights/overview", MARCH)

    assert refused.status_code == 403
    assert refused.json()["errors"][0]["field"] == "Authorization"
    assert sorted(ApiKeyUse.objects.values_list("scope", "status")) == [
        ("insights:read", 200),
        ("insights:read", 403),
    ]


@pytest.mark.django_db
def test_the_dashboard_shows_the_sources_and_the_mention_alerts(editor, listening_tool, settings):
    settings.INSIGHTS_MENTION_ALERT_REACH = 10
    recently = (timezone.now() - datetime.timedelta(hours=3)).isoformat()
    send(listening_tool, [mention(1, text=ANGRY, published_at=recently, reach=50, author_handle="@enfadado")])

    page = editor.get("/admin/insights/").content.decode()

    assert "@enfadado" in page and "https://x.com/someone/status/1" in page
    csv = editor.get("/admin/insights/export/sources.csv").content.decode()
    assert "x," in csv or "X (Twitter)" in csv
