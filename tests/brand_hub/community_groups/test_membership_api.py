"""Joining and leaving community groups, the member list and who may moderate a group."""

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from brand_hub.community_groups.models import GroupMembership
from brand_hub.community_groups.services import (
    is_group_moderator,
    join_group,
    personal_data,
    set_group_moderator,
)
from brand_hub.users.roles import COMMUNITY_MODERATORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(destination):
    return destination["group"]


@pytest.fixture
def lucia(django_user_model):
    return django_user_model.objects.create_user(
        "lucia", "lucia@example.com", "pw-lucia-123", display_name="Lucía"
    )


def make_members(django_user_model, group, count: int) -> list:
    people = [
        django_user_model.objects.create_user(
            f"runner{n}", f"runner{n}@example.com", display_name=f"Runner {n}"
        )
        for n in range(count)
    ]
    for person in people:
        join_group(group=group, member=person)
    return people


def membership_url(group) -> str:
    return f"/api/community/groups/{group.pk}/membership"


def test_a_prosumer_joins_a_group_and_sees_it_in_the_group(client, group, lucia):
    client.force_login(lucia)

    joined = client.post(membership_url(group))

    assert joined.status_code == 201
    assert joined.json()["role"] == "member" and joined.json()["member_count"] == 1
    detail = client.get(f"/api/community/groups/{group.pk}/").json()
    assert detail["member_count"] == 1
    assert detail["is_member"] is True and detail["role"] == "member" and detail["is_moderator"] is False


def test_joining_twice_is_a_409_that_changes_nothing(client, group, lucia):
    client.force_login(lucia)
    client.post(membership_url(group))
    first_joined_at = GroupMembership.objects.get().joined_at

    again = client.post(membership_url(group))

    assert again.status_code == 409
    assert again.json()["errors"][0]["field"] == "group"
    assert list(GroupMembership.objects.values_list("member", "joined_at")) == [(lucia.pk, first_joined_at)]


def test_a_member_leaves_a_group(client, group, lucia):
    client.force_login(lucia)
    client.post(membership_url(group))

    left = client.delete(membership_url(group))

    assert left.status_code == 204
    assert not GroupMembership.objects.exists()
    assert client.get(f"/api/community/groups/{group.pk}/").json()["is_member"] is False
    assert client.delete(membership_url(group)).status_code == 404


def test_an_unknown_group_is_a_404(client, destination, lucia):
    client.force_login(lucia)
    assert client.post("/api/community/groups/999999/membership").status_code == 404
    assert client.get("/api/community/groups/999999/").status_code == 404
    # A page that is not a group is no group either.
    assert client.post(membership_url(destination["home"])).status_code == 404
    assert not GroupMembership.objects.exists()


