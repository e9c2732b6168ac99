"""The personal feed: what is new in what and whom a prosumer follows, and what is rising in their groups."""

import datetime

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from brand_hub.community.models import CommentReaction, CommentState, CommunityComment
from brand_hub.community_groups.services import join_group
from brand_hub.headless.pagination import encode_cursor
from brand_hub.ideas.models import IdeaPage
from brand_hub.ideas.services import change_idea_status
from brand_hub.users.roles import EDITORS, PROSUMERS
from tests.conftest import person
from tests.factories.pages import publish, translate_and_publish

from .calls import say

pytestmark = pytest.mark.django_db

JSON = "application/json"


def feed(client, **params) -> dict:
    response = client.get("/api/community/feed", params)
    assert response.status_code == 200, response.content
    return response.json()


def follow(client, page):
    assert client.post("/api/community/follows/", {"page_id": page.pk}, content_type=JSON).status_code == 201


def follow_person(client, someone):
    assert client.post(f"/api/community/people/{someone.pk}/follow").status_code == 201


def said(client, page, text, **extra) -> int:
    response = say(client, page, text, **extra)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def keys(items) -> list[tuple]:
    return [(item["kind"], item["reason"], item["excerpt"]) for item in items]


@pytest.fixture
def ana(roles, django_user_model):
    return person(django_user_model, "ana", PROSUMERS)


@pytest.fixture
def editor(roles, django_user_model):
    return person(django_user_model, "irene", EDITORS)


def test_the_feed_needs_a_signed_in_prosumer(destination):
    response = Client().get("/api/community/feed")
    assert response.status_code == 401
    assert response.json()["errors"]


def test_each_reason_brings_its_items(destination, post, lucia, marek, ana, editor):
    group, idea, challenge = destination["group"], destination["idea"], destination["challenge"]
    follow(lucia, post)
    follow(lucia, idea)
    follow(lucia, challenge)
    follow_person(lucia, ana.user)
    join_group(group=group, member=lucia.user)

    root = said(marek, post, "Comment on a followed post")
    said(ana, post, "Reply by a followed person", parent_id=root)
    said(ana, destination["posts"][1], "Followed person elsewhere")
    change_idea_status(idea=idea, by=editor.user, status="in_progress", official_response="<p>On it</p>")
    new_idea = publish(
        challenge, IdeaPage(title="Cordones reciclados", slug="cordones", description="<p>x</p>")
    )
    new_idea.proposed_by = marek.user
    new_idea.save_revision().publish()
    rising = said(marek, group, "Rising in my group")
    ignored = said(marek, group, "Quiet in my group")
    for fan in (ana, editor):
        fan.put(f"/api/community/comments/{rising}/reaction", {"value": "like"}, content_type=JSON)
    said(ana, group, "A reply makes it rise", parent_id=rising)
    said(lucia, post, "My own comment never shows")

    items = feed(lucia)["items"]
    found = {(item["kind"], item["reason"], item["excerpt"] or item["page"]["title"]) for item in items}
    assert found >= {
        ("comment", "followed_page", "Comment on a followed post"),
        ("reply", "followed_person", "Reply by a followed person"),
        ("comment", "followed_person", "Followed person elsewhere"),
        ("status_change", "followed_page", "On it"),
        ("idea", "followed_page", "Cordones reciclados"),
        ("comment", "rising_in_group", "Rising in my group"),
    }
    assert not any("My own" in item["excerpt"] for item in items)
    assert ignored not in [item["comment_id"] for item in items]
    by_excerpt = {item["excerpt"]: item for item in items}
    assert by_excerpt["Reply by a followed person"]["because_of_person"] == {
        "id": ana.user.pk,
        "display_name": "Ana",
    }
    assert by_excerpt["Comment on a followed post"]["because_of_page"]["id"] == post.pk
    assert by_excerpt["Rising in my group"]["because_of_page"]["id"] == group.pk
    assert by_excerpt["Rising in my group"]["engagement"] == {"likes": 2, "replies": 1, "votes": None}
    assert by_excerpt["Comment on a followed post"]["page"]["url"].endswith(post.url)
    (idea_item,) = [item for item in items if item["page"]["id"] == new_idea.pk]
    assert idea_item["because_of_page"]["id"] == challenge.pk
    assert idea_item["author"]["id"] == marek.user.pk
    scores = [item["score"] for item in items]
    assert scores == sorted(scores, reverse=True)


def test_nothing_comes_from_an_unpublished_page_a_held_comment_or_a_private_group(
    destination, post, lucia, marek, ana
):
    group = destination["group"]
    follow(lucia, post)
    follow(lucia, destination["posts"][1])
    follow_person(lucia, marek.user)
    join_group(group=group, member=lucia.user)
    said(marek, post, "Visible")
    held = said(marek, post, "Held for review")
    CommunityComment.objects.filter(pk=held).update(state=CommentState.HELD)
    said(ana, destination["posts"][1], "On a page later unpublished")
    destination["posts"][1].unpublish()
    popular = said(marek, group, "In a group made private")
    for fan in (ana,):
        fan.put(f"/api/community/comments/{popular}/reaction", {"value": "like"}, content_type=JSON)
    said(ana, group, "reply", parent_id=popular)
    PageViewRestriction.objects.create(page=group, restriction_type=PageViewRestriction.LOGIN)

    assert [item["excerpt"] for item in feed(lucia)["items"]] == ["Visible"]


