"""Searching comments: words in any of their forms, filters, facets, highlights and who sees what."""

from datetime import datetime, timedelta

import pytest

from django.test import Client
from django.utils import timezone

from brand_hub.community.models import CommunityComment
from brand_hub.community.moderation import hold_comment
from search.queries.base import SearchUnavailable
from tests.brand_hub.community.calls import say

from .searching import facet, found, refused, send_and_refresh

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

JSON = "application/json"
SPANISH = "Los clientes compraron zapatillas nuevas para el maratón de la ciudad"
ENGLISH = "I think that the customers are ordering new jackets for the winter"
POLISH = "Zamówiłem buty, ale przyszły za małe i nie mogę ich wymienić na większe"


def comment_ids(results: dict) -> list[int]:
    return [item["comment_id"] for item in results["items"]]


def written(client, page, text, **extra) -> int:
    response = say(client, page, text, **extra)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def dated(comment_id: int, when: datetime) -> None:
    CommunityComment.objects.filter(pk=comment_id).update(submit_date=when)


@pytest.fixture
def three_languages(index_prefix, post, lucia, marek) -> dict[str, int]:
    ids = {
        "es": written(lucia, post, SPANISH),
        "en": written(marek, post, ENGLISH),
        "pl": written(marek, post, POLISH),
    }
    send_and_refresh()
    return ids


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", "comprar"),
        ("es", "zapatilla cliente"),
        ("en", "order"),
        ("en", "jacket customer"),
        ("pl", "butów"),
        ("pl", "buty zamówić"),
        ("pl", "większy"),
    ],
)
def test_an_inflected_word_finds_the_comment_in_its_language(client, three_languages, language, words):
    results = found(client, "/comments", q=words)
    assert comment_ids(results) == [three_languages[language]]
    assert results["items"][0]["language"] == language
    assert results["sort"] == "relevance"


def test_a_word_as_written_is_found_in_any_language(client, three_languages):
    assert comment_ids(found(client, "/comments", q="compraron")) == [three_languages["es"]]
    assert comment_ids(found(client, "/comments", q="maratón zapatillas")) == [three_languages["es"]]
    assert comment_ids(found(client, "/comments", q="zapatillas jackets")) == []  # every word must match


def test_the_matched_forms_are_highlighted(client, three_languages):
    (item,) = found(client, "/comments", q="comprar zapatilla")["items"]
    (fragment,) = item["highlight"]
    assert "<mark>compraron</mark> <mark>zapatillas</mark>" in fragment
    assert item["text"] == SPANISH

    (item,) = found(client, "/comments", q="butów")["items"]
    assert "<mark>buty</mark>" in item["highlight"][0]


def test_highlights_escape_what_the_comment_quotes(client, index_prefix, post, lucia):
    written(lucia, post, "Las suelas &lt;script&gt;alert(1)&lt;/script&gt; & los <b>cordones</b>")
    send_and_refresh()
    (item,) = found(client, "/comments", q="cordones")["items"]
    assert "<script>" in item["text"]  # plain text, as the author wrote it
    (fragment,) = item["highlight"]
    assert fragment == (
        "Las suelas &lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; los <mark>cordones</mark>"
    )


def test_each_hit_carries_its_page_author_and_thread(client, index_prefix, post, lucia, marek, settings):
    settings.FRONTEND_URL = "https://senda.example"
    root = written(lucia, post, "¿Sirven para correr por montaña?", kind="question")
    reply = written(marek, post, "Sí, yo las uso para correr cada semana.", parent_id=root)
    marek.put(f"/api/community/comments/{root}/reaction", {"value": "like"}, content_type=JSON)
    send_and_refresh()

    results = found(client, "/comments", q="correr", sort="oldest")
    assert comment_ids(results) == [root, reply]
    first, second = results["items"]
    assert first["page"] == {
        "id": post.pk,
        "title": post.title,
        "url": f"https://senda.example{post.url}",
        "type": "blog.BlogPage",
    }
    assert first["author"] == {"id": lucia.user.pk, "name": "Lucia"}
    assert (first["kind"], first["state"], first["resolved"]) == ("question", "published", False)
    assert (first["like_count"], first["reply_count"], first["thread_id"], first["parent_id"]) == (
        1,
        1,
        root,
        None,
    )
    assert (second["thread_id"], second["parent_id"]) == (root, root)
    assert first["locale"] == "es" and first["language"] == "es"


