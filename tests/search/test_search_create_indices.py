"""The search_create_indices command: creates what is missing, and --recreate starts afresh."""

from io import StringIO

import pytest

from django.core.management import call_command

from search.indices import pages
from search.indices.pages import PageDocument

pytestmark = pytest.mark.elasticsearch


def run_command(*args: str) -> str:
    out = StringIO()
    call_command("search_create_indices", *args, stdout=out)
    return out.getvalue()


def test_the_command_creates_the_missing_pages_index_behind_its_alias(elasticsearch, index_prefix):
    output = run_command()

    assert f"Created {index_prefix}_pages_v1 behind the alias {index_prefix}_pages" in output
    assert pages.alias_holders() == [f"{index_prefix}_pages_v1"]
    assert "already exists" in run_command()


def test_recreating_the_indices_empties_the_pages_index(elasticsearch, index_prefix):
    run_command()
    PageDocument(page_id=1, locale="en", title="Hello").save(
        index=pages.alias_name(), using=elasticsearch, refresh=True
    )

    output = run_command("--recreate")

    assert f"Deleted {index_prefix}_pages_v1" in output
    assert elasticsearch.count(index=pages.alias_name())["count"] == 0
