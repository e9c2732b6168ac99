"""Issue 17's failures survived: the production topology on loopback under load while its parts fail.

Marked `topology`: the main pytest run leaves it out (pyproject's addopts) and the test command runs
it in a step of its own (`pytest -m topology tests/topology`), which starts the topology on ports of
its own (TOPOLOGY_PORT and the others below, each overridable), runs tests/topology/scenario.py
against it and stops it. The checks below read the scenario's report.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.topology

ROOT = Path(__file__).resolve().parents[2]
PORTS = {
    "TOPOLOGY_PORT": "8280",
    "REDIS_PORT": "6480",
    "PG_PORT": "5470",
    "PG_REPLICA_PORT": "5570",
    "ES_PORT": "9270",
    "ES_NODES": "3",
}
# The load's own writes are not what is limited here (they all come from one IP); follows are,
# at the limit the scenario's burst checks.
RATE_LIMITS = {
    **{
        action: {"user": "100000/m", "ip": "100000/m"}
        for action in ("comment", "reaction", "vote", "page_view")
    },
    "follow": {"ip": "20/m"},
}


def topology_env() -> dict[str, str]:
    """The test's own ports and run dir; TOPOLOGY_TEST_<NAME> overrides one (the test command's
    own PG_PORT or ES_PORT, say, must not leak into the topology)."""
    run_dir = os.environ.get("TOPOLOGY_TEST_DIR", str(ROOT / "var" / "topology-test"))
    return {
        **os.environ,
        **{name: os.environ.get(f"TOPOLOGY_TEST_{name}", default) for name, default in PORTS.items()},
        "TOPOLOGY_DIR": run_dir,
        "PG_RUN_DIR": f"{run_dir}/postgres",
        "COMMUNITY_RATE_LIMITS": json.dumps(RATE_LIMITS),
    }


def read_env_file(path: Path) -> dict[str, str]:
    """The topology's env file (NAME=value lines, bash-quoted), as bash itself reads it."""
    output = subprocess.run(
        ["bash", "-c", 'set -a; source "$1"; set +a; env -0', "-", str(path)],
        capture_output=True,
        check=True,
    ).stdout
    return dict(item.split("=", 1) for item in output.decode().split("\0") if "=" in item)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    env = topology_env()
    topology = ["bash", str(ROOT / "site" / "topology.sh")]
    started = subprocess.run([*topology, "start"], cwd=ROOT, env=env, capture_output=True, text=True)
    try:
        if started.returncode != 0:
            pytest.fail(f"site/topology.sh start failed:\n{started.stderr[-3000:]}", pytrace=False)
        print(started.stderr)
        out = tmp_path_factory.mktemp("topology") / "report.json"
        scenario_env = {**env, **read_env_file(Path(env["TOPOLOGY_DIR"]) / "env")}
        subprocess.run(
            [
                sys.executable,
                "tests/topology/scenario.py",
                "--base-url",
                f"http://127.0.0.1:{env['TOPOLOGY_PORT']}",
                "--json",
                str(out),
            ],
            cwd=ROOT,
            env=scenario_env,
            check=True,
            timeout=600,
        )
        yield json.loads(out.read_text())
    finally:
        subprocess.run([*topology, "status"], cwd=ROOT, env=env)
        subprocess.run([*topology, "stop"], cwd=ROOT, env=env, timeout=300)


def test_every_failure_the_scenario_plans_was_carried_out(report):
    assert report["skipped_steps"] == []
    assert [event for event in report["events"] if "FAILED" in event["detail"]] == []


def test_no_request_failed_but_those_in_flight_on_the_killed_node(report):
    assert report["requests"]["total"] > 500
    assert report["failures_not_allowed"] == []
    print(f"{len(report['failures_allowed'])} requests were in flight on the killed node and failed")


def test_searches_kept_answering_while_an_elasticsearch_node_was_down(report):
    down = report["searches_while_es_node_down"]
    assert down["sent"] > 0 and down["answered"] == down["sent"]


def test_every_accepted_comment_is_in_postgresql_and_in_the_index_exactly_once(report):
    assert report["accepted_comments"] > 50
    assert report["comments_missing_in_database"] == []
    assert report["index_unreadable"] == ""
    assert report["comments_not_indexed_once"] == {}
    assert report["index_counts_differ"] == []


def test_every_vote_and_reaction_count_equals_its_rows(report):
    wrong = {check["name"]: check["mismatches"] for check in report["count_checks"] if check["mismatches"]}
    assert wrong == {}
    assert all(check["compared"] > 0 for check in report["count_checks"])


def test_a_rate_limit_of_n_a_minute_allows_n_in_all_across_the_web_nodes(report):
    burst = {key: value for key, value in report["rate_limit"].items() if key != "answers"}
    assert burst["probe_refused"] and burst["seconds"] < 30, burst  # the burst fell in one window
    assert set(burst["statuses"]) <= {"201", "409", "429"}, burst
    # Exactly N, unless the shared cache failed: each follow it let through unchecked said so, and
    # moves the count by one at most (it may or may not have been counted).
    unchecked = len(burst["not_enforced"])
    assert burst["limit"] - unchecked <= burst["allowed"] <= burst["limit"] + unchecked, burst
    assert burst["allowed"] + burst["refused"] == burst["sent"], burst
    assert len(burst["nodes"]) == 2  # the burst reached both web nodes
