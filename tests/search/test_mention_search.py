"""Mentions in the knowledge search: found beside comments and ideas by the brand's team, counted per
source, and never lost while Elasticsearch is away."""

import pytest

from django.test import Client

from brand_hub.community.comments import post_comment
from brand_hub.mentions.models import Mention
from search import outbox
from search.client import get_client
from search.indices.mentions import MENTIONS
from search.models import PendingIndexUpdate
from search.outbox import send_all_due
from tests.brand_hub.mentions import conftest as listening
from tests.brand_hub.mentions.conftest import mention, send
from tests.factories.pages import build_blog

from .searching import facet, found, send_and_refresh

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]
listening_tool = listening.listening_tool


@pytest.fixture
def boots_talk(index_prefix, home, lucia, listening_tool) -> dict:
    """A comment on the site and three mentions on two networks, all about boots, all indexed."""
    (post,) = build_blog(home, posts=1)
    comment = post_comment(author=lucia.user, page=post, text="Las botas Cresta pesan poco")
    response = send(
        listening_tool,
        [
            mention(1, text="Mis botas Cresta se rompieron en una semana, qué desastre."),
            mention(2, text="Botas Cresta: las mejores que he tenido.", reach=50),
            mention(3, network="instagram", url="https://instagram.com/p/b1", text="Botas para el Teide"),
        ],
    )
    assert response.status_code == 200, response.json()
    send_and_refresh()
    return {"comment": comment.pk, "mentions": [item["id"] for item in response.json()["items"]]}


def test_the_team_finds_mentions_beside_comments_with_a_source_facet(boots_talk, moderator):
    results = found(moderator, "", q="botas")

    assert sorted((item["type"], item["source"]) for item in results["items"]) == [
        ("comment", "site"),
        ("mention", "instagram"),
        ("mention", "x"),
        ("mention", "x"),
    ]
    assert facet(results, "source") == {"site": 1, "x": 2, "instagram": 1}
    assert facet(results, "type") == {"comment": 1, "mention": 3}
    hit = next(item for item in results["items"] if item["source"] == "instagram")
    assert (hit["url"], hit["author_handle"], hit["reach"]) == ("https://instagram.com/p/b1", "@someone", 100)
    assert hit["highlight"] == ["<mark>Botas</mark> para el Teide"]


def test_the_source_filter_picks_the_site_or_networks_and_its_facet_ignores_it(boots_talk, moderator):
    only_x = found(moderator, "", q="botas", source="x")
    assert {item["source"] for item in only_x["items"]} == {"x"} and only_x["count"] == 2
    assert facet(only_x, "source") == {"site": 1, "x": 2, "instagram": 1}

    site = found(moderator, "", q="botas", source="site")
    assert [(item["type"], item["id"]) for item in site["items"]] == [("comment", boots_talk["comment"])]

    both = found(moderator, "", q="botas", source=["site", "instagram"])
    assert both["count"] == 2


def test_visitors_search_the_site_only(boots_talk):
    results = found(Client(), "", q="botas")

    assert [item["type"] for item in results["items"]] == ["comment"]
    assert facet(results, "source") == {"site": 1}


def test_an_unknown_source_is_a_400(moderator, index_prefix):
    response = moderator.get("/api/search", {"source": "myspace"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"].startswith("source")


def indexed_mentions() -> int:
    client = get_client()
    client.indices.refresh(index=MENTIONS.alias_name())
    return client.count(index=MENTIONS.alias_name())["count"]


def test_mentions_sent_while_elasticsearch_is_away_arrive_once_it_is_back(
    index_prefix, listening_tool, settings, monkeypatch
):
    send(listening_tool, [mention(0)])
    send_all_due()
    live_node = settings.ELASTICSEARCH_URL

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # a dead node: nothing listens there
    response = send(listening_tool, [mention(n) for n in range(1, 301)])
    assert response.status_code == 200  # ingest never waits for the index
    assert send_all_due(indices=["mentions"]) == {"mentions": 0}
    waiting = PendingIndexUpdate.objects.filter(index="mentions")
    assert waiting.count() == 300 and all(row.attempts == 1 and row.last_error for row in waiting)

    settings.ELASTICSEARCH_URL = live_node
    monkeypatch.setattr(outbox, "_paused_until", 0.0)  # the pause after a failure is over
    PendingIndexUpdate.objects.update(next_attempt_at=waiting.first().created_at)  # the backoff too
    assert send_all_due(indices=["mentions"]) == {"mentions": 300}

    assert not PendingIndexUpdate.objects.exists()
    assert indexed_mentions() == Mention.objects.count() == 301
