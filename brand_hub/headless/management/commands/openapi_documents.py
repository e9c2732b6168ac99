"""Write the API's OpenAPI documents into brand_hub/openapi/, or check that they are up to date.

The documents are committed, so a change to the API shows in review as a change to them, and
frontends generate their typed clients from them without a running server.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

FOLDER = Path(settings.BASE_DIR) / "brand_hub" / "openapi"


def documents() -> dict[str, dict]:
    """Each document as its docs page serves it, built without a request."""
    from brand_hub.api import api, v3_api
    from brand_hub.users.spec import accounts_schema

    return {
        "project.json": api.get_openapi_schema(path_prefix="/api/"),
        # v3_api(), not Wagtail's object: the project takes operations off it (the snippets).
        "v3.json": v3_api().get_openapi_schema(path_prefix="/api/v3/"),
        "accounts.json": accounts_schema(),
    }


def render(document: dict) -> str:
    return json.dumps(document, cls=DjangoJSONEncoder, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write the OpenAPI documents into brand_hub/openapi/ (--check: fail when one is out of date)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="change nothing; fail on a difference")

    def handle(self, *args, check: bool, **options):
        stale = []
        # The documents' words are written in English whatever the shell's locale says.
        with translation.override("en"):
            rendered = {name: render(document) for name, document in documents().items()}
        for name, document in rendered.items():
            target = FOLDER / name
            if target.exists() and target.read_text() == document:
                continue
            if check:
                stale.append(name)
            else:
                target.write_text(document)
                self.stdout.write(f"wrote {target.relative_to(settings.BASE_DIR)}")
        if stale:
            raise CommandError(
                f"out of date: {', '.join(stale)} in brand_hub/openapi/. The API changed: run "
                "`python manage.py openapi_documents` and commit the documents with the change."
            )
