"""Searching ideas and finding the ones a draft may repeat."""

import pytest

from django.test import Client

from brand_hub.ideas import services
from brand_hub.ideas.models import IdeaPage

from .searching import facet, found, refused, send_and_refresh

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def proposed(person, parent, title: str, description: str, *, topics=(), publish=True) -> IdeaPage:
    """Submitted by a prosumer, then approved and published by an editor (unless `publish` is False)."""
    idea = services.submit_idea(
        author=person.user, parent=parent, title=title, description=description, topics=list(topics)
    )
    if publish:
        idea.save_revision().publish()
    return IdeaPage.objects.get(pk=idea.pk)


@pytest.fixture
def ideas(index_prefix, destination, lucia, marek, moderator) -> dict[str, IdeaPage]:
    board, challenge = destination["board"], destination["challenge"]
    created = {
        "recycled_sole": destination["idea"],  # "Suela reciclada", planned, in the challenge
        "laces": proposed(
            lucia,
            board,
            "Cordones de algodón orgánico",
            "Los cordones se rompen enseguida; propongo algodón orgánico más resistente.",
            topics=["materiales"],
        ),
        "sizes": proposed(
            marek, board, "Tallas grandes", "Faltan tallas grandes para corredores altos.", topics=["tallas"]
        ),
        "box": proposed(
            lucia,
            challenge,
            "Caja de cartón reciclado",
            "Una caja para las zapatillas hecha con cartón reciclado.",
            topics=["sostenibilidad"],
        ),
        "polish": proposed(
            marek,
            board,
            "Sznurówki z butelek",
            "Chciałbym, żeby sznurówki były zrobione z butelek i nie rwały się tak szybko.",
            topics=["materiales"],
        ),
        "draft": proposed(
            marek, board, "Cordones de oro", "Cordones de lujo para las zapatillas de gala.", publish=False
        ),
    }
    for voter in (lucia, marek, moderator):
        services.cast_vote(idea=created["laces"], voter=voter.user)
    services.cast_vote(idea=created["sizes"], voter=lucia.user)
    send_and_refresh()
    return created


def idea_ids(results) -> list[int]:
    return [item["id"] for item in results["items"]]


def test_an_inflected_word_finds_the_idea_and_is_highlighted(client, ideas):
    results = found(client, "/ideas", q="reciclar")
    assert set(idea_ids(results)) == {ideas["recycled_sole"].pk, ideas["box"].pk}
    box = next(item for item in results["items"] if item["id"] == ideas["box"].pk)
    assert box["highlight"]["title"] == "Caja de cartón <mark>reciclado</mark>"
    assert box["highlight"]["description"] == [
        "Una caja para las zapatillas hecha con cartón <mark>reciclado</mark>."
    ]
    assert idea_ids(found(client, "/ideas", q="sznurówka butelka")) == [ideas["polish"].pk]


def test_a_hit_carries_what_a_card_needs(client, ideas, destination, lucia, settings):
    settings.FRONTEND_URL = "https://senda.example"
    (item,) = found(client, "/ideas", q="algodón")["items"]
    laces = ideas["laces"]
    assert (item["id"], item["title"], item["url"]) == (
        laces.pk,
        "Cordones de algodón orgánico",
        f"https://senda.example{laces.url}",
    )
    assert (item["status"], item["state"], item["vote_count"], item["topics"]) == (
        "submitted",
        "published",
        3,
        ["materiales"],
    )
    assert item["parent"] == {"id": destination["board"].pk, "type": "board"}
    assert item["author"]["id"] == lucia.user.pk
    assert item["locale"] == "es" and item["language"] == "es"


def test_ideas_filter_and_facet(client, ideas, destination, lucia):
    def ids(**params):
        return set(idea_ids(found(client, "/ideas", **params)))

    published = {key for key in ideas if key != "draft"}
    assert ids() == {ideas[key].pk for key in published}
    assert ids(parent_type="challenge") == {ideas["recycled_sole"].pk, ideas["box"].pk}
    assert ids(board=destination["board"].pk) == {ideas["laces"].pk, ideas["sizes"].pk, ideas["polish"].pk}
    assert ids(challenge=destination["challenge"].pk, q="caja") == {ideas["box"].pk}
    assert ids(topic="materiales") == {ideas["laces"].pk, ideas["polish"].pk}
    assert ids(status="planned") == {ideas["recycled_sole"].pk}
    assert ids(author=lucia.user.pk) == {ideas["laces"].pk, ideas["box"].pk}
    assert ids(locale="pl") == set()

    results = found(client, "/ideas", parent_type="board")
    assert results["count"] == 3
    assert facet(results, "parent_type") == {"board": 3, "challenge": 2}  # its own filter ignored
    assert facet(results, "topics") == {"materiales": 2, "tallas": 1}
    assert facet(results, "status") == {"submitted": 3}
    assert facet(results, "board") == {destination["board"].pk: 3}
    assert facet(results, "challenge") == {}
    assert facet(results, "state") == {"published": 3}

    results = found(client, "/ideas", topic=["materiales", "sostenibilidad"], status="submitted")
    assert facet(results, "topics") == {"materiales": 2, "sostenibilidad": 1, "tallas": 1}
    assert facet(results, "status") == {"submitted": 3, "planned": 1}