def test_an_unpublished_or_private_group_is_a_404(client, group, lucia):
    client.force_login(lucia)
    group.unpublish()
    assert client.post(membership_url(group)).status_code == 404
    assert client.get(f"/api/community/groups/{group.pk}/members").status_code == 404

    group.save_revision().publish()
    PageViewRestriction.objects.create(
        page=group, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert client.post(membership_url(group)).status_code == 404
    assert not GroupMembership.objects.exists()


def test_writes_need_a_signed_in_person(client, group):
    assert client.post(membership_url(group)).status_code == 401
    assert client.delete(membership_url(group)).status_code == 401
    assert not GroupMembership.objects.exists()


def test_an_anonymous_visitor_sees_the_member_count_but_is_no_member(client, group, django_user_model):
    make_members(django_user_model, group, 3)

    detail = client.get(f"/api/community/groups/{group.pk}/").json()

    assert detail["member_count"] == 3 and detail["is_member"] is False and detail["role"] is None


def test_joining_too_often_is_a_429_with_retry_after(client, group, lucia, settings):
    settings.COMMUNITY_RATE_LIMITS = {"membership": {"user": "2/m"}}
    client.force_login(lucia)
    client.post(membership_url(group))
    client.delete(membership_url(group))

    refused = client.post(membership_url(group))

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert not GroupMembership.objects.exists()


def test_the_member_list_pages_through_members_oldest_first(client, group, django_user_model):
    people = make_members(django_user_model, group, 5)
    set_group_moderator(group=group, member=people[1])

    first = client.get(f"/api/community/groups/{group.pk}/members", {"limit": 2}).json()
    last = client.get(f"/api/community/groups/{group.pk}/members", {"limit": 2, "offset": 4}).json()
    moderators = client.get(f"/api/community/groups/{group.pk}/members", {"role": "moderator"}).json()

    assert first["count"] == 5
    assert [(m["id"], m["display_name"], m["role"]) for m in first["items"]] == [
        (people[0].pk, "Runner 0", "member"),
        (people[1].pk, "Runner 1", "moderator"),
    ]
    assert [m["id"] for m in last["items"]] == [people[4].pk]
    assert [m["id"] for m in moderators["items"]] == [people[1].pk] and moderators["count"] == 1
    assert "email" not in first["items"][0]


def test_a_bad_limit_is_a_400_naming_the_parameter(client, group):
    response = client.get(f"/api/community/groups/{group.pk}/members", {"limit": 1000})

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "limit"


def test_the_member_list_takes_the_same_queries_for_two_members_or_twenty(client, group, django_user_model):
    url = f"/api/community/groups/{group.pk}/members"
    make_members(django_user_model, group, 2)
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(url).json()["items"]) == 2
    for n in range(18):
        person = django_user_model.objects.create_user(f"more{n}", f"more{n}@example.com")
        join_group(group=group, member=person)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url).json()["items"]) == 20

    assert len(many) == len(few)


def test_group_moderators_site_moderators_and_superusers_may_moderate_a_group(
    group, django_user_model, lucia
):
    runner, site_moderator = make_members(django_user_model, group, 2)
    site_moderator.groups.add(Group.objects.get(name=COMMUNITY_MODERATORS))
    chief = django_user_model.objects.create_superuser("chief", "chief@example.com", "pw-chief-1")

    assert is_group_moderator(runner, group) is False
    assert is_group_moderator(lucia, group) is False
    assert is_group_moderator(None, group) is False
    set_group_moderator(group=group, member=runner)
    set_group_moderator(group=group, member=lucia)  # not a member yet: joins as a moderator

    assert is_group_moderator(runner, group) is True
    assert is_group_moderator(lucia, group) is True
    assert is_group_moderator(site_moderator, group) is True
    assert is_group_moderator(chief, group) is True
    set_group_moderator(group=group, member=runner, moderator=False)
    assert is_group_moderator(runner, group) is False


def test_a_group_moderator_sees_the_moderator_flag_on_the_group(client, group, lucia):
    set_group_moderator(group=group, member=lucia)
    client.force_login(lucia)

    detail = client.get(f"/api/community/groups/{group.pk}/").json()

    assert detail["role"] == "moderator" and detail["is_moderator"] is True


def test_the_account_export_lists_the_persons_memberships(group, lucia):
    join_group(group=group, member=lucia)

    exported = personal_data(lucia)

    assert [(m["group_id"], m["group"], m["role"]) for m in exported["group_memberships"]] == [
        (group.pk, "Corredores de montaña", "member")
    ]


def test_editors_appoint_a_group_moderator_in_the_admin(client, group, lucia, django_user_model):
    join_group(group=group, member=lucia)
    membership = GroupMembership.objects.get()
    client.force_login(django_user_model.objects.create_superuser("chief", "chief@example.com", "pw-chief-1"))

    listing = client.get("/admin/snippets/community_groups/groupmembership/", {"group": group.pk})
    assert listing.status_code == 200 and "Lucía" in listing.content.decode()
    edited = client.post(
        f"/admin/snippets/community_groups/groupmembership/edit/{membership.pk}/",
        {"group": group.pk, "member": lucia.pk, "role": "moderator"},
    )

    assert edited.status_code == 302
    assert is_group_moderator(lucia, group) is True
