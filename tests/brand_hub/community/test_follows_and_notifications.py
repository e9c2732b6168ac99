"""Prosumers follow ideas and hear of replies, status changes and official responses, in-app and by e-mail."""

import pytest

from django.core import mail

from brand_hub.community.models import CommunityComment, Follow
from brand_hub.ideas.services import change_idea_status, merge_idea
from brand_hub.users.roles import EDITORS
from tests.conftest import person

from .calls import say

pytestmark = pytest.mark.django_db

JSON = "application/json"


def follow(client, page):
    return client.post("/api/community/follows/", {"page_id": page.pk}, content_type=JSON)


def notifications(client, **params):
    return client.get("/api/community/notifications/", params).json()["items"]


def test_a_reply_reaches_the_author_and_the_followers(
    post, lucia, marek, moderator, django_capture_on_commit_callbacks
):
    assert follow(moderator, post).status_code == 201
    assert follow(moderator, post).status_code == 409
    with django_capture_on_commit_callbacks(execute=True):
        root = say(lucia, post, "¿Hay tallas grandes?", kind="question").json()["id"]
        say(marek, post, "Sí, hasta la 48.", parent_id=root)

    assert [n["kind"] for n in notifications(lucia)] == ["reply"]
    assert (
        notifications(lucia)[0]["message"] == f"Marek ha respondido a tu comentario en “{post.title}”."
        or "Marek" in notifications(lucia)[0]["message"]
    )
    assert [n["kind"] for n in notifications(moderator)] == ["comment", "comment"]
    assert notifications(marek) == []
    assert {message.to[0] for message in mail.outbox} == {"lucia@example.com", "tomasz@example.com"}

    marked = moderator.post("/api/community/notifications/read", {}, content_type=JSON)
    assert marked.json() == {"marked": 2}
    assert notifications(moderator, unread=True) == []


def test_a_notification_links_to_the_comment_it_is_about_on_the_frontend(
    post, lucia, marek, settings, django_capture_on_commit_callbacks
):
    settings.FRONTEND_URL = "https://senda.example"
    with django_capture_on_commit_callbacks(execute=True):
        root = say(lucia, post, "¿Hay tallas grandes?").json()["id"]
        reply = say(marek, post, "Sí, hasta la 48.", parent_id=root).json()["id"]

    (notification,) = notifications(lucia)
    assert notification["url"] == f"https://senda.example{post.get_url()}#comment-{reply}"
    assert post.get_url().startswith("/es/")


def test_a_prosumer_asks_whether_they_follow_a_page(destination, post, lucia):
    follow(lucia, post)
    following = lucia.get("/api/community/follows/", {"page_id": post.pk}).json()
    assert [item["page_id"] for item in following["items"]] == [post.pk]
    assert lucia.get("/api/community/follows/", {"page_id": destination["idea"].pk}).json()["count"] == 0


def test_followers_and_the_author_hear_of_a_status_change_and_an_official_response(
    destination, lucia, marek, django_user_model, django_capture_on_commit_callbacks
):
    editor = person(django_user_model, "irene", EDITORS)
    idea = destination["idea"]
    idea.proposed_by = marek.user
    idea.save_revision().publish()
    follow(lucia, idea)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        change_idea_status(idea=idea, by=editor.user, status="in_progress")
    assert [n["kind"] for n in notifications(lucia)] == ["status_change"]
    assert [n["kind"] for n in notifications(marek)] == ["status_change"]
    assert notifications(editor) == []
    assert len(mail.outbox) == 2

    change_idea_status(idea=idea, by=editor.user, status="in_progress", official_response="<p>Gracias</p>")
    assert notifications(lucia)[0]["kind"] == "official_response"


