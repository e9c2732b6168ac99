"""The benchmarks' corpus writer copies rows straight into the tables (COPY, column by column): a new
column without a database default breaks every benchmark built on it. Written small here, on the
test database, so that a model change that needs the corpus to follow fails in the test command."""

import sys
from pathlib import Path

import pytest

from django.db import connection

from brand_hub.community.models import CommunityComment
from brand_hub.ideas.models import IdeaPage

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from search_corpus import generate  # noqa: E402

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the corpus is written by COPY"),
    pytest.mark.django_db,
]


def test_the_search_corpus_writes_comments_and_ideas_the_models_read(destination, lucia):
    ideas_before = IdeaPage.objects.count()
    made = generate(comments=40, ideas=4, progress=lambda line: None)
    assert (made["comments"], made["ideas"]) == (40, 4)
    assert CommunityComment.objects.count() == 40
    assert IdeaPage.objects.count() == ideas_before + 4
    for comment in CommunityComment.objects.all():  # every column the model has is readable and valid
        comment.full_clean(exclude=["content_type", "site", "user", "page", "object_pk"])
