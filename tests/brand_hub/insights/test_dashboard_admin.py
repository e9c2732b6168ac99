"""The Insights dashboard in the Wagtail admin and its CSV downloads, on March 2026 (see conftest)."""

import csv
import io
import json
import re

import pytest

from brand_hub.insights.influence import compute_influence
from brand_hub.insights.tables import TABLES, TABLES_BY_NAME
from brand_hub.users.roles import ADMINISTRATORS
from tests.conftest import person

from .community_history import at, comment
from .test_access_and_input import WRONG_FILTERS

DASHBOARD = "/admin/insights/"
MARCH = {"start": "2026-03-01", "end": "2026-03-31", "interval": "month"}


def figure(html: str, name: str) -> str:
    """The text of the card figure `name` ("objective.figure") on the page."""
    found = re.search(rf'<dd data-figure="{re.escape(name)}">([^<]*)</dd>', html)
    assert found, f"no figure {name} on the page"
    return found.group(1).strip()


def chart(html: str, key: str) -> dict:
    found = re.search(rf'<script id="insights-chart-{key}" type="application/json">(.*?)</script>', html)
    assert found, f"no data for the chart {key}"
    return json.loads(found.group(1))


def download(client, table: str, **params) -> tuple[list[str], list[list[str]]]:
    response = client.get(f"{DASHBOARD}export/{table}.csv", {**MARCH, **params})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, *rows = csv.reader(io.StringIO(response.content.decode()))
    return header, rows