@pytest.fixture
def discussion(index_prefix, destination, lucia, marek, moderator) -> dict[str, int]:
    """Five comments on three page types, with known kinds, dates and resolution."""
    post, group, challenge = destination["posts"][0], destination["group"], destination["challenge"]
    ids = {
        "open_question": written(lucia, post, "¿Hay tallas grandes de esta zapatilla?", kind="question"),
        "resolved_question": written(marek, post, "¿Cuándo llega la zapatilla roja?", kind="question"),
        "complaint": written(lucia, post, "La zapatilla se rompió en una semana", kind="complaint"),
        "praise": written(marek, group, "Me encanta correr con esta zapatilla", kind="praise"),
        "suggestion": written(lucia, challenge, "Una zapatilla con suela reciclada", kind="suggestion"),
    }
    moderator.post(
        f"/api/community/comments/{ids['resolved_question']}/moderation",
        {"action": "resolve"},
        content_type=JSON,
    )
    months = {"open_question": 3, "resolved_question": 2, "complaint": 2, "praise": 1, "suggestion": 0}
    now = timezone.now().replace(day=15, hour=12)
    for name, months_ago in months.items():
        dated(ids[name], now - timedelta(days=31 * months_ago))
    CommunityComment.objects.filter(pk=ids["complaint"]).update(submit_date=now - timedelta(days=62, hours=1))
    send_and_refresh()
    return ids


def test_filters_narrow_the_hits(client, discussion, destination, lucia):
    def ids(**params):
        return set(comment_ids(found(client, "/comments", **params)))

    assert len(ids()) == 5
    assert ids(kind="question") == {discussion["open_question"], discussion["resolved_question"]}
    assert ids(kind=["question", "praise"]) == {
        discussion["open_question"],
        discussion["resolved_question"],
        discussion["praise"],
    }
    assert ids(kind="question", resolved="true") == {discussion["resolved_question"]}
    assert ids(kind="question", resolved="false") == {discussion["open_question"]}
    assert ids(page_id=destination["posts"][0].pk, q="zapatilla") == {
        discussion["open_question"],
        discussion["resolved_question"],
        discussion["complaint"],
    }
    assert ids(group=destination["group"].pk) == {discussion["praise"]}
    assert ids(challenge=destination["challenge"].pk) == {discussion["suggestion"]}
    assert ids(page_type="community_groups.CommunityGroupPage") == {discussion["praise"]}
    assert ids(author=lucia.user.pk) == {
        discussion["open_question"],
        discussion["complaint"],
        discussion["suggestion"],
    }
    assert ids(locale="es", language="es") == set(discussion.values())
    assert ids(locale="pl") == set()
    month_ago = (timezone.now() - timedelta(days=40)).date()
    assert ids(date_from=month_ago.isoformat()) == {discussion["praise"], discussion["suggestion"]}
    assert ids(date_to=month_ago.isoformat()) == {
        discussion["open_question"],
        discussion["resolved_question"],
        discussion["complaint"],
    }


def test_each_facet_counts_as_if_its_own_filter_were_not_set(client, discussion, destination):
    results = found(client, "/comments", kind="question")
    assert results["count"] == 2
    # The kind facet ignores kind=question: it offers the other kinds with their counts...
    assert facet(results, "kind") == {"question": 2, "complaint": 1, "praise": 1, "suggestion": 1}
    # ... while every other facet counts the questions only.
    assert facet(results, "resolved") == {True: 1, False: 1}
    assert facet(results, "page_type") == {"blog.BlogPage": 2}
    assert facet(results, "locale") == {"es": 2}
    assert facet(results, "language") == {"es": 2}
    assert facet(results, "state") == {"published": 2}
    assert facet(results, "group") == {} and facet(results, "challenge") == {}
    assert sum(facet(results, "month").values()) == 2

    results = found(client, "/comments", kind=["praise", "suggestion"], page_type="ideas.IdeaChallengePage")
    assert results["count"] == 1
    assert facet(results, "kind") == {"suggestion": 1}
    assert facet(results, "page_type") == {
        "ideas.IdeaChallengePage": 1,
        "community_groups.CommunityGroupPage": 1,
    }
    assert facet(results, "challenge") == {destination["challenge"].pk: 1}

    every = found(client, "/comments")
    assert facet(every, "page_type") == {
        "blog.BlogPage": 3,
        "community_groups.CommunityGroupPage": 1,
        "ideas.IdeaChallengePage": 1,
    }
    assert facet(every, "group") == {destination["group"].pk: 1}
    assert sorted(facet(every, "month").values()) == [1, 1, 1, 2]


