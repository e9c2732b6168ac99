"""search_reindex rebuilds into a new index and switches the alias; search_check reports the drift."""

import threading
from io import StringIO

import pytest

from django.core.management import CommandError, call_command
from django.db import connection

from brand_hub.community.models import CommunityComment
from brand_hub.ideas import services
from brand_hub.ideas.models import IdeaPage
from search.indices.comments import COMMENTS
from search.indices.ideas import IDEAS
from search.outbox import send_all_due
from search.rebuild import rebuild
from tests.brand_hub.community.calls import say

from .searching import found

pytestmark = pytest.mark.elasticsearch


def command(name: str, *args: str) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def indexed_ids(elasticsearch) -> set[int]:
    elasticsearch.indices.refresh(index=COMMENTS.alias_name())
    hits = elasticsearch.search(index=COMMENTS.alias_name(), size=1000, source=False)["hits"]["hits"]
    return {int(hit["_id"]) for hit in hits}


@pytest.mark.django_db
def test_the_rebuild_fills_a_new_index_and_moves_the_alias(elasticsearch, index_prefix, post, lucia, marek):
    for n in range(5):
        say(lucia if n % 2 else marek, post, f"Comentario número {n}")
    send_all_due()
    before = COMMENTS.alias_holders()

    output = command("search_reindex", "--index", "comments", "--no-progress")
    assert "comments: 5 documents" in output and "alias switched" in output
    after = COMMENTS.alias_holders()
    assert len(after) == 1 and after != before
    assert not elasticsearch.indices.exists(index=before[0])  # the old version is gone
    assert indexed_ids(elasticsearch) == set(CommunityComment.objects.values_list("pk", flat=True))
    assert "drift +0" in command("search_check")


@pytest.mark.django_db
def test_a_rebuilt_document_is_the_one_the_outbox_sent(
    elasticsearch, index_prefix, destination, lucia, marek
):
    post = destination["posts"][0]
    root = say(lucia, post, "¿Las zapatillas sirven para correr por montaña?", kind="question").json()["id"]
    first = say(marek, post, "Sí, yo las uso cada semana.", parent_id=root).json()["id"]
    say(lucia, post, "Zamówiłem je w zeszłym tygodniu i nie są za małe.", parent_id=root)
    say(lucia, post, "¿En qué talla?", parent_id=first)
    idea = services.submit_idea(
        author=lucia.user,
        parent=destination["board"],
        title="Cordones de algodón orgánico",
        description="Los cordones se rompen enseguida.",
        topics=["materiales", "cordones"],
    )
    idea.save_revision().publish()
    say(marek, IdeaPage.objects.get(pk=idea.pk), "Me gusta la idea.")
    send_all_due()

    def sources(index) -> dict[str, dict]:
        elasticsearch.indices.refresh(index=index.alias_name())
        hits = elasticsearch.search(index=index.alias_name(), size=100)["hits"]["hits"]
        return {hit["_id"]: hit["_source"] for hit in hits}

    sent = {"comments": sources(COMMENTS), "ideas": sources(IDEAS)}
    assert sent["comments"][str(root)]["reply_count"] == 2  # replies to replies are not its own
    assert sent["ideas"][str(idea.pk)]["comment_count"] == 1
    assert sorted(sent["ideas"][str(idea.pk)]["topics"]) == ["cordones", "materiales"]
    rebuild("comments", batch_size=2)  # several batches, replies and parents apart
    rebuild("ideas", batch_size=2)
    assert {"comments": sources(COMMENTS), "ideas": sources(IDEAS)} == sent


