"""The audit log keeps its entries AUDIT_RETENTION_DAYS; `purge_audit_log` deletes older ones, and only
its own: Wagtail's page and snippet history stays."""

from datetime import timedelta

import pytest

from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail.models import ModelLogEntry

from brand_hub.audit import actions
from brand_hub.audit.models import AuditLogEntry
from brand_hub.audit.services import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def aged_entries(lucia):
    """One audit entry per age in days, and one of Wagtail's own entries three years old."""
    AuditLogEntry.objects.all().delete()  # Lucía's roles, given when her account was made
    now = timezone.now()
    made = {}
    for days in (0, 29, 31, 400):
        entry = record(action=actions.TRUST_CHANGED, instance=lucia.user, before=0, after=days)
        AuditLogEntry.objects.filter(pk=entry.pk).update(timestamp=now - timedelta(days=days))
        made[days] = entry.pk
    wagtails = ModelLogEntry.objects.log_action(
        lucia.user, "wagtail.edit", timestamp=now - timedelta(days=1100)
    )
    return {"audit": made, "wagtail": wagtails.pk}


def test_the_purge_deletes_the_entries_older_than_the_retention_and_nothing_else(
    aged_entries, settings, capsys
):
    settings.AUDIT_RETENTION_DAYS = 30

    call_command("purge_audit_log")

    kept = set(AuditLogEntry.objects.values_list("pk", flat=True))
    assert kept == {aged_entries["audit"][0], aged_entries["audit"][29]}
    assert ModelLogEntry.objects.filter(pk=aged_entries["wagtail"]).exists()
    assert "Deleted 2 audit log entries older than 30 days." in capsys.readouterr().out


def test_a_retention_of_zero_days_keeps_everything_and_days_can_be_given_once(aged_entries, settings, capsys):
    settings.AUDIT_RETENTION_DAYS = 0
    call_command("purge_audit_log")
    assert AuditLogEntry.objects.count() == 4
    assert "kept forever" in capsys.readouterr().out

    call_command("purge_audit_log", days=365)
    assert AuditLogEntry.objects.count() == 3

    with pytest.raises(CommandError):
        call_command("purge_audit_log", days=-1)


def test_a_long_log_is_purged_in_batches(lucia, settings, monkeypatch):
    from brand_hub.audit import services

    monkeypatch.setattr(services, "PURGE_BATCH", 3)
    settings.AUDIT_RETENTION_DAYS = 1
    AuditLogEntry.objects.all().delete()
    for after in range(7):
        record(action=actions.TRUST_CHANGED, instance=lucia.user, before=0, after=after)
    AuditLogEntry.objects.update(timestamp=timezone.now() - timedelta(days=2))

    assert services.purge_expired_entries() == 7
    assert not AuditLogEntry.objects.exists()


@pytest.mark.django_db(transaction=True)  # the process lets go of its connection between runs
def test_as_a_process_it_purges_again_after_each_wait(aged_entries, lucia, settings, monkeypatch):
    from types import SimpleNamespace

    from brand_hub.core import periodic

    settings.AUDIT_RETENTION_DAYS = 30
    waits = []

    def wait(seconds):
        waits.append(seconds)
        if len(waits) == 2:
            raise KeyboardInterrupt  # the process is stopped
        entry = record(action=actions.TRUST_CHANGED, instance=lucia.user, before=0, after=99)
        AuditLogEntry.objects.filter(pk=entry.pk).update(timestamp=timezone.now() - timedelta(days=90))

    monkeypatch.setattr(periodic, "time", SimpleNamespace(sleep=wait))
    with pytest.raises(KeyboardInterrupt):
        call_command("purge_audit_log", every=86400)

    assert waits == [86400, 86400]
    assert set(AuditLogEntry.objects.values_list("pk", flat=True)) == {
        aged_entries["audit"][0],
        aged_entries["audit"][29],
    }
