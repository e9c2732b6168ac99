"""Editors build a segment in the admin, see its size and first members, and download it as CSV or read
it through the API; only consenting prosumers ever leave, and every export is logged."""

import csv
import io
from datetime import timedelta

import pytest

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from brand_hub.apikeys.models import ApiKeyUse, ApiScope
from brand_hub.apikeys.services import create_api_key
from brand_hub.community.models import CommentKind
from brand_hub.headless.timestamps import iso_timestamp
from brand_hub.segments.models import ExportFormat, Segment, SegmentExport, SegmentRule
from brand_hub.segments.services import csv_header
from brand_hub.users.roles import PROSUMERS
from brand_hub.users.services import set_marketing_consent
from tests.brand_hub.insights.community_history import at, comment
from tests.conftest import person

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture
def complaints(page, people):
    """A complaint by each person, two by Marek."""
    post = page
    for name in ("lucia", "marek", "marek", "ana", "jan", "olga", "nina", "irma"):
        comment(post, people[name], kind=CommentKind.COMPLAINT, when=at(3, 2))
    return post


@pytest.fixture
def complainers(complaints) -> Segment:
    return Segment.objects.create(name="Complainers", rule=SegmentRule.COMPLAINT_AUTHORS)


def downloaded(response) -> list[list[str]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_an_editor_builds_a_segment_in_the_admin_and_sees_its_size_and_first_members(editor, complaints):
    form = {
        "name": "Unresolved complainers",
        "description": "",
        "rule": SegmentRule.COMPLAINT_AUTHORS,
        "locale": "",
        "group": "",
        "top": "",
        "complaint_status": "unresolved",
        "idea_status": "",
        "date_from": "2026-03-01",
        "date_to": "2026-03-31",
    }
    refused = editor.post(reverse("segments:add"), {**form, "top": "10"})
    assert refused.status_code == 200 and "top" in refused.context["form"].errors
    assert not Segment.objects.exists()

    created = editor.post(reverse("segments:add"), form)
    assert created.status_code == 302
    segment = Segment.objects.get()
    assert segment.created_by == editor.user
    listed = editor.get(reverse("segments:index"))
    assert listed.status_code == 200 and "Unresolved complainers" in listed.content.decode()

    page = editor.get(reverse("segments:inspect", args=[segment.pk]))
    assert page.status_code == 200
    assert page.context["size"].members == 2 and page.context["size"].left_out == 3
    assert [member.email for member in page.context["preview"]] == ["marek@example.com", "lucia@example.com"]
    html = page.content.decode()
    assert "marek@example.com" in html and "ana@example.com" not in html
    assert reverse("segments:export", args=[segment.pk]) in html


def test_the_csv_holds_only_consenting_prosumers_and_its_download_is_logged(editor, complainers, people):
    rows = downloaded(editor.get(reverse("segments:export", args=[complainers.pk])))

    with translation.override("es"):  # the admin's language, the site's default
        assert rows[0] == csv_header(complainers)
    assert [row[:3] + row[4:] for row in rows[1:]] == [
        ["Marek", "marek@example.com", "es", "2"],
        ["Lucia", "lucia@example.com", "es", "1"],
    ]
    assert rows[1][3] == iso_timestamp(people["marek"].marketing_consent.granted_at)
    [logged] = SegmentExport.objects.all()
    assert (logged.segment, logged.by, logged.by_name, logged.format, logged.row_count) == (
        complainers,
        editor.user,
        "irene",
        ExportFormat.CSV,
        2,
    )
    log = editor.get(reverse("segment_exports:index"))
    assert log.status_code == 200 and "Complainers" in log.content.decode()


def test_a_withdrawn_consent_leaves_the_next_export(editor, complainers, people):
    set_marketing_consent(user=people["lucia"], granted=False, source="profile")

    rows = downloaded(editor.get(reverse("segments:export", args=[complainers.pk])))

    assert [row[1] for row in rows[1:]] == ["marek@example.com"]


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused(editor, complainers, people):
    lucia = people["lucia"]
    lucia.display_name = '=HYPERLINK("http://evil.example","click")'
    lucia.save(update_fields=["display_name"])
    people["marek"].display_name = "@SUM(1+1)"
    people["marek"].save(update_fields=["display_name"])

    response = editor.get(reverse("segments:export", args=[complainers.pk]))
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))

    assert [row[0] for row in rows[1:]] == ["'@SUM(1+1)", '\'=HYPERLINK("http://evil.example","click")']
    assert '"\'@SUM(1+1)"' in text  # quoted as text


