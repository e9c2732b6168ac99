"""Every comment reaches the comments index through the outbox, in its own language, and stays current."""

import pytest

from django.db import transaction
from django.test import Client

from brand_hub.community.models import CommunityComment
from search import outbox
from search.indices.comments import COMMENTS
from search.models import PendingIndexUpdate, SearchedIndex
from search.outbox import record_change, send_all_due
from tests.brand_hub.community.calls import say

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

JSON = "application/json"


def indexed(elasticsearch, **term) -> list[dict]:
    elasticsearch.indices.refresh(index=COMMENTS.alias_name())
    query = {"term": term} if term else {"match_all": {}}
    hits = elasticsearch.search(index=COMMENTS.alias_name(), query=query, size=100)["hits"]["hits"]
    return [hit["_source"] for hit in hits]


def test_a_comment_its_reply_and_its_moderation_reach_the_index(
    elasticsearch, index_prefix, post, lucia, marek, moderator
):
    root = say(lucia, post, "¿Las zapatillas sirven para correr por montaña?", kind="question").json()["id"]
    say(marek, post, "Sí, yo las uso cada semana.", parent_id=root)
    marek.put(f"/api/community/comments/{root}/reaction", {"value": "like"}, content_type=JSON)
    assert PendingIndexUpdate.objects.exists()

    assert send_all_due()["comments"] == 2
    assert not PendingIndexUpdate.objects.exists()
    (document,) = indexed(elasticsearch, comment_id=root)
    assert document["text_es"] == "¿Las zapatillas sirven para correr por montaña?"
    assert "text_pl" not in document and document["language"] == "es"
    assert (document["kind"], document["state"], document["like_count"], document["reply_count"]) == (
        "question",
        "published",
        1,
        1,
    )
    assert document["page_id"] == post.pk and document["page_type"] == "blog.BlogPage"
    assert document["author_name"] == "Lucia" and document["thread_id"] == root

    moderator.post(f"/api/community/comments/{root}/moderation", {"action": "resolve"}, content_type=JSON)
    moderator.post(f"/api/community/comments/{root}/moderation", {"action": "remove"}, content_type=JSON)
    send_all_due()
    (document,) = indexed(elasticsearch, comment_id=root)
    assert document["resolved"] is True and document["state"] == "removed"


def test_a_comment_written_in_another_language_is_analysed_in_that_language(
    elasticsearch, index_prefix, post, lucia
):
    comment = say(lucia, post, "Zamówiłem buty, ale przyszły za małe i nie mogę ich wymienić.").json()["id"]
    send_all_due()
    (document,) = indexed(elasticsearch, comment_id=comment)
    assert document["locale"] == post.locale.language_code and document["language"] == "pl"
    assert "text_pl" in document


def test_an_older_update_never_overwrites_a_newer_one(elasticsearch, index_prefix, post, lucia):
    from search.outbox import _send

    comment_id = say(lucia, post, "Primera versión del comentario").json()["id"]
    send_all_due()
    stale = {comment_id: {**indexed(elasticsearch, comment_id=comment_id)[0], "text": "stale"}}
    _send("comments", stale, version=0, targets=[COMMENTS.alias_name()])  # an old copy, late
    assert indexed(elasticsearch, comment_id=comment_id)[0]["text"] == "Primera versión del comentario"


def test_deleting_a_page_removes_its_comments_from_the_index(elasticsearch, index_prefix, post, lucia):
    say(lucia, post, "Un comentario que se irá con su página")
    send_all_due()
    assert len(indexed(elasticsearch, page_id=post.pk)) == 1
    post.delete()
    assert not CommunityComment.objects.exists()
    send_all_due()
    assert indexed(elasticsearch, page_id=post.pk) == []


def test_erasing_an_account_removes_the_person_from_the_index(
    elasticsearch, index_prefix, post, lucia, marek
):
    say(lucia, post, "Un comentario mío")
    send_all_due()
    lucia.delete("/api/community/me/", {"password": "pw-lucia-12345"}, content_type=JSON)
    send_all_due()
    (document,) = indexed(elasticsearch, page_id=post.pk)
    assert document["author_id"] is None and document["author_name"] is None
    assert document["text"] == "Un comentario mío"
    assert Client().get("/api/community/comments/", {"page_id": post.pk}).json()["count"] == 1


def test_every_kind_of_change_records_an_outbox_row(post, lucia, marek, moderator):
    """Each write path of the discussion API leaves a row for the search sender, in its transaction."""
    root = say(lucia, post, "Raíz").json()["id"]

    def rows_after(call) -> int:
        PendingIndexUpdate.objects.all().delete()
        call()
        return PendingIndexUpdate.objects.filter(index="comments", object_id=root).count()

    url = f"/api/community/comments/{root}"
    assert rows_after(lambda: say(marek, post, "Respuesta", parent_id=root)) == 1  # the parent's reply count
    assert rows_after(lambda: marek.put(f"{url}/reaction", {"value": "like"}, content_type=JSON)) == 1
    assert rows_after(lambda: marek.put(f"{url}/reaction", {"value": "dislike"}, content_type=JSON)) == 1
    assert rows_after(lambda: marek.delete(f"{url}/reaction")) == 1
    assert rows_after(lambda: lucia.patch(url, {"text": "Raíz editada"}, content_type=JSON)) == 1
    assert rows_after(lambda: moderator.post(f"{url}/moderation", {"action": "pin"}, content_type=JSON)) == 1
    assert rows_after(lambda: lucia.delete(url)) == 1


def test_a_rolled_back_change_does_not_keep_the_next_transaction_from_nudging_the_sender(
    django_capture_on_commit_callbacks, settings
):
    settings.SEARCH_SEND_AFTER_COMMIT = True
    with pytest.raises(RuntimeError), transaction.atomic():
        record_change(SearchedIndex.COMMENTS, [1])
        raise RuntimeError("rolled back")
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        record_change(SearchedIndex.COMMENTS, [2])
        record_change(SearchedIndex.COMMENTS, [3])
        record_change(SearchedIndex.IDEAS, [4])
    (nudge,) = callbacks  # one per transaction, naming the indices it changed
    assert nudge.indices == {"comments", "ideas"}


class SenderStopped(Exception):
    """The sender's process ending after its bulk request reached Elasticsearch (SIGTERM, a crash)."""


def test_a_sender_stopped_after_elasticsearch_took_its_batch_leaves_no_older_copy(
    elasticsearch, index_prefix, post, lucia, marek, monkeypatch
):
    comment = say(lucia, post, "¿Llegan las zapatillas antes del viernes?").json()["id"]
    send_all_due()
    marek.put(f"/api/community/comments/{comment}/reaction", {"value": "like"}, content_type=JSON)

    real_send = outbox._send

    def send_then_stop(*args, **kwargs):
        real_send(*args, **kwargs)
        raise SenderStopped

    monkeypatch.setattr(outbox, "_send", send_then_stop)
    with pytest.raises(SenderStopped):
        send_all_due()  # the like reached the index; the sender's transaction (its version) rolled back
    monkeypatch.setattr(outbox, "_send", real_send)
    (document,) = indexed(elasticsearch, comment_id=comment)
    assert (document["like_count"], document["dislike_count"]) == (1, 0)

    marek.put(f"/api/community/comments/{comment}/reaction", {"value": "dislike"}, content_type=JSON)
    send_all_due()
    assert not PendingIndexUpdate.objects.exists()
    (document,) = indexed(elasticsearch, comment_id=comment)
    assert (document["like_count"], document["dislike_count"]) == (0, 1)
