"""What one community write costs the database: a fixed number of queries for a comment, a reply and a
reaction by a new member, the trust rules on, with the tasks they queue left in the queue (the task
worker's work is not the request's)."""

import pytest

from django.contrib.auth.models import Permission

from tests.brand_hub.community.calls import say

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture(autouse=True)
def production_rules(settings):
    """The trust screener asking what production asks, and tasks waiting for the worker."""
    settings.TRUST_HOLD_FIRST_CONTRIBUTIONS = 2
    settings.TRUST_NEW_MEMBER_MAX_LINKS = 1
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def regular(settings, post, lucia, marek):
    """Lucía past her first comments (which wait for a moderator), Marek with a comment to answer."""
    settings.TRUST_HOLD_FIRST_CONTRIBUTIONS = 0
    say(lucia, post, "Primero")
    return say(marek, post, "¿Qué talla pedisteis?").json()["id"]


def test_a_comment_takes_a_fixed_number_of_queries(post, lucia, regular, django_assert_num_queries):
    with django_assert_num_queries(COMMENT_QUERIES):
        assert say(lucia, post, "Me encantan").json()["state"] == "published"


def test_a_reply_takes_a_fixed_number_of_queries(post, lucia, regular, django_assert_num_queries):
    with django_assert_num_queries(REPLY_QUERIES):
        assert say(lucia, post, "La 42", parent_id=regular).status_code == 201


def test_a_reaction_takes_a_fixed_number_of_queries(lucia, regular, django_assert_num_queries):
    with django_assert_num_queries(REACTION_QUERIES):
        response = lucia.put(
            f"/api/community/comments/{regular}/reaction", {"value": "like"}, content_type=JSON
        )
    assert response.status_code == 200


def test_the_trust_screener_asks_for_permissions_only_of_a_comment_it_would_hold(
    settings, post, lucia, regular, django_assert_num_queries
):
    """A new member's permissions (two queries) decide nothing when the comment would not be held."""
    lucia.user.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    with django_assert_num_queries(COMMENT_QUERIES):
        assert say(lucia, post, "Sin enlaces").json()["state"] == "published"
    with django_assert_num_queries(COMMENT_QUERIES + 2):
        assert say(lucia, post, "https://a.example https://b.example").json()["state"] == "published"


def test_the_worker_tells_a_reply_to_its_parents_author_and_the_followers_in_a_fixed_number_of_queries(
    post, lucia, marek, moderator, regular, django_assert_num_queries
):
    """Both are found with their accounts and choices in one query, and their notifications stored in one
    insert; their events need no second look at the comment."""
    from brand_hub.community.models import Follow, Notification
    from brand_hub.community.notifications import tell_about_new_comment

    Follow.objects.create(user=moderator.user, page=post)
    reply = say(lucia, post, "La 42", parent_id=regular).json()["id"]
    with django_assert_num_queries(TELLING_QUERIES):
        assert tell_about_new_comment.call(reply) == 2
    told = Notification.objects.filter(comment_id=reply).values_list("recipient_id", "kind")
    assert set(told) == {(marek.user.pk, "reply"), (moderator.user.pk, "comment")}


COMMENT_QUERIES = 15
REPLY_QUERIES = 18
REACTION_QUERIES = 13
TELLING_QUERIES = 8
