"""Administrators read the audit log under Reports, filter it and download it; no one else reads it."""

import csv
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from brand_hub.audit import actions
from brand_hub.audit.models import AuditLogEntry
from brand_hub.audit.services import record
from brand_hub.users.roles import COMMUNITY_MODERATORS, PROSUMERS

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/audit-log/"


@pytest.fixture
def history(lucia, marek, moderator):
    """Three entries: Tomasz suspended Lucía yesterday and changed Marek's trust today; last year, the
    system raised Lucía's trust (with a name that a spreadsheet would run as a formula)."""
    now = timezone.now()
    made = [
        record(
            action=actions.ACCOUNT_SUSPENDED,
            instance=lucia.user,
            by=moderator.user,
            after={"ends_at": None, "hide_content": True},
            reason="Spam, again",
        ),
        record(action=actions.TRUST_CHANGED, instance=marek.user, by=moderator.user, before=1, after=0),
        record(action=actions.TRUST_CHANGED, instance=lucia.user, before=0, after=1, label="=HYPERLINK(1)"),
    ]
    for entry, days in zip(made, (1, 0, 400), strict=True):
        AuditLogEntry.objects.filter(pk=entry.pk).update(timestamp=now - timedelta(days=days))
    return made


def listed(client, **params) -> str:
    response = client.get(REPORT, params)
    assert response.status_code == 200
    return response.content.decode()


def test_an_administrator_filters_the_log_by_action_person_date_and_object(
    administrator, history, lucia, moderator
):
    suspension, marek_trust, old_trust = history

    everything = listed(administrator)
    assert "Spam" not in everything  # the reason is in the download, not the listing
    assert "Account suspended" in everything and "Trust level changed: 1 → 0" in everything

    by_action = listed(administrator, action=actions.ACCOUNT_SUSPENDED)
    assert "Account suspended" in by_action and "Trust level changed:" not in by_action
    by_person = listed(administrator, user=moderator.user.pk)
    assert "Trust level changed: 1 → 0" in by_person and "Trust level changed: 0 → 1" not in by_person
    since = (timezone.now() - timedelta(days=30)).date().isoformat()
    recent = listed(administrator, timestamp_from=since)
    assert "Trust level changed: 1 → 0" in recent and "Trust level changed: 0 → 1" not in recent
    about_lucia = listed(administrator, object_id=str(lucia.user.pk))
    assert "Account suspended" in about_lucia and "Trust level changed: 1 → 0" not in about_lucia


def test_the_download_has_who_when_what_before_and_after_for_each_entry_filtered(administrator, history):
    response = administrator.get(REPORT, {"export": "csv", "action": actions.TRUST_CHANGED})

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Action"] for row in rows] == ["Trust level changed", "Trust level changed"]
    newest, oldest = rows
    assert newest["User"] == "Tomasz" and newest["Before"] == "1" and newest["After"] == "0"
    assert newest["Date/Time (UTC)"].endswith("Z")
    assert oldest["User"] == "system" and oldest["Name"] == "'=HYPERLINK(1)"

    suspensions = administrator.get(REPORT, {"export": "csv", "action": actions.ACCOUNT_SUSPENDED})
    (suspended,) = csv.DictReader(io.StringIO(b"".join(suspensions.streaming_content).decode()))
    assert suspended["Action"] == "Account suspended" and '"reason": "Spam, again"' in suspended["Details"]
    assert suspended["After"] == '{"ends_at": null, "hide_content": true}'

    workbook = administrator.get(REPORT, {"export": "xlsx", "action": actions.ACCOUNT_SUSPENDED})
    assert workbook.status_code == 200 and workbook["Content-Type"].endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active
    assert [cell.value for cell in sheet[2]][1:4] == [
        "Account suspended",
        "Tomasz",
        int(suspended["User ID"]),
    ]


def test_only_administrators_read_the_log_here_or_in_the_site_history(administrator, moderator, history):
    editor_like = moderator  # moderators and editors have the admin, not the log
    assert editor_like.get(REPORT).status_code in (302, 403)
    assert editor_like.get(REPORT, {"export": "csv"}).status_code in (302, 403)
    assert (
        "Account suspended"
        not in editor_like.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    )

    assert (
        "Account suspended"
        in administrator.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    )
    menu = administrator.get("/admin/").content.decode()
    assert REPORT in menu and REPORT not in editor_like.get("/admin/").content.decode()


def test_the_administrators_role_carries_the_permission_to_read_the_log(roles):
    assert roles["Administrators"].permissions.filter(codename="view_auditlogentry").exists()
    assert (
        not Group.objects.get(name=COMMUNITY_MODERATORS)
        .permissions.filter(codename="view_auditlogentry")
        .exists()
    )
    assert not Group.objects.get(name=PROSUMERS).permissions.filter(codename="view_auditlogentry").exists()
