"""The e-mail digest: daily or weekly, in each person's language, outcomes first, once per period, and a
one-click unsubscribe that needs no session."""

import threading
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from brand_hub.community import digests
from brand_hub.community.models import (
    CommunityComment,
    DigestSent,
    DigestSubscription,
    Notification,
)
from brand_hub.community.moderation import moderate
from brand_hub.ideas.services import change_idea_status
from brand_hub.users.roles import EDITORS, PROSUMERS
from tests.conftest import person

from .calls import say

JSON = "application/json"


def subscribe(client, frequency="daily"):
    answer = client.put(
        "/api/community/me/notification-preferences", {"digest_frequency": frequency}, content_type=JSON
    )
    assert answer.status_code == 200


def follow(client, page):
    assert client.post("/api/community/follows/", {"page_id": page.pk}, content_type=JSON).status_code == 201


def speaks(client, language):
    client.user.preferred_locale = language
    client.user.save(update_fields=["preferred_locale"])
    return client


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def html_of(message) -> str:
    (html, mimetype), *_others = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.mark.django_db
def test_a_digest_tells_each_subscriber_with_news_their_outcomes_first_in_their_language(
    destination, post, lucia, marek, moderator, roles, django_user_model, django_capture_on_commit_callbacks
):
    editor = person(django_user_model, "irene", EDITORS)
    ola = speaks(person(django_user_model, "ola", PROSUMERS), "pl")
    quiet = person(django_user_model, "quiet", PROSUMERS)
    speaks(marek, "en")
    idea = destination["idea"]
    idea.proposed_by = lucia.user
    idea.save_revision().publish()
    for prosumer in (lucia, marek, ola, quiet):
        subscribe(prosumer)
    follow(marek, idea)
    follow(ola, post)

    with django_capture_on_commit_callbacks(execute=True):
        complaint = say(lucia, post, "Las costuras se abren al mes.", kind="complaint").json()["id"]
        say(marek, idea, "Would love this in recycled rubber.")
        say(moderator, post, "Lo sentimos, te cambiamos el par.", parent_id=complaint)
        moderate(comment=CommunityComment.objects.get(pk=complaint), by=moderator.user, action="resolve")
        change_idea_status(idea=idea, by=editor.user, status="in_progress")
    mail.outbox.clear()

    run = digests.send_digests(frequency="daily")

    assert run.sent == 3
    assert {message.to[0] for message in mail.outbox} == {
        "lucia@example.com",
        "marek@example.com",
        "ola@example.com",
    }

    (to_lucia,) = mails_to("lucia@example.com")
    assert to_lucia.subject == "Tu día en Brand Hub"
    body = to_lucia.body
    # Both discussions have an outcome; in each, the outcome comes before the reply.
    assert f"La idea «{idea.title}» está ahora: En curso." in body
    assert "Tu queja «Las costuras se abren al mes.» se ha resuelto." in body
    assert body.index("se ha resuelto") < body.index("ha respondido a tu comentario")
    assert f"== {idea.title} ==" in body and f"== {post.title} ==" in body
    assert "<strong>Tu queja «Las costuras se abren al mes.» se ha resuelto.</strong>" in html_of(to_lucia)

    (to_marek,) = mails_to("marek@example.com")
    assert to_marek.subject == "Your day in Brand Hub"
    # Marek's own comment is no news to him; the status of the idea he follows is.
    assert f"The idea “{idea.title}” is now: In progress." in to_marek.body
    assert "Hello Marek," in to_marek.body

    (to_ola,) = mails_to("ola@example.com")
    assert to_ola.subject.startswith("Twój dzień")
    assert "Cześć, Ola!" in to_ola.body
    assert to_ola.from_email == "Brand Hub <community@localhost>"

    # Nothing new since: a second run in the same period, or the next day, sends nothing.
    mail.outbox.clear()
    assert digests.send_digests(frequency="daily").sent == 0
    assert digests.send_digests(frequency="daily", now=timezone.now() + timezone.timedelta(days=1)).sent == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_digest_carries_the_one_click_unsubscribe_headers_and_its_link_works_without_a_session(
    destination, lucia, marek, settings, client, django_capture_on_commit_callbacks
):
    settings.DIGEST_UNSUBSCRIBE_MAILTO = "unsubscribe@brand.example"
    subscribe(lucia, "weekly")
    with django_capture_on_commit_callbacks(execute=True):
        root = say(lucia, destination["idea"], "¿Y en talla 46?").json()["id"]
        say(marek, destination["idea"], "Sí", parent_id=root)
    mail.outbox.clear()
    assert digests.send_digests(frequency="weekly").sent == 1

    (digest,) = mail.outbox
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https_link, mailto_link = digest.extra_headers["List-Unsubscribe"].split(", ")
    assert https_link.startswith("<http://testserver/api/community/unsubscribe?token=")
    assert mailto_link.startswith("<mailto:unsubscribe@brand.example?subject=unsubscribe")
    url = https_link.strip("<>")
    token = parse_qs(urlsplit(url).query)["token"][0]

    # Reading the link changes nothing; the mail program's POST unsubscribes, with no session or CSRF token.
    assert client.get(url).json() == {"list": "digest", "digest_frequency": "weekly"}
    answer = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200
    assert answer.json() == {"list": "digest", "digest_frequency": "off"}
    assert DigestSubscription.objects.get(user=lucia.user).frequency == "off"
    assert (
        client.post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        ).status_code
        == 200
    )

    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    for bad in (forged, "nonsense", digests.unsubscribe_token(lucia.user.pk).replace(":", ".", 1)):
        refused = client.post(
            "/api/community/unsubscribe?token=" + bad,
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert refused.status_code == 400
        assert refused.json()["errors"] == [{"field": "token", "message": refused.json()["detail"]}]
    assert client.get("/api/community/unsubscribe?token=nonsense").status_code == 400

    # Turned off, no more digests.
    with django_capture_on_commit_callbacks(execute=True):
        say(marek, destination["idea"], "Y en 47 también", parent_id=root)
    mail.outbox.clear()
    assert digests.send_digests(frequency="weekly", now=timezone.now() + timezone.timedelta(days=7)).sent == 0


def subscribers_with_news(django_user_model, page, count: int) -> list[int]:
    """`count` daily subscribers, each with one reply waiting, written in bulk."""
    people = django_user_model.objects.bulk_create(
        django_user_model(username=f"reader{n}", email=f"reader{n}@example.com") for n in range(count)
    )
    subscribed = timezone.now() - timezone.timedelta(hours=1)
    DigestSubscription.objects.bulk_create(
        DigestSubscription(user=reader, frequency="daily", subscribed_at=subscribed) for reader in people
    )
    Notification.objects.bulk_create(
        Notification(recipient=reader, kind="reply", page=page, message="Ana replied to your comment.")
        for reader in people
    )
    return [reader.pk for reader in people]


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_person_one_digest(tree_root, django_user_model):
    people = subscribers_with_news(django_user_model, tree_root, 300)
    start = threading.Barrier(2)
    runs, failures = [], []

    def worker():
        try:
            start.wait(timeout=10)
            runs.append(digests.send_digests(frequency="daily"))
        except Exception as error:  # noqa: BLE001 (reported by the test)
            failures.append(error)
        finally:
            connection.close()  # each thread has its own connection to the database

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert sorted(Counter(message.to[0] for message in mail.outbox).values()) == [1] * len(people)
    assert sum(run.sent for run in runs) == len(people)
    assert DigestSent.objects.filter(sent_at__isnull=False).count() == len(people)


class WorkerKilled(BaseException):
    """What the mail server's answer never reaches: the worker is gone (a SIGKILL, a lost machine)."""


class DyingMailServer(EmailBackend):
    """Takes `LIVES` messages, then the worker dies while sending the next one."""

    LIVES = 0

    def send_messages(self, messages):
        if len(mail.outbox) >= self.LIVES:
            raise WorkerKilled
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_run_killed_half_way_is_finished_by_a_later_run_once_its_claims_lapse(
    tree_root, django_user_model, settings
):
    people = subscribers_with_news(django_user_model, tree_root, 40)
    settings.EMAIL_BACKEND = f"{__name__}.DyingMailServer"
    DyingMailServer.LIVES = 15
    with pytest.raises(WorkerKilled):
        digests.send_digests(frequency="daily")
    assert len(mail.outbox) == 15
    assert DigestSent.objects.filter(sent_at__isnull=False).count() == 15
    assert DigestSent.objects.filter(sent_at__isnull=True).count() == 25  # claimed, never sent

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Another worker while the dead one's claims still hold: it leaves them alone.
    assert digests.send_digests(frequency="daily").sent == 0
    # Once the lease is over, the next run sends the rest, and no one twice.
    later = timezone.now() + timezone.timedelta(seconds=settings.DIGEST_CLAIM_LEASE_SECONDS + 1)
    if digests.period_start("daily", later) != digests.period_start("daily"):
        later = timezone.now()
        settings.DIGEST_CLAIM_LEASE_SECONDS = 0
    assert digests.send_digests(frequency="daily", now=later).sent == 25
    assert sorted(Counter(message.to[0] for message in mail.outbox).values()) == [1] * len(people)


@pytest.mark.django_db
def test_the_command_sends_the_digests_and_a_rerun_sends_none(tree_root, django_user_model, capsys):
    people = subscribers_with_news(django_user_model, tree_root, 5)
    call_command("send_digests", "--frequency", "daily", "--shard", "1/2")
    odd = sum(1 for pk in people if pk % 2 == 1)
    assert f"{odd} sent" in capsys.readouterr().out
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        f"reader{n}@example.com" for n, pk in enumerate(people) if pk % 2 == 1
    )
    call_command("send_digests", "--frequency", "daily")
    assert f"{5 - odd} sent" in capsys.readouterr().out
    call_command("send_digests", "--frequency", "daily")
    assert "0 sent" in capsys.readouterr().out
    assert len(mail.outbox) == 5
    # Shards share the work: together they find nothing left either.
    call_command("send_digests", "--frequency", "daily", "--shard", "0/2")
    call_command("send_digests", "--frequency", "daily", "--shard", "1/2")
    assert capsys.readouterr().out.count("0 sent") == 2
    # Both frequencies in one call, one run each (as the topology's digests process runs them).
    call_command("send_digests", "--frequency", "daily", "weekly")
    output = capsys.readouterr().out
    assert output.startswith("Daily digests") and "\nWeekly digests" in output and len(mail.outbox) == 5
    # On the queue (run at once by the tests' immediate backend), the same run: nothing left to send.
    call_command("send_digests", "--frequency", "daily", "--queue")
    assert "queued" in capsys.readouterr().out
    assert digests.send_digests_task.enqueue("daily").return_value == 0
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_administrators_list_the_digests_sent_and_nobody_edits_them(tree_root, django_user_model, client):
    subscribers_with_news(django_user_model, tree_root, 2)
    digests.send_digests(frequency="daily")
    sent = DigestSent.objects.select_related("user").first()
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw-root-12345")
    client.force_login(admin)

    listing = client.get("/admin/community/digests/")
    assert listing.status_code == 200
    assert sent.user.username in listing.content.decode()
    assert client.get(f"/admin/community/digests/inspect/{sent.pk}/").status_code == 200
    for refused in ("/admin/community/digests/new/", f"/admin/community/digests/delete/{sent.pk}/"):
        answer = client.post(refused, {"frequency": "weekly"})
        assert answer.status_code == 302 and answer["Location"] == "/admin/"
    assert DigestSent.objects.get(pk=sent.pk).frequency == "daily"
    assert DigestSent.objects.count() == 2
