"""The committed OpenAPI documents are the ones the API serves: an API change shows in review."""

import json

import pytest

from django.core.management import CommandError, call_command

from brand_hub.headless.management.commands import openapi_documents


def test_the_committed_openapi_documents_match_the_api():
    call_command("openapi_documents", "--check")


def test_a_change_to_the_api_without_its_documents_fails_the_check(tmp_path, monkeypatch):
    for name in ("project.json", "v3.json", "accounts.json"):
        (tmp_path / name).write_text((openapi_documents.FOLDER / name).read_text())
    project = json.loads((tmp_path / "project.json").read_text())
    project["paths"].pop(next(iter(project["paths"])))
    (tmp_path / "project.json").write_text(json.dumps(project))
    monkeypatch.setattr(openapi_documents, "FOLDER", tmp_path)

    with pytest.raises(CommandError, match="project.json"):
        call_command("openapi_documents", "--check")
