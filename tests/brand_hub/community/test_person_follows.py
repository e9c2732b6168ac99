"""Prosumers follow people, see them beside the pages they follow, and lose the follows with an account."""

import pytest

from django.test import Client

from brand_hub.community.models import PersonFollow

pytestmark = pytest.mark.django_db

JSON = "application/json"


def follow_person(client, person):
    return client.post(f"/api/community/people/{person.pk}/follow")


def test_a_prosumer_follows_a_person_once_and_sees_them_in_what_they_follow(post, lucia, marek):
    lucia.post("/api/community/follows/", {"page_id": post.pk}, content_type=JSON)

    followed = follow_person(lucia, marek.user)
    assert followed.status_code == 201, followed.content
    assert followed.json()["kind"] == "person"
    assert followed.json()["person_id"] == marek.user.pk
    assert followed.json()["title"] == "Marek"
    again = follow_person(lucia, marek.user)
    assert again.status_code == 409
    assert again.json()["errors"][0]["field"] == "user_id"

    listing = lucia.get("/api/community/follows/").json()
    assert listing["count"] == 2
    assert [(item["kind"], item["page_id"], item["person_id"]) for item in listing["items"]] == [
        ("person", None, marek.user.pk),
        ("page", post.pk, None),
    ]
    assert [item["title"] for item in listing["items"]] == ["Marek", post.title]
    only = lucia.get("/api/community/follows/", {"person_id": marek.user.pk}).json()
    assert [item["person_id"] for item in only["items"]] == [marek.user.pk]
    assert lucia.get("/api/community/follows/", {"page_id": post.pk}).json()["count"] == 1


def test_following_oneself_or_nobody_is_refused_in_the_one_error_shape(lucia, django_user_model):
    itself = follow_person(lucia, lucia.user)
    assert itself.status_code == 400
    assert itself.json()["errors"][0]["field"] == "user_id"
    missing = lucia.post("/api/community/people/999999/follow")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["field"] == "user_id"
    gone = django_user_model.objects.create_user("gone", "gone@example.com", "pw-gone-12345", is_active=False)
    assert follow_person(lucia, gone).status_code == 404
    assert not PersonFollow.objects.exists()
    assert Client().post(f"/api/community/people/{lucia.user.pk}/follow").status_code == 401


def test_a_prosumer_stops_following_a_person(lucia, marek):
    follow_person(lucia, marek.user)
    assert lucia.delete(f"/api/community/people/{marek.user.pk}/follow").status_code == 204
    refused = lucia.delete(f"/api/community/people/{marek.user.pk}/follow")
    assert refused.status_code == 404
    assert refused.json()["errors"][0]["field"] == "user_id"
    assert lucia.get("/api/community/follows/").json()["count"] == 0


@pytest.mark.parametrize("erased", ["follower", "followed"])
def test_erasing_either_account_removes_the_follow(erased, lucia, marek):
    follow_person(lucia, marek.user)
    follow_person(marek, lucia.user)
    client = lucia if erased == "follower" else marek
    response = client.delete(
        "/api/community/me/", {"password": f"pw-{client.user.username}-12345"}, content_type=JSON
    )
    assert response.status_code == 204
    assert not PersonFollow.objects.exists()


def test_the_export_lists_the_people_one_follows(lucia, marek):
    follow_person(lucia, marek.user)
    exported = lucia.get("/api/community/me/export").json()
    assert [row["person_id"] for row in exported["people_followed"]] == [marek.user.pk]
