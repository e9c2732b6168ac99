"""Every API writes a timestamp one way: UTC to the millisecond with a Z, as Date.toISOString() does."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from django.test import Client

from wagtail.models import APIToken

from brand_hub.community.comments import post_comment
from brand_hub.community.models import CommunityComment
from brand_hub.headless.timestamps import iso_timestamp

pytestmark = pytest.mark.django_db

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def test_a_timestamp_is_utc_with_milliseconds_whatever_its_offset_and_precision():
    madrid = datetime.datetime(2026, 12, 6, 5, 32, 49, 521308, tzinfo=ZoneInfo("Europe/Madrid"))

    assert iso_timestamp(madrid) == "2026-12-06T04:32:49.521Z"
    assert iso_timestamp(madrid.replace(microsecond=0)) == "2026-12-06T04:32:49.000Z"
    assert (
        iso_timestamp(datetime.datetime(2026, 7, 1, 12, 0)) == "2026-07-01T10:00:00.000Z"
    )  # naive: Madrid's time


def test_v2_writes_page_meta_and_page_fields_in_the_one_format(client, destination):
    post, challenge = destination["posts"][0], destination["challenge"]

    meta = client.get(f"/api/v2/pages/{post.pk}/").json()["meta"]
    fields = client.get(f"/api/v2/pages/{challenge.pk}/").json()
    listing = client.get(
        "/api/v2/pages/", {"type": "ideas.IdeaChallengePage", "fields": "voting_ends_at"}
    ).json()

    assert meta["first_published_at"] == utc(post.first_published_at)
    assert fields["collecting_ends_at"] == utc(challenge.collecting_ends_at)
    assert TIMESTAMP.match(fields["meta"]["first_published_at"])
    assert listing["items"][0]["voting_ends_at"] == utc(challenge.voting_ends_at)


def test_v3_writes_pages_cards_and_revisions_in_the_one_format(client, destination, django_user_model):
    post, challenge = destination["posts"][0], destination["challenge"]
    admin = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw-admin-12345")
    _token, plaintext = APIToken.create_token(user=admin, name="timestamps")
    editor = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")

    detail = client.get(f"/api/v3/pages/{challenge.pk}/").json()
    listing = client.get("/api/v3/pages/", {"type": "blog.BlogPage"}).json()
    cards = client.get("/api/v3/page-cards/", {"type": "blog.BlogPage"}).json()
    revisions = editor.get(f"/api/v3/pages/{post.pk}/revisions/").json()

    assert detail["meta"]["first_published_at"] == utc(challenge.first_published_at)
    assert detail["collecting_ends_at"] == utc(challenge.collecting_ends_at)
    assert {item["meta"]["first_published_at"] for item in listing["items"]} == {
        utc(page.first_published_at) for page in destination["posts"]
    }
    assert all(TIMESTAMP.match(item["meta"]["first_published_at"]) for item in cards["items"])
    assert revisions["items"] and all(TIMESTAMP.match(item["created_at"]) for item in revisions["items"])


def test_the_project_api_writes_its_datetimes_in_the_one_format(client, destination, lucia):
    post, idea = destination["posts"][0], destination["idea"]
    comment = post_comment(author=lucia.user, page=post, text="Great grip on wet rock")
    # A whole second: its milliseconds are still written (Django's encoder dropped them).
    CommunityComment.objects.filter(pk=comment.pk).update(
        submit_date=comment.submit_date.replace(microsecond=0)
    )
    comment.refresh_from_db()

    threads = client.get("/api/community/comments/", {"page_id": post.pk}).json()["items"]
    ideas = client.get("/api/community/ideas/").json()["items"]
    export = lucia.get("/api/community/me/export").json()

    assert threads[0]["created_at"] == utc(comment.submit_date)
    assert threads[0]["created_at"].endswith(".000Z")
    assert {item["id"]: item["created"] for item in ideas}[idea.pk] == utc(idea.first_published_at)
    assert TIMESTAMP.match(export["account"]["date_joined"])
