"""`make run`'s Elasticsearch step (site/elasticsearch/connect.sh) and the development index prefix.

The shared node is only looked at: a node is started, and stopped, only on a free port of its own.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONNECT = ROOT / "site" / "elasticsearch" / "connect.sh"


def free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


def connect(*, then: str = "", **environment) -> tuple[dict[str, str], str]:
    """Run connect_elasticsearch as run.sh does (then `then`); its variables and what it said."""
    env = {key: value for key, value in os.environ.items() if key not in ("ELASTICSEARCH_URL", "ES_PORT")}
    env.update(environment)
    script = (
        f"set -euo pipefail; source {CONNECT}; connect_elasticsearch; "
        'echo "URL=$ELASTICSEARCH_URL"; echo "AVAILABLE=$ELASTICSEARCH_AVAILABLE"; '
        'echo "STARTED=$STARTED_ELASTICSEARCH"; ' + then
    )
    done = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, text=True, timeout=300, check=True
    )
    values = dict(line.split("=", 1) for line in done.stdout.splitlines() if line.split("=")[0].isupper())
    return values, done.stdout + done.stderr


@pytest.mark.elasticsearch
def test_make_run_uses_the_node_already_answering_and_starts_none(elasticsearch, settings):
    port = str(urlsplit(settings.ELASTICSEARCH_URL).port)
    values, said = connect(ES_PORT=port)
    assert values == {"URL": f"http://127.0.0.1:{port}", "AVAILABLE": "1", "STARTED": ""}
    assert "using the node already answering" in said


@pytest.mark.elasticsearch
def test_make_run_starts_a_node_when_none_answers_and_stops_only_that_one(elasticsearch, settings):
    port = free_port()
    values, said = connect(
        ES_PORT=port,
        then='curl -fsS "$ELASTICSEARCH_URL/_cluster/health" >/dev/null && echo ANSWERED=yes; '
        "disconnect_elasticsearch",
    )
    assert values == {"URL": f"http://127.0.0.1:{port}", "AVAILABLE": "1", "STARTED": port, "ANSWERED": "yes"}
    assert "Stopping the Elasticsearch this run started" in said
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", int(port)), timeout=5):
        pass  # stopped
    elasticsearch.cluster.health()  # the shared node still answers


def test_make_run_says_why_elasticsearch_could_not_start_and_runs_without_it():
    port = free_port()
    values, said = connect(ES_PORT=port, ES_JAVA_HOME="/nonexistent-jdk")
    assert values == {"URL": f"http://127.0.0.1:{port}", "AVAILABLE": "", "STARTED": ""}
    assert "could not be started, so the site runs without search" in said
    assert "ES_JAVA_HOME=/nonexistent-jdk is not a full JDK 21+" in said  # the runner's reason
    assert "make es-start" in said


def test_make_run_keeps_an_explicit_url_even_when_nothing_answers_there():
    url = f"http://127.0.0.1:{free_port()}"
    values, said = connect(ELASTICSEARCH_URL=url)
    assert values == {"URL": url, "AVAILABLE": "", "STARTED": ""}
    assert f"nothing answers at ELASTICSEARCH_URL={url}" in said


@pytest.mark.elasticsearch
def test_make_run_uses_a_cluster_whose_first_listed_node_is_down(elasticsearch, settings):
    cluster = f"http://127.0.0.1:{free_port()},{settings.ELASTICSEARCH_URL}"
    values, said = connect(ELASTICSEARCH_URL=cluster)
    assert values == {"URL": cluster, "AVAILABLE": "1", "STARTED": ""}
    assert f"using ELASTICSEARCH_URL={cluster}" in said


def development_prefix(**environment) -> str:
    """ELASTICSEARCH_INDEX_PREFIX as `make run` (manage.py's dev settings) sees it."""
    env = {key: value for key, value in os.environ.items() if key != "ELASTICSEARCH_INDEX_PREFIX"}
    env.update(environment)
    code = "from django.conf import settings; print(settings.ELASTICSEARCH_INDEX_PREFIX)"
    shell = [sys.executable, "manage.py", "shell", "--no-imports", "--settings=brand_hub.settings.dev"]
    done = subprocess.run(
        [*shell, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_each_checkout_has_its_own_development_index_prefix_unless_one_is_set(tmp_path):
    from brand_hub.settings.dev import checkout_index_prefix

    here = development_prefix(BRAND_HUB_VAR_DIR=str(tmp_path))
    assert here == checkout_index_prefix(ROOT) == checkout_index_prefix(ROOT)  # the same every run
    assert here.startswith("brand_hub_dev_") and here != checkout_index_prefix(tmp_path / "another-checkout")
    chosen = development_prefix(BRAND_HUB_VAR_DIR=str(tmp_path), ELASTICSEARCH_INDEX_PREFIX="brand_hub_x")
    assert chosen == "brand_hub_x"