def test_pages_neither_repeat_nor_skip_while_new_items_arrive(destination, post, lucia, marek, ana):
    follow(lucia, post)
    follow_person(lucia, ana.user)
    texts = [f"Comment {number}" for number in range(7)]
    for number, text in enumerate(texts):
        said(ana if number % 2 else marek, post, text)
    CommentReaction.objects.bulk_create(
        [
            CommentReaction(comment=comment, user=lucia.user, value="like")
            for comment in CommunityComment.objects.all()[:3]
        ]
    )

    first = feed(lucia, limit=3)
    seen = [item["excerpt"] for item in first["items"]]
    cursor = first["next_cursor"]
    arrived = []
    while cursor:
        # New items, and replies that would lift an old item's score if the feed counted them now.
        arrived.append(said(marek, post, f"Arrived {len(arrived)}"))
        said(ana, post, f"Reply {len(arrived)}", parent_id=first["items"][-1]["comment_id"])
        page = feed(lucia, limit=3, cursor=cursor)
        seen += [item["excerpt"] for item in page["items"]]
        cursor = page["next_cursor"]

    assert sorted(seen) == sorted(texts)
    assert len(arrived) == 2
    assert set(arrived) <= {item["comment_id"] for item in feed(lucia, limit=50)["items"]}


def test_a_cursor_the_api_did_not_give_is_a_400_naming_it(lucia, destination):
    now = timezone.now().isoformat()
    future = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    forged = [
        [now, 0, 0.5, 1, 2**40],  # an id no table holds
        [future, 0, 0.5, 1, 1],
        ["0001-01-01T00:00:00+00:00", 0, 0.5, 1, 1],
        [now, 7, 0.5, 1, 1],
        [now, 0, 0.5, 9, 1],
        [now[:19], 0, 0.5, 1, 1],  # no time zone
        [now, 0, "x", 1, 1],
        [now, 0, 0.5, 1],
    ]
    for cursor in ["nonsense", "WzEsMl0", "x" * 501, *map(encode_cursor, forged)]:
        response = lucia.get("/api/community/feed", {"cursor": cursor})
        assert response.status_code == 400, cursor
        assert response.json()["errors"][0]["field"] == "cursor"
    assert lucia.get("/api/community/feed", {"cursor": encode_cursor([now, 0, 0.5, 1, 1])}).status_code == 200


def test_items_in_the_prosumers_language_come_first_with_translated_titles(
    destination, post, locales, lucia, marek, ana, editor
):
    lucia.user.preferred_locale = "en"
    lucia.user.save()
    idea = destination["idea"]
    english_idea = translate_and_publish(idea, locales["en"])
    english_idea.title = "Recycled sole"
    english_idea.save_revision().publish()
    english_post = translate_and_publish(post, locales["en"])
    follow(lucia, post)
    follow(lucia, idea)
    said(marek, post, "Comentario en español")
    english = said(ana, post, "A comment in English")
    CommunityComment.objects.filter(pk=english).update(language="en")
    change_idea_status(idea=idea, by=editor.user, status="in_progress")

    items = feed(lucia)["items"]
    assert {item["excerpt"] or item["kind"] for item in items[:2]} == {
        "A comment in English",
        "status_change",
    }
    assert items[2]["excerpt"] == "Comentario en español"
    assert len(items) == 3
    (status,) = [item for item in items if item["kind"] == "status_change"]
    assert status["page"]["id"] == english_idea.pk
    assert status["page"]["title"] == "Recycled sole"
    assert status["page"]["locale"] == "en"
    assert "/en/" in status["page"]["url"]
    # A comment links to the page its discussion is on; the followed page shows in my language.
    assert items[2]["page"]["id"] == post.pk
    assert items[2]["because_of_page"]["id"] == english_post.pk


def test_the_feed_reads_a_page_in_a_fixed_number_of_queries(destination, post, lucia, marek, ana):
    follow(lucia, post)
    follow(lucia, destination["idea"])
    follow_person(lucia, ana.user)
    said(marek, post, "One")
    lucia.get("/api/community/feed")  # warms the site's root paths cache

    with CaptureQueriesContext(connection) as few:
        feed(lucia)
    for number in range(8):
        said(ana if number % 2 else marek, destination["posts"][number % 3], f"More {number}")
    with CaptureQueriesContext(connection) as many:
        assert len(feed(lucia)["items"]) >= 6
    assert len(many) == len(few)


def test_old_items_leave_the_feed(destination, post, lucia, marek):
    follow(lucia, post)
    old = said(marek, post, "Long ago")
    said(marek, post, "Recent")
    CommunityComment.objects.filter(pk=old).update(submit_date=timezone.now() - datetime.timedelta(days=40))
    assert [item["excerpt"] for item in feed(lucia)["items"]] == ["Recent"]


def test_a_lively_page_brings_only_its_latest_comments(destination, post, lucia, marek, monkeypatch):
    from brand_hub.community import feed as feed_module

    monkeypatch.setattr(feed_module, "ITEMS_PER_SOURCE", 2)
    follow(lucia, post)
    for number in range(4):
        said(marek, post, f"Busy {number}")
    assert sorted(item["excerpt"] for item in feed(lucia)["items"]) == ["Busy 2", "Busy 3"]


def test_a_busy_challenge_brings_only_its_latest_ideas(destination, lucia, marek, monkeypatch):
    """Ideas under a followed challenge are bounded like comments; the reader's own do not take a place."""
    from brand_hub.community import feed as feed_module

    monkeypatch.setattr(feed_module, "ITEMS_PER_SOURCE", 2)
    challenge = destination["challenge"]
    follow(lucia, challenge)
    for number, author in enumerate((marek, marek, marek, lucia)):
        idea = publish(
            challenge, IdeaPage(title=f"Busy idea {number}", slug=f"busy-{number}", description="<p>x</p>")
        )
        idea.proposed_by = author.user
        idea.save_revision().publish()
    ideas = [item["page"]["title"] for item in feed(lucia)["items"] if item["kind"] == "idea"]
    assert sorted(ideas) == ["Busy idea 1", "Busy idea 2"]