def test_ideas_sort_by_votes_by_default(client, ideas):
    top = idea_ids(found(client, "/ideas"))
    assert top[:2] == [ideas["laces"].pk, ideas["sizes"].pk]
    newest = idea_ids(found(client, "/ideas", sort="newest"))
    assert newest[0] == ideas["polish"].pk and newest[-1] == ideas["recycled_sole"].pk


def test_unpublished_ideas_are_for_editors_and_moderators(client, ideas, marek, moderator):
    for someone in (client, marek):  # even its own author: drafts have their own screen
        assert ideas["draft"].pk not in idea_ids(found(someone, "/ideas", q="cordones"))
    results = found(moderator, "/ideas", q="cordones", sort="newest")
    assert [(item["id"], item["state"]) for item in results["items"]] == [
        (ideas["draft"].pk, "unpublished"),
        (ideas["laces"].pk, "published"),
    ]
    assert facet(results, "state") == {"published": 1, "unpublished": 1}


def test_an_idea_behind_a_view_restriction_is_found_by_moderators_only(client, ideas, moderator):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=ideas["laces"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    assert ideas["laces"].pk not in idea_ids(found(client, "/ideas", q="cordones"))
    assert ideas["laces"].pk in idea_ids(found(moderator, "/ideas", q="cordones"))


def test_a_near_duplicate_draft_finds_the_existing_idea_first(client, ideas):
    draft = "Cordón de algodón orgánico que no se rompa"
    similar = found(client, "/ideas/similar", text=draft)
    assert similar[0]["id"] == ideas["laces"].pk
    assert set(similar[0]) == {"id", "title", "url", "status", "vote_count", "score"}
    assert similar[0]["vote_count"] == 3
    assert ideas["draft"].pk not in [idea["id"] for idea in similar]  # unpublished ideas never show

    assert (
        found(client, "/ideas/similar", text="Suelas de caucho recicladas")[0]["id"]
        == ideas["recycled_sole"].pk
    )
    assert found(client, "/ideas/similar", text="Sznurówka z butelki")[0]["id"] == ideas["polish"].pk


def test_similar_ideas_leave_out_the_one_being_edited_and_other_locales(client, ideas):
    text = "Cordones de algodón orgánico"
    excluded = found(client, "/ideas/similar", text=text, exclude=ideas["laces"].pk)
    assert ideas["laces"].pk not in [idea["id"] for idea in excluded]
    assert found(client, "/ideas/similar", text=text, locale="en") == []


def test_an_unrelated_draft_finds_nothing(client, ideas):
    assert found(client, "/ideas/similar", text="Descuento para estudiantes universitarios") == []


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/ideas", {"sort": "oldest"}, "sort"),
        ("/ideas", {"facets": "kind"}, "facets"),
        ("/ideas", {"parent_type": "group"}, "parent_type"),
        ("/ideas", {"status": "maybe"}, "status"),
        ("/ideas/similar", {}, "text"),
        ("/ideas/similar", {"text": "   "}, "text"),
        ("/ideas/similar", {"text": "zapatillas", "limit": 50}, "limit"),
        ("/ideas/similar", {"text": "zapatillas", "exclude": "la-mia"}, "exclude"),
    ],
)
def test_a_bad_idea_search_is_a_400_naming_the_field(client, index_prefix, path, params, field):
    answer = refused(client, path, **params)
    assert [error["field"].split(".")[0] for error in answer["errors"]] == [field]


def test_ideas_answer_503_while_the_node_is_unreachable(settings, index_prefix):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    for path, params in (("/ideas", {"q": "cordones"}), ("/ideas/similar", {"text": "cordones"})):
        response = Client().get(f"/api/search{path}", params)
        assert response.status_code == 503, path
        assert response.json()["errors"] == [{"field": "request", "message": response.json()["detail"]}]
