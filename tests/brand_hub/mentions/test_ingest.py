"""Listening tools send mentions in batches: stored once per URL, each item checked on its own."""

import pytest

from brand_hub.mentions.models import Mention
from brand_hub.mentions.urls import normalise_url
from search.models import PendingIndexUpdate

from .conftest import mention, send


@pytest.mark.django_db
def test_a_batch_is_stored_scored_and_queued_for_the_search_index(listening_tool):
    items = [
        mention(1, text="Las botas Cresta son geniales, muy cómodas."),
        mention(
            2,
            network="instagram",
            url="https://instagram.com/p/abc",
            text="Worst boots ever, they broke in a week.",
            language="en",
        ),
    ]

    response = send(listening_tool, items)

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["accepted"], body["rejected"], body["errors"]) == (2, 0, [])
    stored = {row.url: row for row in Mention.objects.all()}
    assert stored["https://x.com/someone/status/1"].sentiment == "positive"
    assert stored["https://instagram.com/p/abc"].sentiment == "negative"
    assert {row.ingested_by_id for row in stored.values()} == {listening_tool.key.pk}
    assert sorted(
        PendingIndexUpdate.objects.filter(index="mentions").values_list("object_id", flat=True)
    ) == sorted(row.pk for row in stored.values())


@pytest.mark.django_db
def test_a_retried_batch_changes_nothing_and_answers_the_same(listening_tool):
    items = [mention(n) for n in range(1, 6)]
    first = send(listening_tool, items)
    rows = list(Mention.objects.order_by("pk").values())
    queued = PendingIndexUpdate.objects.count()

    again = send(listening_tool, items)

    assert again.status_code == first.status_code == 200
    assert again.json() == first.json()
    assert list(Mention.objects.order_by("pk").values()) == rows
    assert PendingIndexUpdate.objects.count() == queued


@pytest.mark.django_db
def test_the_same_post_under_another_spelling_of_its_url_is_one_mention(listening_tool):
    send(listening_tool, [mention(1, url="https://x.com/someone/status/1")])

    response = send(
        listening_tool,
        [mention(1, url="HTTPS://WWW.X.com/someone/status/1/?utm_source=tool&fbclid=abc#reply")],
    )

    assert Mention.objects.count() == 1
    assert response.json()["items"][0]["id"] == Mention.objects.get().pk


@pytest.mark.django_db
def test_a_post_sent_again_with_a_higher_reach_keeps_its_row_and_takes_the_reach(listening_tool):
    send(listening_tool, [mention(1, reach=100)])
    send(listening_tool, [mention(1, reach=5000, text="edited text is not taken")])
    send(listening_tool, [mention(1, reach=10)])

    stored = Mention.objects.get()
    assert (stored.reach, stored.text) == (5000, mention(1)["text"])


@pytest.mark.django_db
def test_invalid_items_are_refused_by_position_and_the_others_stored(listening_tool):
    items = [
        mention(1),
        mention(2, url="ftp://example.com/file"),
        mention(3),
        mention(4, network="myspace", reach=-1),
        mention(5, language="fr"),
        {**mention(6), "likes": 3},
    ]

    response = send(listening_tool, items)

    assert response.status_code == 207
    body = response.json()
    assert (body["accepted"], body["rejected"]) == (2, 4)
    assert [item["index"] for item in body["items"]] == [0, 2]
    assert [error["field"] for error in body["errors"]] == [
        "items[1].url",
        "items[3].network",
        "items[3].reach",
        "items[4].language",
        "items[5].likes",
    ]
    assert all(error["message"] for error in body["errors"])
    assert Mention.objects.count() == 2


@pytest.mark.django_db
def test_a_batch_with_no_valid_item_stores_nothing_and_is_a_400(listening_tool):
    response = send(listening_tool, [mention(1, text="   "), mention(2, published_at="yesterday")])

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [
        "items[0].text",
        "items[1].published_at",
    ]
    assert not Mention.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"items": []}, "items"),
        ({"items": "x"}, "items"),
        ({}, "items"),
        ({"items": [mention()] * 1001}, "items"),
    ],
)
def test_a_malformed_batch_is_a_400_naming_items(listening_tool, body, field):
    response = listening_tool.post("/api/listening/mentions", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.django_db
def test_a_language_left_out_is_detected_from_the_text(listening_tool):
    send(
        listening_tool,
        [
            mention(1, language=None, text="Nie polecam, buty się rozpadły po tygodniu i nikt nie odpisuje."),
            mention(2, language="en-GB", text="Great boots"),
        ],
    )

    assert dict(Mention.objects.values_list("url", "language")) == {
        "https://x.com/someone/status/1": "pl",
        "https://x.com/someone/status/2": "en",
    }


def test_urls_are_normalised_to_one_spelling():
    assert normalise_url("https://www.Example.com:443/a/B/?b=2&a=1&utm_medium=x&fbclid=1#top") == (
        "https://example.com/a/B?a=1&b=2"
    )
    assert normalise_url("http://example.com:8080/") == "http://example.com:8080"