def test_a_merged_idea_brings_its_discussion_and_followers_along(
    destination, lucia, marek, django_user_model
):
    from brand_hub.ideas.models import IdeaPage
    from tests.factories.pages import publish

    target = destination["idea"]
    duplicate = publish(
        destination["challenge"],
        IdeaPage(
            title="Suela de caucho reciclado", slug="suela-2", description="<p>Igual</p>", status="submitted"
        ),
    )
    say(lucia, duplicate, "Buena idea")
    follow(lucia, duplicate)
    follow(marek, duplicate)
    follow(marek, target)

    merge_idea(source=duplicate, target=target, by=person(django_user_model, "irene", EDITORS).user)
    assert list(CommunityComment.objects.values_list("page_id", flat=True)) == [target.pk]
    assert sorted(Follow.objects.filter(page=target).values_list("user__username", flat=True)) == [
        "lucia",
        "marek",
    ]
    assert not Follow.objects.filter(page=duplicate).exists()


@pytest.fixture
def queued_tasks(settings):
    """Tasks wait in the database as in production, for `run_the_worker` to run them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def waiting_tasks() -> list[str]:
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(status="READY", task_path__startswith="brand_hub.community.")
    return list(waiting.values_list("task_path", flat=True))


def run_the_worker() -> dict[tuple[str, str], int]:
    """What `manage.py db_worker` does with the queue; the community's tasks then, by path and status."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    from django.db.models import Count

    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
    ).run()
    counted = (
        DBTaskResult.objects.filter(task_path__startswith="brand_hub.community.")
        .values_list("task_path", "status")
        .annotate(n=Count("pk"))
    )
    return {(path, status): n for path, status, n in counted}


TELL = "brand_hub.community.notifications.tell_about_new_comment"


def test_a_comment_that_nobody_would_hear_of_queues_no_task(post, lucia, marek, moderator, queued_tasks):
    root = say(lucia, post, "¿Hay tallas grandes?", kind="question").json()["id"]
    say(lucia, post, "Y en azul, también.", parent_id=root)
    assert waiting_tasks() == []

    say(marek, post, "Sí, hasta la 48.", parent_id=root)
    assert waiting_tasks() == [TELL]

    follow(moderator, post)
    say(lucia, post, "Gracias.", parent_id=root)
    assert waiting_tasks() == [TELL, TELL]
    say(moderator, post, "Os leemos.")
    assert len(waiting_tasks()) == 2  # the only follower wrote it
    say(marek, post, "¿Y en verde?")
    assert len(waiting_tasks()) == 3  # a new thread by anyone else


# Committed for real: db_worker runs tasks outside any transaction, and closes a connection left in one.
@pytest.mark.django_db(transaction=True)
def test_the_worker_stores_each_notification_once_and_mails_it_in_the_same_task(
    post, lucia, marek, moderator, queued_tasks
):
    for client, locale in ((lucia, "es"), (moderator, "pl")):
        client.user.preferred_locale = locale
        client.user.save(update_fields=["preferred_locale"])
    follow(moderator, post)
    root = say(lucia, post, "¿Hay tallas grandes?", kind="question").json()["id"]
    say(marek, post, "Sí, hasta la 48.", parent_id=root)
    assert mail.outbox == [] and notifications(lucia) == []

    assert run_the_worker() == {(TELL, "SUCCESSFUL"): 2}  # no task of its own for the e-mails
    assert [n["kind"] for n in notifications(lucia)] == ["reply"]
    assert [n["kind"] for n in notifications(moderator)] == ["comment", "comment"]
    assert notifications(marek) == []
    assert sorted((message.to[0], message.subject) for message in mail.outbox) == [
        ("lucia@example.com", "Novedades de la comunidad"),
        ("tomasz@example.com", "Wieści ze społeczności"),
        ("tomasz@example.com", "Wieści ze społeczności"),
    ]
    assert notifications(moderator)[0]["message"] == f"Marek skomentował(a) „{post.title}”."
    assert run_the_worker() == {(TELL, "SUCCESSFUL"): 2}  # nothing is left to send twice
    assert len(mail.outbox) == 3
