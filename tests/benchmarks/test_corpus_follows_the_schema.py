"""The benchmarks' corpus writer copies rows straight into the tables (COPY, column by column): a new
column without a database default breaks every benchmark built on it. Written small here, on the
test database, so that a model change that needs the corpus to follow fails in the test command."""

import sys
from pathlib import Path

import pytest

from django.db import connection

from brand_hub.community.models import CommentReaction, CommunityComment
from brand_hub.ideas.models import IdeaPage, IdeaStatusChange, IdeaVote
from brand_hub.insights.models import PageViewDay
from brand_hub.mentions.models import Mention
from brand_hub.mentions.schemas import MentionItem
from brand_hub.recommendations.models import ShareLink, ShareVisit
from brand_hub.users.models import User
from brand_hub.users.roles import PROSUMERS

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from insights_corpus import build  # noqa: E402
from search_corpus import generate  # noqa: E402

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the corpus is written by COPY"),
    pytest.mark.django_db,
]


def test_the_search_corpus_writes_comments_and_ideas_the_models_read(destination, lucia):
    ideas_before = IdeaPage.objects.count()
    made = generate(comments=40, ideas=4, progress=lambda line: None)
    assert (made["comments"], made["ideas"]) == (40, 4)
    assert CommunityComment.objects.count() == 40
    assert IdeaPage.objects.count() == ideas_before + 4
    for comment in CommunityComment.objects.all():  # every column the model has is readable and valid
        comment.full_clean(exclude=["content_type", "site", "user", "page", "object_pk"])


def test_the_search_corpus_writes_mentions_the_ingest_endpoint_would_have_stored():
    """`make bench-search` writes its mentions this way (issue 19: the search beside them)."""
    made = generate(comments=0, ideas=0, mentions=60, progress=lambda line: None)
    assert made["mentions"] == 60 == Mention.objects.count()
    mentions = list(Mention.objects.order_by("pk"))
    for mention in mentions:  # every column the model has is readable and valid, each URL distinct
        mention.full_clean()
        item = MentionItem.model_validate(
            {
                "network": mention.network,
                "url": mention.url,
                "author_handle": mention.author_handle,
                "text": mention.text,
                "language": mention.language,
                "published_at": mention.published_at,
                "reach": mention.reach,
            }
        )
        assert item.url == mention.url  # stored as the endpoint normalises it
        assert mention.published_at <= mention.ingested_at
    assert {mention.language for mention in mentions} == {"es", "en", "pl"}
    assert len({mention.network for mention in mentions}) > 3


def test_the_insights_and_feed_corpus_writes_people_and_activity_the_models_read(destination, lucia):
    """`make bench-insights` and `make bench-feed` write their people, share links, reactions, votes,
    status changes, share visits and page views this way: each table holds the rows the writer says."""
    tables = {
        "reactions": CommentReaction.objects,
        "votes": IdeaVote.objects,
        "status changes": IdeaStatusChange.objects,
        "share links": ShareLink.objects,
        "share visits": ShareVisit.objects,
    }
    before = {name: rows.count() for name, rows in tables.items()}
    people_before = User.objects.count()
    made = build(comments=40, ideas=4, people=10, progress=lambda line: None)
    assert made["rows"]["people"] == 10
    people = User.objects.filter(username__startswith="benchperson")
    assert people.count() == 10 == User.objects.count() - people_before
    assert set(people.values_list("groups__name", flat=True)) == {PROSUMERS}
    for person in people:  # every column the model has is readable and valid
        person.full_clean(exclude=["password", "avatar"])
    for name, rows in tables.items():
        assert rows.count() - before[name] == made["rows"][name] > 0, name
    # The year of page views replaces the demo's.
    assert PageViewDay.objects.count() == made["rows"]["page views"] > 0
    for model in (CommentReaction, IdeaVote, IdeaStatusChange, ShareVisit, PageViewDay):
        # The newest row: one the writer made, not one of the demo's.
        model.objects.order_by("-pk").first().full_clean(
            exclude=["comment", "idea", "user", "voter", "link", "page"]
        )
