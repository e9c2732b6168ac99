"""The TypeScript client generated from the OpenAPI documents compiles with `tsc --strict` and types
every response a frontend renders: `npm run api:check` in frontend/ counts the untyped places."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from django.conf import settings

FRONTEND = Path(settings.BASE_DIR) / "frontend"
DOCUMENTS = Path(settings.BASE_DIR) / "brand_hub" / "openapi"

# One worker runs npm in frontend/ for the whole module, under `pytest -n` too: two `npm ci` at once
# in one folder would trip over each other.
pytestmark = pytest.mark.xdist_group("frontend_npm")


def npm(*args: str, cwd: Path = FRONTEND) -> subprocess.CompletedProcess:
    npm_command = shutil.which("npm")
    assert npm_command, "npm is not on PATH: the contract check needs Node 20 and npm"
    return subprocess.run([npm_command, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def node_modules() -> Path:
    """frontend/node_modules, installed from the committed lock file when missing."""
    if not (FRONTEND / "node_modules" / "typescript").exists():
        installed = npm("ci", "--no-audit", "--no-fund")
        assert installed.returncode == 0, installed.stdout + installed.stderr
    return FRONTEND / "node_modules"


def test_the_typescript_client_compiles_strictly_and_leaves_no_response_untyped(node_modules):
    checked = npm("run", "--silent", "api:check")

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "untyped places in responses: 0" in checked.stdout


def test_an_untyped_response_or_a_stale_client_fails_the_check(node_modules, tmp_path):
    """The check run on a copy whose v3 document leaves a home page field untyped."""
    frontend = tmp_path / "frontend"
    shutil.copytree(
        FRONTEND,
        frontend,
        ignore=shutil.ignore_patterns("node_modules", ".next", "test-results", "playwright-report"),
    )
    (frontend / "node_modules").symlink_to(node_modules)
    shutil.copytree(DOCUMENTS, tmp_path / "brand_hub" / "openapi")
    v3 = tmp_path / "brand_hub" / "openapi" / "v3.json"
    document = json.loads(v3.read_text())
    document["components"]["schemas"]["HomePageSchema"]["properties"]["hero_text"] = {}
    v3.write_text(json.dumps(document))

    stale = npm("run", "--silent", "api:check", cwd=frontend)
    assert stale.returncode != 0
    assert "out of date: src/api/v3.ts" in stale.stderr

    assert npm("run", "--silent", "api:generate", cwd=frontend).returncode == 0
    untyped = npm("run", "--silent", "api:check", cwd=frontend)
    assert untyped.returncode != 0
    assert "untyped: v3 " in untyped.stdout and ".hero_text: unknown" in untyped.stdout
    assert "untyped places in responses: 1 (allowed: 0)" in untyped.stdout
