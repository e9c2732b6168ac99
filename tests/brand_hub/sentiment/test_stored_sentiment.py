"""Every comment and idea is stored with its sentiment when it is written, and rescored on demand."""

from datetime import timedelta
from io import StringIO

import pytest

from django.core.management import call_command
from django.utils import timezone

from brand_hub.community.models import CommunityComment
from brand_hub.ideas.models import IdeaPage
from brand_hub.sentiment.labels import Sentiment
from search.models import PendingIndexUpdate, SearchedIndex

from .calls import posted, proposed

pytestmark = pytest.mark.django_db

JSON = "application/json"


def test_posting_a_comment_stores_its_sentiment(lucia, post):
    comment = posted(lucia, post, "Me encanta, funciona genial")

    assert comment.sentiment == Sentiment.POSITIVE
    assert 0 < comment.sentiment_score <= 1


def test_a_comment_is_scored_in_the_language_it_is_written_in_not_its_page(lucia, post):
    assert post.locale.language_code == "es"
    comment = posted(lucia, post, "Nie polecam, bardzo słaba jakość, buty są do niczego")

    assert comment.sentiment == Sentiment.NEGATIVE


def test_editing_the_text_of_a_comment_scores_it_again(lucia, post):
    comment = posted(lucia, post, "Me encanta, funciona genial")

    response = lucia.patch(
        f"/api/community/comments/{comment.pk}", {"text": "No me gusta nada, llegó roto"}, JSON
    )

    assert response.status_code == 200, response.content
    comment.refresh_from_db()
    assert comment.sentiment == Sentiment.NEGATIVE and comment.sentiment_score < 0


def test_submitting_an_idea_stores_its_sentiment(lucia, destination):
    idea = IdeaPage.objects.get(pk=proposed(lucia, destination["board"]))

    assert idea.sentiment == Sentiment.NEGATIVE and idea.sentiment_score < 0


def test_publishing_an_edited_idea_scores_the_new_text(destination):
    idea = IdeaPage.objects.live().first()
    idea.title = "Una idea genial"
    idea.description = "<p>Me encanta, sería perfecto y muy útil.</p>"
    idea.save_revision().publish()

    idea.refresh_from_db()
    assert idea.sentiment == Sentiment.POSITIVE


def test_rescoring_fills_missing_sentiment_and_tells_the_search_outbox(lucia, post):
    comment = posted(lucia, post, "No me gusta nada, llegó roto")
    CommunityComment.objects.filter(pk=comment.pk).update(sentiment="", sentiment_score=None)
    IdeaPage.objects.update(sentiment="", sentiment_score=None)
    PendingIndexUpdate.objects.all().delete()
    output = StringIO()

    call_command("sentiment_rescore", "--only-missing", "--batch-size", "1", stdout=output)

    comment.refresh_from_db()
    assert comment.sentiment == Sentiment.NEGATIVE
    assert not IdeaPage.objects.filter(sentiment="").exists()
    pending = set(PendingIndexUpdate.objects.values_list("index", "object_id"))
    assert (SearchedIndex.COMMENTS, comment.pk) in pending
    assert {(SearchedIndex.IDEAS, pk) for pk in IdeaPage.objects.values_list("pk", flat=True)} <= pending
    assert "comments: 1 read, 1 changed" in output.getvalue()


def test_rescoring_again_changes_nothing_and_sends_nothing(lucia, post):
    posted(lucia, post, "Me encanta, funciona genial")
    PendingIndexUpdate.objects.all().delete()
    output = StringIO()

    call_command("sentiment_rescore", stdout=output)

    assert "comments: 1 read, 0 changed" in output.getvalue()
    assert not PendingIndexUpdate.objects.exists()


def test_a_batch_size_below_one_is_refused(db):
    with pytest.raises(Exception, match="batch-size"):
        call_command("sentiment_rescore", "--batch-size", "0")


def test_an_old_comment_outside_the_edit_window_keeps_its_sentiment(lucia, post):
    comment = posted(lucia, post, "Me encanta, funciona genial")
    CommunityComment.objects.filter(pk=comment.pk).update(submit_date=timezone.now() - timedelta(days=1))

    response = lucia.patch(f"/api/community/comments/{comment.pk}", {"text": "Horrible"}, JSON)

    assert response.status_code == 409
    comment.refresh_from_db()
    assert comment.sentiment == Sentiment.POSITIVE
