"""Ideas in action: the implemented ideas, what changed, who proposed them and the community's part."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from brand_hub.ideas import answers
from brand_hub.ideas.models import IdeaPage
from brand_hub.ideas.services import change_idea_status
from brand_hub.users.roles import COMMUNITY_MODERATORS
from tests.brand_hub.community.calls import say

from .helpers import make_person, published_idea, signed_in

pytestmark = pytest.mark.django_db

URL = "/api/community/ideas/in-action"


def implement(idea, editor, response: str = "") -> IdeaPage:
    change_idea_status(idea=idea, by=editor, status="implemented", official_response=response)
    return IdeaPage.objects.get(pk=idea.pk)


@pytest.fixture
def moderator(django_user_model, roles):
    return make_person(django_user_model, roles, "Tomasz", COMMUNITY_MODERATORS)


def test_implemented_ideas_come_newest_first_with_what_changed_and_the_communitys_part(
    client, ideas, prosumer, other_prosumer, editor, moderator
):
    board = ideas["board"]
    older = published_idea(parent=board, author=prosumer, editor=editor, title="Cordones de botellas")
    newer = published_idea(parent=board, author=other_prosumer, editor=editor, title="Plantillas de corcho")
    planned = published_idea(parent=board, author=prosumer, editor=editor, title="Suela de algas")
    change_idea_status(idea=planned, by=editor, status="planned")
    IdeaPage.objects.filter(pk=newer.pk).update(vote_count=3)
    talk = signed_in(prosumer)
    complaint = say(talk, ideas["challenge"], "Los cordones se rompen.", kind="complaint").json()["id"]
    question = say(talk, ideas["challenge"], "¿Hay plantillas?", kind="question").json()["id"]
    say(talk, newer, "¡Por fin!")
    answers.link_answers(idea=newer, comment_ids=[complaint, question], by=moderator)
    implement(older, editor, "<p>Ya están en tienda.</p>")
    newer = implement(newer, editor, "<p>Desde marzo, en todas las tallas.</p>")

    listing = client.get(URL)

    assert listing.status_code == 200, listing.json()
    body = listing.json()
    assert body["count"] == 2 and [item["id"] for item in body["items"]] == [newer.pk, older.pk]
    item = body["items"][0]
    assert item["title"] == "Plantillas de corcho"
    assert (item["author"], item["author_id"]) == ("Marek", other_prosumer.pk)
    assert item["official_response"] == "<p>Desde marzo, en todas las tallas.</p>"
    assert item["implementation_note"] == "<p>Desde marzo, en todas las tallas.</p>"
    assert item["implemented_at"].endswith("Z") and item["locale"] == "es"
    assert item["parent"] == {"id": board.pk, "title": board.title}
    assert item["community"] == {
        "vote_count": 3,
        "comment_count": 1,
        "linked_complaint_count": 1,
        "linked_question_count": 1,
    }
    assert client.get(URL, {"locale": "en"}).json()["count"] == 0
    assert client.get(URL, {"locale": "es"}).json()["count"] == 2
    refused = client.get(URL, {"locale": "xx"})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"].endswith("locale")

    older.unpublish()  # the one public-page rule: gone from the listing
    assert [item["id"] for item in client.get(URL).json()["items"]] == [newer.pk]


def test_the_listing_reads_the_same_number_of_queries_for_one_idea_or_many(client, ideas, prosumer, editor):
    def queries() -> int:
        client.get(URL)  # warm the per-process caches (site root paths, content types)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    implement(published_idea(parent=ideas["board"], author=prosumer, editor=editor, title="Idea uno"), editor)
    one = queries()
    for title in ("Idea dos", "Idea tres", "Idea cuatro"):
        implement(published_idea(parent=ideas["board"], author=prosumer, editor=editor, title=title), editor)

    assert client.get(URL).json()["count"] == 4
    assert queries() == one