@pytest.mark.django_db
def test_search_check_reports_what_has_not_reached_the_index(elasticsearch, index_prefix, post, lucia):
    say(lucia, post, "Uno")
    send_all_due()
    say(lucia, post, "Dos")  # recorded, not yet sent
    output = command("search_check")
    assert "comments: database 2, index 1, waiting 1, drift +1" in output
    send_all_due()
    assert "drift +0" in command("search_check")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_writes_during_a_rebuild_are_not_lost(
    elasticsearch, index_prefix, destination, lucia, marek, settings
):
    settings.COMMUNITY_RATE_LIMITS = {}
    post = destination["posts"][0]
    for n in range(300):
        say(lucia, post, f"Antes del rebuild {n}")
    send_all_due()
    edited = CommunityComment.objects.order_by("pk").first()

    written, stop = [], threading.Event()

    def keep_writing():
        try:
            while not stop.is_set():
                written.append(say(marek, post, f"Durante el rebuild {len(written)}").json()["id"])
                marek.put(
                    f"/api/community/comments/{edited.pk}/reaction",
                    {"value": "like" if len(written) % 2 else "dislike"},
                    content_type="application/json",
                )
                send_all_due()
        finally:
            connection.close()

    writer = threading.Thread(target=keep_writing)
    progress_seen = []

    def progress(done, total):
        progress_seen.append(done)
        if len(progress_seen) == 1:
            writer.start()

    rebuild("comments", batch_size=50, progress=progress)
    stop.set()
    writer.join()
    send_all_due()

    assert len(written) > 0
    assert indexed_ids(elasticsearch) == set(CommunityComment.objects.values_list("pk", flat=True))
    stored = CommunityComment.objects.get(pk=edited.pk)
    source = elasticsearch.get(index=COMMENTS.alias_name(), id=str(edited.pk))["_source"]
    assert (source["like_count"], source["dislike_count"]) == (stored.like_count, stored.dislike_count)


@pytest.mark.django_db
def test_search_check_reports_documents_of_an_older_analysis_until_the_reindex(
    elasticsearch, index_prefix, post, lucia
):
    say(lucia, post, "Mi envío llegó tarde")
    send_all_due()
    (comment_id,) = CommunityComment.objects.values_list("pk", flat=True)
    # As the code before the analysis version wrote it: no version and no folded words.
    elasticsearch.index(
        index=COMMENTS.alias_name(),
        id=str(comment_id),
        document={"comment_id": comment_id, "text": "Mi envío llegó tarde", "state": "published"},
        refresh=True,
    )

    assert "1 indexed with an older analysis" in command("search_check")
    with pytest.raises(CommandError, match="older analysis in comments"):
        command("search_check", "--fail-on-drift")

    command("search_reindex", "--index", "comments", "--no-progress")
    assert "older analysis" not in command("search_check", "--fail-on-drift")


@pytest.mark.django_db
def test_searches_answer_from_the_old_index_during_a_reindex_and_from_the_new_analysis_after_it(
    client, elasticsearch, index_prefix, post, lucia
):
    for n in range(5):
        say(lucia, post, f"Pregunta {n} sobre tallas")
    say(lucia, post, "Mi envío llegó tarde")
    send_all_due()
    comment_id = CommunityComment.objects.get(comment__contains="envío").pk
    # As the code before the analysis version wrote it: no version, folded words or stems, so
    # "llegaron" (another form of "llegó") misses it.
    document = elasticsearch.get(index=COMMENTS.alias_name(), id=str(comment_id))["_source"]
    older = {
        field: value
        for field, value in document.items()
        if field != "analysis_version" and not field.startswith(("text_folded", "text_stems"))
    }
    elasticsearch.index(index=COMMENTS.alias_name(), id=str(comment_id), document=older, refresh=True)
    answers_during = []

    def search_meanwhile(done, total):
        answers_during.append(
            (
                found(client, "/comments", q="envío")["count"],
                found(client, "/comments", q="llegaron")["count"],
            )
        )

    rebuild("comments", batch_size=2, progress=search_meanwhile)
    elasticsearch.indices.refresh(index=COMMENTS.alias_name())

    assert len(answers_during) >= 3
    assert set(answers_during) == {(1, 0)}  # the old index, whole, until the alias moves
    assert found(client, "/comments", q="llegaron")["count"] == 1