def dashboard(client, **params):
    response = client.get(DASHBOARD, {**MARCH, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_an_editor_sees_every_objectives_figures_of_march(editor, march):
    html = dashboard(editor)

    assert figure(html, "loyalty.complaints_received") == "4"
    assert figure(html, "loyalty.complaints_resolved") == "3"
    assert figure(html, "cost.questions_received") == "3"
    assert figure(html, "recommendation.share_visits") == "6"
    assert figure(html, "innovation.ideas_implemented") == "2"
    assert figure(html, "reputation.reach") == "19"
    # Every table is on the page with its download link, for the same filters.
    for table in TABLES:
        assert f"{DASHBOARD}export/{table.name}.csv?start=2026-03-01&amp;end=2026-03-31" in html
    assert "insights/vendor/chart.umd.min.js" in html
    assert "insights/dashboard.js" in html


@pytest.mark.django_db
def test_the_charts_data_is_in_json_script_tags_one_point_per_period(editor, march):
    html = dashboard(editor, start="2026-02-01", end="2026-04-30")

    complaints = chart(html, "complaints")
    assert complaints["type"] == "line"
    assert complaints["labels"] == ["2026-02", "2026-03", "2026-04"]
    assert {line["key"]: line["data"] for line in complaints["series"]} == {
        "received": [1, 4, 0],
        "resolved": [0, 3, 0],
    }
    sentiment = chart(html, "sentiment")
    assert (sentiment["type"], sentiment["stacked"]) == ("bar", True)
    assert {line["key"]: line["data"][1] for line in sentiment["series"]} == {
        "positive": 1,
        "neutral": 3,
        "negative": 4,
    }


@pytest.mark.django_db
def test_the_filters_narrow_the_figures_to_a_language_a_challenge_or_a_group(editor, march):
    assert figure(dashboard(editor, locale="en"), "loyalty.complaints_received") == "1"

    challenge = dashboard(editor, board=march["challenge"].pk)
    assert figure(challenge, "innovation.ideas_received") == "1"
    assert figure(challenge, "loyalty.complaints_received") == "0"

    assert figure(dashboard(editor, group=march["group"].pk), "recommendation.share_visits") == "2"


@pytest.mark.django_db
@pytest.mark.parametrize(("params", "field"), WRONG_FILTERS)
def test_a_wrong_filter_shows_the_error_on_its_field_and_no_figures(editor, destination, params, field):
    response = editor.get(DASHBOARD, params)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert 'class="error-message"' in html
    assert "data-figure=" not in html
    assert editor.get(f"{DASHBOARD}export/channels.csv", params).status_code == 400


@pytest.mark.django_db
def test_a_board_and_a_group_together_are_refused_on_the_group(editor, destination):
    response = editor.get(DASHBOARD, {"board": destination["board"].pk, "group": destination["group"].pk})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["group"]


@pytest.mark.django_db
def test_a_prosumer_is_sent_to_the_admin_login(lucia):
    for path in (DASHBOARD, f"{DASHBOARD}export/channels.csv"):
        response = lucia.get(path)

        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_a_moderator_without_the_insights_permission_is_sent_back_to_the_admin_home(moderator, destination):
    for path in (DASHBOARD, f"{DASHBOARD}export/channels.csv"):
        response = moderator.get(path)

        assert response.status_code == 302
        assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_the_insights_menu_item_is_shown_to_editors_only(editor, moderator, destination):
    # The sidebar's menu comes as JSON: each item with its "url".
    assert '"url": "/admin/insights/"' in editor.get("/admin/").content.decode()
    assert "/admin/insights/" not in moderator.get("/admin/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("table", [table.name for table in TABLES])
def test_every_table_downloads_as_csv_with_its_header(editor, march, table):
    response = editor.get(f"{DASHBOARD}export/{table}.csv", MARCH)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="insights-{table}-2026-03-01-2026-03-31.csv"'
    )
    header = next(csv.reader(io.StringIO(response.content.decode())))
    assert header == TABLES_BY_NAME[table].header()


@pytest.mark.django_db
def test_the_csv_rows_are_the_tables_rows_with_plain_numbers(editor, march):
    assert download(editor, "channels") == (
        ["channel", "label", "shares", "visits", "signups", "first_contributions"],
        [
            ["whatsapp", "WhatsApp", "1", "3", "0", "0"],
            ["facebook", "Facebook", "1", "1", "0", "0"],
            ["x", "X", "0", "2", "0", "0"],
        ],
    )
    lucia, marek, _ana = march["people"]
    assert download(editor, "sharers")[1] == [
        [str(lucia.pk), "Lucia", "1", "5"],
        [str(marek.pk), "Marek", "1", "1"],
    ]
    assert download(editor, "value")[1] == [["savings", "EUR", "1200.00"]]
    assert download(editor, "sentiment")[1] == [
        ["en", "1", "0", "0", "1", "0.0", "0.0", "1.0"],
        ["es", "7", "1", "3", "3", "0.1429", "0.4286", "0.4286"],
    ]
    assert ["loyalty", "retention_rate", "0.3333"] in download(editor, "summary")[1]
    assert download(editor, "co_creation")[1] == [["guided", "1", "1", "1.0"], ["open", "2", "1", "0.5"]]
    header, rows = download(editor, "timeline")
    assert rows[0][0] == "2026-03"
    assert dict(zip(header, rows[0], strict=True))["complaints_received"] == "4"


@pytest.mark.django_db
def test_the_alert_list_links_each_complaint_to_the_desk_and_its_page(editor, march):
    header, rows = download(editor, "alerts")

    english = march["english"]
    (alert,) = [dict(zip(header, row, strict=True)) for row in rows]
    assert (alert["text"], alert["author"], alert["locale"]) == ("complaint by Ana", "Ana", "en")
    assert alert["page_id"] == str(english.pk)
    assert alert["submitted_at"].startswith("2026-03-15T12:00:00")
    html = dashboard(editor)
    assert f'href="/admin/community/comments/inspect/{alert["comment_id"]}/"' in html
    assert f'href="/admin/pages/{english.pk}/edit/"' in html
    assert 'href="/admin/community/comments/?alerts=true"' in html
    desk = editor.get("/admin/community/comments/", {"alerts": "true"})
    assert desk.status_code == 200
    assert [comment.pk for comment in desk.context["object_list"]] == [int(alert["comment_id"])]


@pytest.mark.django_db
def test_text_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text(editor, lucia, post):
    complaint = comment(post, lucia.user, kind="complaint", when=at(3, 10), sentiment="negative")
    complaint.user_name = "=HYPERLINK(1)"
    complaint.save(update_fields=["user_name"])

    (row,) = download(editor, "alerts")[1]

    assert "'=HYPERLINK(1)" in row


@pytest.mark.django_db
def test_administrators_and_superusers_see_the_dashboard_too(roles, django_user_model, destination):
    administrator = person(django_user_model, "olga", ADMINISTRATORS)
    superuser = person(django_user_model, "root")
    superuser.user.is_superuser = True
    superuser.user.save()

    assert administrator.get(DASHBOARD).status_code == 200
    assert superuser.get(DASHBOARD).status_code == 200


@pytest.mark.django_db
def test_an_unknown_table_is_not_found(editor, destination):
    assert editor.get(f"{DASHBOARD}export/passwords.csv").status_code == 404


@pytest.mark.django_db
def test_the_influencers_come_with_their_figures_as_the_reasons(editor, march):
    compute_influence(now=at(4, 1))

    header, rows = download(editor, "influencers")

    people = {row["name"]: row for row in (dict(zip(header, row, strict=True)) for row in rows)}
    assert sorted(people) == ["Ana", "Lucia", "Marek"]
    assert sorted(row["rank"] for row in people.values()) == ["1", "2", "3"]
    # Marek's praise got Ana's like and his idea Lucia's vote; Lucia's complaint got Marek's like
    # and her idea Ana's vote.
    for name in ("Lucia", "Marek"):
        assert (people[name]["reactions_received"], people[name]["votes_received"]) == ("1", "1")
        assert people[name]["responders"] == "2"
    html = dashboard(editor)
    assert "Lucia" in html.split('id="insights-table-influencers"')[1]


@pytest.mark.django_db
def test_the_filters_help_text_is_in_the_language_of_each_request(editor):
    # Both languages in one test: a text translated once at import would be wrong in one of them.
    english = editor.get(DASHBOARD, headers={"accept-language": "en"}).content.decode()
    spanish = editor.get(DASHBOARD, headers={"accept-language": "es"}).content.decode()
    assert "Default: 90 days before the end" in english
    assert "Por defecto: 90 días antes del final" in spanish
