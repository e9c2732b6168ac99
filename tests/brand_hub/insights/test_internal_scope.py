"""Internal challenges and groups in the insights: their own scope, out of the public figures unless
editors count them there (on March 2026 of the conftest, worked out by hand)."""

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import PageViewRestriction

MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


def figures(client, **params):
    response = client.get("/api/insights/overview", {**MARCH, **params})
    assert response.status_code == 200, response.content
    return response.json()


def restrict_to(page, group: Group) -> None:
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([group])


@pytest.fixture
def internal(march):
    """The challenge (idea three) and the group (Marek's complaint of March 10) made internal."""
    employees = Group.objects.create(name="Employees")
    restrict_to(march["challenge"], employees)
    restrict_to(march["group"], employees)
    return march


@pytest.mark.django_db
def test_internal_spaces_are_left_out_of_the_public_figures_and_counted_in_their_own_scope(editor, internal):
    challenge, group = internal["challenge"], internal["group"]

    public = figures(editor)
    assert public["innovation"]["ideas_received"] == 2  # ideas one and two, on the public board
    assert public["loyalty"]["complaints_received"] == 3  # the group's complaint left out
    assert {row["scope_id"] for row in public["innovation"]["by_board"]} == {internal["board"].pk}
    assert sorted(public["filters"]["left_out"]) == sorted([challenge.pk, group.pk])
    public.pop("figures_as_of")
    assert {**figures(editor, scope="public"), "figures_as_of": None} == {**public, "figures_as_of": None}

    everything = figures(editor, scope="all")
    assert everything["innovation"]["ideas_received"] == 3
    assert everything["loyalty"]["complaints_received"] == 4
    assert everything["filters"]["left_out"] == []

    own = figures(editor, scope=challenge.pk)
    assert own["innovation"]["ideas_received"] == 1
    assert (own["filters"]["scope_type"], own["filters"]["scope_id"]) == ("challenge", challenge.pk)
    assert figures(editor, scope=group.pk)["loyalty"]["complaints_received"] == 1
    assert figures(editor, group=group.pk)["loyalty"]["complaints_received"] == 1


@pytest.mark.django_db
def test_editors_may_count_an_internal_space_in_the_public_figures(editor, internal):
    challenge = internal["challenge"].specific
    challenge.count_in_public_figures = True
    challenge.save_revision().publish()

    public = figures(editor)
    assert public["innovation"]["ideas_received"] == 3
    assert public["filters"]["left_out"] == [internal["group"].pk]
    assert figures(editor, scope=challenge.pk)["innovation"]["ideas_received"] == 1  # still its own scope


@pytest.mark.django_db
def test_a_public_page_or_nonsense_is_no_scope(editor, internal):
    for scope, wrong in ((internal["board"].pk, "scope"), ("everything", "scope"), ("9" * 30, "scope")):
        response = editor.get("/api/insights/overview", {**MARCH, "scope": scope})
        assert response.status_code == 400, scope
        assert response.json()["errors"][0]["field"] == wrong
    both_scopes = {"scope": internal["challenge"].pk, "group": internal["group"].pk}
    both = editor.get("/api/insights/overview", both_scopes)
    assert both.status_code == 400 and both.json()["errors"][0]["field"] == "scope"


@pytest.mark.django_db
def test_the_dashboard_offers_the_scope_and_answers_it(editor, internal):
    page = editor.get("/admin/insights/", {**MARCH, "scope": "all"})

    assert page.status_code == 200
    assert b'name="scope"' in page.content
    assert editor.get("/admin/insights/", {**MARCH, "scope": "nonsense"}).status_code == 200


@pytest.mark.django_db
def test_a_member_views_of_an_internal_page_count_and_an_outsiders_are_refused(internal, lucia, marek):
    lucia.user.groups.add(Group.objects.get(name="Employees"))
    view = {"page_id": internal["challenge"].pk, "visitor_id": "visitor-1"}

    assert lucia.post("/api/insights/page-views", view, content_type="application/json").status_code == 200
    refused = marek.post("/api/insights/page-views", view, content_type="application/json")
    assert refused.status_code == 404 and refused.json()["errors"][0]["field"] == "page_id"


@pytest.mark.django_db
def test_influence_for_everyone_leaves_out_an_internal_group_which_keeps_its_own_ranking(editor, march):
    def comments_per_person(**scope) -> dict[str, int]:
        call_command("insights_influence")
        rows = editor.get("/api/insights/influencers", scope).json()["items"]
        return {row["name"]: row["comments"] for row in rows}

    group = march["group"]
    before, group_before = comments_per_person(), comments_per_person(group=group.pk)
    restrict_to(group, Group.objects.create(name="Employees"))

    after = comments_per_person()
    assert after.get("Marek", 0) == before["Marek"] - 1  # his complaint in the group
    assert {name: n for name, n in after.items() if name != "Marek"} == {
        name: n for name, n in before.items() if name != "Marek"
    }
    assert comments_per_person(group=group.pk) == group_before
