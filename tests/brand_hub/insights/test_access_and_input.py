"""Who may read the insights, what a wrong filter gets back, and the page-view beacon."""

import pytest

from django.test import Client
from django.utils.translation import gettext

from brand_hub.insights.models import PageViewDay

READS = (
    "/api/insights/overview",
    "/api/insights/timeline",
    "/api/insights/alerts",
    "/api/insights/influencers",
)


@pytest.mark.django_db
@pytest.mark.parametrize("path", READS)
def test_a_prosumer_is_refused_the_insights_with_403(lucia, path):
    response = lucia.get(path)

    assert response.status_code == 403
    assert response.json()["detail"] == gettext("Only the brand's editors may see the insights.")


@pytest.mark.django_db
@pytest.mark.parametrize("path", READS)
def test_an_anonymous_visitor_must_sign_in_first(db, path):
    assert Client().get(path).status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("path", READS)
def test_an_editor_reads_every_insight(editor, destination, path):
    assert editor.get(path).status_code == 200


#: Filters every reader of the insights refuses, each with the field at fault.
WRONG_FILTERS = [
    ({"start": "2026-04-01", "end": "2026-03-01"}, "start"),
    ({"start": "2010-01-01", "end": "2026-03-01"}, "start"),
    ({"start": "yesterday"}, "start"),
    ({"locale": "fr"}, "locale"),
    ({"interval": "year"}, "interval"),
    ({"board": "abc"}, "board"),
    ({"board": "0"}, "board"),
    ({"end": "9999-12-31"}, "end"),
    ({"start": "9999-12-30", "end": "9999-12-31"}, "end"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("params", "field"), WRONG_FILTERS)
def test_a_wrong_filter_is_a_400_naming_the_field(editor, destination, params, field):
    response = editor.get("/api/insights/overview", params)

    assert response.status_code == 400
    assert field in [error["field"] for error in response.json()["errors"]]


@pytest.mark.django_db
def test_a_board_filter_must_name_a_board_or_challenge_and_a_group_filter_a_group(editor, destination):
    group, board = destination["group"].pk, destination["board"].pk

    assert editor.get("/api/insights/overview", {"board": group}).json()["errors"][0]["field"] == "board"
    assert editor.get("/api/insights/overview", {"group": board}).json()["errors"][0]["field"] == "group"
    assert editor.get("/api/insights/overview", {"board": board, "group": group}).status_code == 400
    assert editor.get("/api/insights/overview", {"board": board}).status_code == 200


@pytest.mark.django_db
def test_a_page_view_counts_once_per_visitor_and_day(post):
    frontend = Client()

    def view(visitor):
        return frontend.post(
            "/api/insights/page-views",
            {"page_id": post.pk, "visitor_id": visitor},
            content_type="application/json",
        )

    assert view("visitor-one").json() == {"counted": True}
    assert view("visitor-one").json() == {"counted": False}
    assert view("visitor-two").json() == {"counted": True}
    assert PageViewDay.objects.get(page=post).views == 2


@pytest.mark.django_db
def test_a_page_view_of_an_unknown_page_or_without_a_visitor_is_refused(post):
    frontend = Client()

    unknown = frontend.post(
        "/api/insights/page-views",
        {"page_id": 999999, "visitor_id": "visitor-one"},
        content_type="application/json",
    )
    no_visitor = frontend.post(
        "/api/insights/page-views", {"page_id": post.pk}, content_type="application/json"
    )

    assert unknown.status_code == 404
    assert unknown.json()["errors"][0]["field"] == "page_id"
    assert no_visitor.status_code == 400
    assert no_visitor.json()["errors"][0]["field"] == "visitor_id"
    assert not PageViewDay.objects.exists()


@pytest.mark.django_db
def test_a_page_view_of_a_page_behind_a_view_restriction_is_refused(post):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=post.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    restricted = Client().post(
        "/api/insights/page-views",
        {"page_id": post.pk, "visitor_id": "visitor-one"},
        content_type="application/json",
    )

    assert restricted.status_code == 404
    assert restricted.json()["errors"][0]["field"] == "page_id"
    assert not PageViewDay.objects.exists()
