"""A prosumer who muted someone no longer finds that person's comments and ideas in search; everyone
else, the muted person and the moderators find them as before (brand_hub.community.mutes)."""

import pytest

from django.test import Client

from brand_hub.users.roles import PROSUMERS
from tests.brand_hub.community.calls import say
from tests.conftest import person

from .searching import found, send_and_refresh
from .test_idea_search import proposed

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

JSON = "application/json"


@pytest.fixture
def ana(roles, django_user_model):
    return person(django_user_model, "ana", PROSUMERS)


@pytest.fixture
def muted_world(index_prefix, destination, post, lucia, marek, ana):
    """Lucía muted Marek; Marek and Ana wrote about the same soles, and each proposed an idea."""
    muted = lucia.post("/api/community/mutes/", {"person_id": marek.user.pk}, content_type=JSON)
    assert muted.status_code == 201, muted.content
    ids = {}
    for name, client in (("marek", marek), ("ana", ana)):
        response = say(client, post, f"Las suelas nuevas de {name} resbalan en la pista mojada")
        assert response.status_code == 201, response.content
        ids[f"{name}_comment"] = response.json()["id"]
        title, description = f"Suelas antideslizantes de {name}", "Suelas antideslizantes para la lluvia."
        idea = proposed(client, destination["board"], title, description)
        ids[f"{name}_idea"] = idea.pk
    send_and_refresh()
    return ids


def comment_ids(client, q):
    return {item["comment_id"] for item in found(client, "/comments", q=q)["items"]}


def idea_ids(client, q):
    return {item["id"] for item in found(client, "/ideas", q=q)["items"]}


def test_the_muter_no_longer_finds_the_muted_persons_comments_or_ideas(muted_world, lucia):
    assert comment_ids(lucia, "suelas resbalan") == {muted_world["ana_comment"]}
    assert idea_ids(lucia, "antideslizantes") == {muted_world["ana_idea"]}


def test_everyone_else_finds_them_as_before(muted_world, marek, ana, moderator):
    both_comments = {muted_world["marek_comment"], muted_world["ana_comment"]}
    both_ideas = {muted_world["marek_idea"], muted_world["ana_idea"]}
    for client in (Client(), marek, ana, moderator):
        assert comment_ids(client, "suelas resbalan") == both_comments
        assert idea_ids(client, "antideslizantes") == both_ideas


def test_unmuting_brings_them_back_at_once(muted_world, lucia, marek):
    assert lucia.delete(f"/api/community/mutes/{marek.user.pk}").status_code == 204
    assert muted_world["marek_comment"] in comment_ids(lucia, "suelas resbalan")
    assert muted_world["marek_idea"] in idea_ids(lucia, "antideslizantes")
