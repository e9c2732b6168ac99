"""The public listing of ideas: filters, sorts, pagination, and a query count that does not grow."""

from datetime import datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from brand_hub.ideas import services
from brand_hub.ideas.models import IdeaPage, IdeaVote
from tests.factories.pages import publish

from .helpers import signed_in

LIST = "/api/community/ideas/"


def add_ideas(parent, count: int, *, author=None, status="submitted", topic="calzado", prefix="Idea") -> list:
    """Ideas an editor adds and publishes directly in the admin."""
    created = []
    for number in range(count):
        idea = IdeaPage(
            title=f"{prefix} {number}",
            slug=f"{prefix.lower()}-{number}",
            description="<p>Una idea.</p>",
            proposed_by=author,
            status=status,
        )
        idea.topics.add(topic)
        created.append(publish(parent, idea))
    return created


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


def test_the_listing_shows_published_ideas_with_what_a_card_needs(client, ideas, prosumer, settings):
    settings.FRONTEND_URL = "https://senda.example"
    [idea] = add_ideas(ideas["board"], 1, author=prosumer)
    services.submit_idea(author=prosumer, parent=ideas["board"], title="Borrador", description="x", topics=[])

    body = client.get(LIST, {"board": ideas["board"].pk}).json()

    assert body["count"] == 1
    created = datetime.fromisoformat(body["items"][0].pop("created"))
    assert abs(created - idea.first_published_at) < timedelta(milliseconds=1)
    assert body["items"] == [
        {
            "id": idea.pk,
            "title": "Idea 0",
            "url": "https://senda.example/es/ideas/buzon/idea-0/",  # on the frontend
            "status": "submitted",
            "vote_count": 0,
            "author": "Lucía",
            "author_id": prosumer.pk,  # their public profile: /api/community/people/{id}/
            "topics": [{"name": "calzado", "slug": "calzado"}],
            "locale": "es",
            "parent": {"id": ideas["board"].pk, "title": "Buzón de ideas"},
            "has_voted": False,
            "answer_count": 0,  # complaints and questions it answers
        }
    ]


def test_the_listing_filters_by_parent_status_topic_locale_and_author(client, ideas, prosumer):
    on_board = add_ideas(ideas["board"], 2, author=prosumer, topic="suelas")
    planned = add_ideas(ideas["challenge"], 2, status="planned", prefix="Plan")
    challenge_ideas = [ideas["idea"].pk, *[idea.pk for idea in planned]]

    def listed(**query) -> set[int]:
        response = client.get(LIST, query)
        assert response.status_code == 200, response.json()
        return set(ids(response))

    assert listed(board=ideas["board"].pk) == {idea.pk for idea in on_board}
    assert listed(challenge=ideas["challenge"].pk) == set(challenge_ideas)
    assert listed(status="planned") == {ideas["idea"].pk, *[idea.pk for idea in planned]}
    assert listed(topic="suelas") == {idea.pk for idea in on_board}
    assert listed(author=prosumer.pk) == {idea.pk for idea in on_board}
    assert listed(locale="es") == {*challenge_ideas, *[idea.pk for idea in on_board]}
    assert listed(locale="en") == set()


def test_bad_listing_queries_are_400s_naming_the_field(client, ideas):
    cases = {
        "limit": {"limit": 101},
        "offset": {"offset": -1},
        "sort": {"sort": "random"},
        "status": {"status": "done"},
        "locale": {"locale": "fr"},
        "board": {"board": ideas["challenge"].pk},
    }
    for field, query in cases.items():
        response = client.get(LIST, query)
        assert response.status_code == 400, field
        assert response.json()["errors"][0]["field"] == field


def test_sorting_by_top_newest_and_trending(client, ideas, django_user_model):
    old_favourite, rising, newest = add_ideas(ideas["board"], 3)
    voters = [django_user_model.objects.create_user(f"v{n}", f"v{n}@example.com", "pw") for n in range(3)]
    for voter in voters:
        services.cast_vote(idea=old_favourite, voter=voter)
    for voter in voters[:2]:
        services.cast_vote(idea=rising, voter=voter)
    IdeaVote.objects.filter(idea=old_favourite).update(created_at=timezone.now() - timedelta(days=20))
    board = {"board": ideas["board"].pk}

    assert ids(client.get(LIST, {**board, "sort": "top"})) == [old_favourite.pk, rising.pk, newest.pk]
    assert ids(client.get(LIST, {**board, "sort": "newest"})) == [newest.pk, rising.pk, old_favourite.pk]
    assert ids(client.get(LIST, {**board, "sort": "trending"})) == [rising.pk, old_favourite.pk, newest.pk]


def test_the_listing_paginates(client, ideas):
    add_ideas(ideas["board"], 5)
    query = {"board": ideas["board"].pk, "sort": "newest"}

    everything = ids(client.get(LIST, query))
    second_page = client.get(LIST, {**query, "limit": 2, "offset": 2}).json()

    assert second_page["count"] == 5 and second_page["limit"] == 2 and second_page["offset"] == 2
    assert [item["id"] for item in second_page["items"]] == everything[2:4]


def test_a_signed_in_prosumer_sees_which_ideas_they_voted_for(prosumer, ideas):
    first, second = add_ideas(ideas["board"], 2)
    services.cast_vote(idea=second, voter=prosumer)

    items = signed_in(prosumer).get(LIST, {"board": ideas["board"].pk}).json()["items"]

    assert {item["id"]: item["has_voted"] for item in items} == {first.pk: False, second.pk: True}


def listing_queries(client, query) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, query)
    assert response.status_code == 200
    return len(queries)


def test_listing_100_ideas_takes_as_many_queries_as_listing_10(prosumer, django_user_model, ideas):
    client = signed_in(prosumer)
    authors = [django_user_model.objects.create_user(f"a{n}", f"a{n}@example.com", "pw") for n in range(5)]
    for number, author in enumerate(authors):
        add_ideas(ideas["board"], 2, author=author, topic=f"tema-{number}", prefix=f"Lote{number}")
    for sort in ("top", "newest", "trending"):
        query = {"board": ideas["board"].pk, "limit": 100, "sort": sort}
        client.get(LIST, query)  # warm the per-process caches (site root paths, content types)
        for_ten = listing_queries(client, query)

        if sort == "top":
            for number, author in enumerate(authors):
                add_ideas(ideas["board"], 18, author=author, topic=f"otro-{number}", prefix=f"Mas{number}")
        assert client.get(LIST, query).json()["count"] == 100

        assert listing_queries(client, query) == for_ten, sort
