"""Display names fit where they are copied: limited on sign-up and profile edits, cut on comments."""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from brand_hub.community.models import CommunityComment
from brand_hub.headless.models import ContentGeneration
from brand_hub.users.models import DISPLAY_NAME_MAX_LENGTH
from search.models import PendingIndexUpdate, SearchedIndex
from tests.brand_hub.community.calls import say, thread

pytestmark = pytest.mark.django_db

JSON = "application/json"
LONGEST = "Ł" * DISPLAY_NAME_MAX_LENGTH
TOO_LONG = "Ł" * (DISPLAY_NAME_MAX_LENGTH + 1)


def sign_up(display_name: str, email: str = "lucia@example.com"):
    return Client().post(
        "/_allauth/app/v1/auth/signup",
        {
            "email": email,
            "password": "trail-runner-2026",
            "display_name": display_name,
            "preferred_locale": "pl",
            "accept_terms": True,
        },
        content_type=JSON,
    )


def test_every_display_name_fits_the_comments_author_column():
    assert CommunityComment._meta.get_field("user_name").max_length >= DISPLAY_NAME_MAX_LENGTH


def test_sign_up_with_a_display_name_over_the_limit_is_a_400_naming_it(db):
    refused = sign_up(TOO_LONG)
    assert refused.status_code == 400
    assert [error["param"] for error in refused.json()["errors"]] == ["display_name"]
    assert not get_user_model().objects.filter(email="lucia@example.com").exists()

    assert sign_up(f"  {LONGEST}  ").status_code == 401  # created, e-mail verification pending
    assert get_user_model().objects.get(email="lucia@example.com").display_name == LONGEST


def test_a_profile_edit_over_the_limit_is_a_400_and_changes_nothing(lucia, post):
    assert say(lucia, post, "Hola").status_code == 201

    refused = lucia.patch("/api/community/me/", {"display_name": TOO_LONG, "bio": "Biegam"}, JSON)

    assert refused.status_code == 400
    assert [error["field"] for error in refused.json()["errors"]] == ["display_name"]
    lucia.user.refresh_from_db()
    assert (lucia.user.display_name, lucia.user.bio) == ("Lucia", "")
    assert CommunityComment.objects.get().user_name == "Lucia"


def test_a_new_display_name_shows_on_the_persons_comments_ideas_and_cached_pages(lucia, post, destination):
    say(lucia, post, "Hola")
    idea = destination["idea"]
    idea.proposed_by = lucia.user
    idea.save_revision().publish()
    PendingIndexUpdate.objects.all().delete()
    generation = ContentGeneration.current().number

    edited = lucia.patch("/api/community/me/", {"display_name": f" {LONGEST} "}, JSON)

    assert edited.status_code == 200 and edited.json()["display_name"] == LONGEST
    assert thread(lucia, post).json()["items"][0]["author"]["display_name"] == LONGEST
    comment = CommunityComment.objects.get()
    assert set(PendingIndexUpdate.objects.values_list("index", "object_id")) == {
        (SearchedIndex.COMMENTS, comment.pk),
        (SearchedIndex.IDEAS, idea.pk),
    }
    assert ContentGeneration.current().number > generation


def test_an_account_with_a_longer_name_stored_before_the_limit_still_comments(lucia, post):
    stored = "Lucía " + "de la Sierra " * 5  # 71 characters, accepted before the limit
    get_user_model().objects.filter(pk=lucia.user.pk).update(display_name=stored)

    posted = say(lucia, post, "Sigo comentando")
    renamed_elsewhere = lucia.patch("/api/community/me/", {"bio": "Corro"}, JSON)

    assert posted.status_code == 201, posted.content
    assert CommunityComment.objects.get().user_name == stored[:50]
    assert renamed_elsewhere.status_code == 200 and renamed_elsewhere.json()["display_name"] == stored


def test_a_username_longer_than_the_column_still_comments(post, roles, django_user_model):
    long_username = "u" * 120
    user = django_user_model.objects.create_user(long_username, "u@example.com", "pw-u-12345")
    client = Client()
    client.force_login(user)

    assert say(client, post, "Hola").status_code == 201
    assert CommunityComment.objects.get().user_name == long_username[:50]