def test_only_those_allowed_reach_the_segments_in_the_admin(complainers, people, roles, django_user_model):
    prosumer = person(django_user_model, "pablo", PROSUMERS)

    assert prosumer.get(reverse("segments:export", args=[complainers.pk])).status_code in (302, 403)
    assert prosumer.get(reverse("segments:index")).status_code in (302, 403)
    assert not SegmentExport.objects.exists()


def test_the_export_log_cannot_be_edited_in_the_admin(editor, complainers):
    editor.get(reverse("segments:export", args=[complainers.pk]))
    logged = SegmentExport.objects.get()

    assert editor.get(reverse("segment_exports:edit", args=[logged.pk])).status_code in (302, 403)
    assert editor.post(reverse("segment_exports:delete", args=[logged.pk])).status_code in (302, 403)
    assert SegmentExport.objects.filter(pk=logged.pk).exists()


def test_the_api_answers_the_members_to_editors_and_logs_each_call(editor, complainers):
    listed = editor.get("/api/segments/").json()
    assert [(item["id"], item["figure"]) for item in listed["items"]] == [(complainers.pk, "complaints")]

    response = editor.get(f"/api/segments/{complainers.pk}/members?limit=1")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [(item["email"], item["figure"], item["locale"]) for item in body["items"]] == [
        ("marek@example.com", 2.0, "es")
    ]
    [logged] = SegmentExport.objects.all()
    assert (logged.by, logged.format, logged.row_count) == (editor.user, ExportFormat.JSON, 1)


def test_the_api_refuses_a_prosumer_with_a_403_and_a_visitor_with_a_401(complainers, people):
    prosumer = Client()
    prosumer.force_login(people["lucia"])

    refused = prosumer.get(f"/api/segments/{complainers.pk}/members")
    assert refused.status_code == 403 and refused.json()["detail"]
    assert prosumer.get("/api/segments/").status_code == 403
    assert Client().get(f"/api/segments/{complainers.pk}/members").status_code == 401
    assert not SegmentExport.objects.exists()


def test_an_unknown_segment_is_a_404_naming_the_id(editor):
    response = editor.get("/api/segments/999999/members")

    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "segment_id"


def test_an_erased_editor_leaves_the_log_without_a_name(editor, complainers):
    editor.get(reverse("segments:export", args=[complainers.pk]))

    erased = editor.delete("/api/community/me/", {"password": "pw-irene-12345"}, content_type=JSON)

    assert erased.status_code == 204
    logged = SegmentExport.objects.get()
    assert logged.by is None and logged.by_name != "irene" and logged.segment == complainers


def test_the_members_endpoint_reads_a_page_in_the_same_queries_whatever_the_segment_holds(
    editor, complainers, people, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor.get(f"/api/segments/{complainers.pk}/members").status_code == 200
        return len(captured)

    two_members = queries()
    for name in ("ana", "jan"):
        set_marketing_consent(user=people[name], granted=True, source="profile")

    assert queries() == two_members


def test_a_consent_given_at_sign_up_counts_once_the_address_is_verified(client, page, roles):
    from django.contrib.auth import get_user_model

    from brand_hub.segments.services import members
    from tests.brand_hub.users.test_accounts_api import BROWSER, sign_up, verification_key

    sign_up(client, marketing_consent=True)
    newcomer = get_user_model().objects.get(email="lucia@example.com")
    comment(page, newcomer, kind=CommentKind.COMPLAINT, when=at(3, 2))
    complainers = Segment.objects.create(name="Complainers", rule=SegmentRule.COMPLAINT_AUTHORS)
    assert list(members(complainers)) == []

    client.post(f"{BROWSER}/auth/email/verify", {"key": verification_key()}, content_type=JSON)

    assert [member.email for member in members(complainers)] == ["lucia@example.com"]


def test_a_key_allowed_segments_read_gets_the_members_logged_by_its_name_and_another_scope_is_refused(
    complainers,
):
    expires = timezone.now() + timedelta(days=30)
    crm = create_api_key(name="CRM", scopes=[ApiScope.SEGMENTS_READ], expires_at=expires)
    insights = create_api_key(name="BI", scopes=[ApiScope.INSIGHTS_READ], expires_at=expires)
    url = f"/api/segments/{complainers.pk}/members"

    answered = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {crm.full_key}")
    refused = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {insights.full_key}")

    assert answered.status_code == 200 and answered.json()["count"] == 2
    assert refused.status_code == 403 and refused.json()["errors"][0]["field"] == "Authorization"
    [logged] = SegmentExport.objects.all()
    assert (logged.by, logged.row_count) == (None, 2) and "CRM" in logged.by_name  # in the site's language
    assert sorted(ApiKeyUse.objects.values_list("key__name", "status")) == [("BI", 403), ("CRM", 200)]