def test_only_the_facets_asked_for_are_counted(client, discussion):
    assert set(found(client, "/comments", facets="kind,resolved")["facets"]) == {"kind", "resolved"}
    assert found(client, "/comments", facets="")["facets"] == {}


def test_comments_sort_by_date_and_page(client, discussion):
    newest = comment_ids(found(client, "/comments"))
    assert newest[0] == discussion["suggestion"] and newest[-1] == discussion["open_question"]
    assert comment_ids(found(client, "/comments", sort="oldest")) == newest[::-1]

    first = found(client, "/comments", limit=2)
    second = found(client, "/comments", limit=2, offset=2)
    assert (first["count"], first["offset"], second["offset"], second["limit"]) == (5, 0, 2, 2)
    assert comment_ids(first) + comment_ids(second) == newest[:4]
    assert comment_ids(found(client, "/comments", limit=2, offset=4)) == newest[4:]


def test_a_held_comment_is_seen_by_moderators_only(client, index_prefix, post, lucia, marek, moderator):
    published = written(lucia, post, "Las zapatillas llegaron rotas")
    held = written(marek, post, "Las zapatillas son una estafa")
    hold_comment(CommunityComment.objects.get(pk=held), reason="flags")
    send_and_refresh()

    for someone in (client, lucia, marek):
        results = found(someone, "/comments", q="zapatillas")
        assert comment_ids(results) == [published]
        assert facet(results, "state") == {"published": 1}

    results = found(moderator, "/comments", q="zapatillas", sort="oldest")
    assert [(item["comment_id"], item["state"]) for item in results["items"]] == [
        (published, "published"),
        (held, "held"),
    ]
    assert facet(results, "state") == {"published": 1, "held": 1}
    assert comment_ids(found(moderator, "/comments", state="held")) == [held]


def test_comments_on_a_page_restricted_or_unpublished_later_are_found_by_moderators_only(
    client, index_prefix, destination, lucia, moderator
):
    from wagtail.models import PageViewRestriction

    first, second, third = destination["posts"][:3]
    open_one = written(lucia, first, "Las zapatillas son cómodas")
    restricted = written(lucia, second, "Las zapatillas llegaron tarde")
    unpublished = written(lucia, third, "Las zapatillas de mi hermano")
    send_and_refresh()
    PageViewRestriction.objects.create(page=second, restriction_type=PageViewRestriction.LOGIN)
    third.unpublish()

    for someone in (client, lucia):
        assert comment_ids(found(someone, "/comments", q="zapatillas")) == [open_one]
        assert [item["id"] for item in found(someone, "", q="zapatillas")["items"]] == [open_one]
    assert set(comment_ids(found(moderator, "/comments", q="zapatillas"))) == {
        open_one,
        restricted,
        unpublished,
    }


def test_no_index_yet_is_an_empty_result(client, index_prefix):
    results = found(client, "/comments", q="zapatillas")
    assert results["count"] == 0 and results["items"] == []
    assert results["facets"]["kind"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "2024-02-31"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"sort": "popular"}, "sort"),
        ({"limit": 1000}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
        ({"facets": "kind,colour"}, "facets"),
        ({"kind": "rant"}, "kind"),
        ({"locale": "fr"}, "locale"),
        ({"resolved": "maybe"}, "resolved"),
        ({"offset": 9990, "limit": 20}, "offset"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, index_prefix, params, field):
    answer = refused(client, "/comments", **params)
    assert answer["detail"]
    # A repeated parameter is named with its position: kind.0
    assert [error["field"].split(".")[0] for error in answer["errors"]] == [field]


def test_an_unreachable_node_is_a_503(settings, index_prefix):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    response = Client().get("/api/search/comments", {"q": "zapatillas"}, headers={"accept-language": "en"})
    assert response.status_code == 503
    assert response.json()["detail"] == SearchUnavailable().message  # in the site's language
    assert response.json()["errors"] == [{"field": "request", "message": SearchUnavailable().message}]
    assert response["Retry-After"] == str(SearchUnavailable.retry_after)
