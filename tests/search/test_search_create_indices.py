"""The search_create_indices command: creates the indices the sender writes, and --recreate starts afresh."""

from io import StringIO

import pytest

from django.core.management import call_command

from search.indices.comments import COMMENTS, CommentDocument
from search.models import SearchedIndex
from search.outbox import INDICES, send_pending

# The database too: a new index's shard count comes from its row count.
pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def run_command(*args: str) -> str:
    out = StringIO()
    call_command("search_create_indices", *args, stdout=out)
    return out.getvalue()


def test_the_command_creates_the_comments_and_ideas_indices_behind_their_aliases(elasticsearch, index_prefix):
    output = run_command()

    for name in ("comments", "ideas"):
        assert f"Created {INDICES[name].index_name()} behind the alias {index_prefix}_{name}" in output
        assert INDICES[name].alias_holders() == [INDICES[name].index_name()]
    assert f"{index_prefix}_comments already exists" in run_command()
    assert "_pages" not in str(elasticsearch.indices.get(index=f"{index_prefix}_*"))


def test_the_sender_writes_into_the_index_the_command_created(elasticsearch, index_prefix, post, lucia):
    from brand_hub.community.comments import post_comment

    run_command()
    post_comment(author=lucia.user, page=post, text="Me encantan las zapatillas")  # records the change
    send_pending(SearchedIndex.COMMENTS)
    elasticsearch.indices.refresh(index=COMMENTS.alias_name())

    assert elasticsearch.count(index=COMMENTS.index_name())["count"] == 1


def test_recreating_the_indices_empties_them(elasticsearch, index_prefix):
    run_command()
    CommentDocument(comment_id=1, text="Hola").save(
        index=COMMENTS.alias_name(), using=elasticsearch, refresh=True
    )

    output = run_command("--recreate")

    assert f"Deleted {COMMENTS.index_name()}" in output
    assert elasticsearch.count(index=COMMENTS.alias_name())["count"] == 0
