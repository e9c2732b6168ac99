"""The periodic commands (digests, webhook sweeps, audit purge, trust updates) run once from cron, or
loop with --every as a process of their own that a failed run does not end."""

import pytest

from django.core.management import CommandError, call_command
from django.db import OperationalError

from brand_hub.core import periodic


class FailsFirst(periodic.PeriodicCommand):
    """Its first run meets a database that went away; the others succeed."""

    def __init__(self):
        super().__init__()
        self.runs = 0

    def run_once(self, **options):
        self.runs += 1
        if self.runs == 1:
            raise OperationalError("server closed the connection unexpectedly")
        self.stdout.write(f"run {self.runs}")


@pytest.fixture
def sleeps(monkeypatch):
    """time.sleep, recorded; the third one is the operator stopping the process."""
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        if len(slept) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(periodic.time, "sleep", sleep)
    return slept


def test_in_the_loop_a_failed_run_is_logged_and_the_next_one_is_tried(sleeps, caplog):
    command = FailsFirst()
    with pytest.raises(KeyboardInterrupt):
        call_command(command, every=60)
    assert command.runs == 3
    assert sleeps == [60, 60, 60]
    assert "failed; the next run in 60 s" in caplog.text
    assert "server closed the connection" in caplog.text


def test_run_once_a_failure_is_the_commands_failure(sleeps):
    with pytest.raises(OperationalError):
        call_command(FailsFirst())
    assert sleeps == []


def test_a_negative_interval_is_refused():
    with pytest.raises(CommandError, match="--every"):
        call_command(FailsFirst(), every=-1)


@pytest.mark.django_db(transaction=True)  # the process lets go of its connection between runs
def test_every_periodic_command_of_the_topology_takes_every(sleeps):
    """The commands site/topology.sh runs with --every, each through one real run."""
    for name, options in (
        ("update_trust", {}),
        ("purge_audit_log", {}),
        ("deliver_webhooks", {"grace": 30}),
        ("send_digests", {"frequency": ["daily", "weekly"]}),
    ):
        sleeps.clear()
        with pytest.raises(KeyboardInterrupt):
            call_command(name, every=5, **options)
        assert sleeps == [5, 5, 5], name
