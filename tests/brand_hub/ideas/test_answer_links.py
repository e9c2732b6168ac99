"""Closing the loop: moderators link complaints and questions to the idea that answers them, the
comments resolve when the idea is planned, and everyone concerned hears of it once, in their language."""

import pytest

from django.core import mail

from brand_hub.community.models import CommunityComment, Notification
from brand_hub.ideas.models import IdeaAnswerLink, IdeaPage, IdeaVote
from brand_hub.ideas.services import change_idea_status, merge_idea
from brand_hub.users.roles import EDITORS, PROSUMERS
from tests.brand_hub.community.calls import say
from tests.conftest import person

from .helpers import published_idea

pytestmark = pytest.mark.django_db

JSON = "application/json"


def answers(client, idea, comment_ids, method="post"):
    return getattr(client, method)(
        f"/api/community/ideas/{idea.pk}/answers", {"comment_ids": comment_ids}, content_type=JSON
    )


def moderate(client, comment_id: int, action: str) -> None:
    done = client.post(
        f"/api/community/comments/{comment_id}/moderation", {"action": action}, content_type=JSON
    )
    assert done.status_code == 200, done.json()


@pytest.fixture
def editor(roles, django_user_model):
    return person(django_user_model, "irene", EDITORS)


@pytest.fixture
def idea(ideas, editor) -> IdeaPage:
    """The challenge's idea, back under review: the brand has not committed to it yet."""
    change_idea_status(idea=ideas["idea"], by=editor.user, status="under_review")
    return IdeaPage.objects.get(pk=ideas["idea"].pk)


@pytest.fixture
def post(ideas):
    """Another page with a discussion: the challenge."""
    return ideas["challenge"]


@pytest.fixture
def complaints(post, idea, lucia, marek) -> list[int]:
    """A complaint on the challenge and a question on the idea itself, by two people."""
    return [
        say(lucia, post, "Las suelas se despegan a los dos meses.", kind="complaint").json()["id"],
        say(marek, idea, "¿Vais a usar caucho reciclado?", kind="question").json()["id"],
    ]


def test_a_moderator_links_complaints_and_questions_on_any_page_to_an_idea(
    idea, complaints, moderator, lucia
):
    linked = answers(moderator, idea, complaints)

    assert linked.status_code == 200, linked.json()
    assert linked.json()["answer_count"] == 2
    assert sorted(linked.json()["comment_ids"]) == sorted(complaints)
    assert answers(moderator, idea, complaints[:1]).status_code == 200  # linking again changes nothing
    assert IdeaAnswerLink.objects.filter(idea=idea, linked_by=moderator.user).count() == 2
    listed = lucia.get("/api/community/ideas/", {"challenge": idea.get_parent().pk}).json()["items"]
    assert [(item["id"], item["answer_count"]) for item in listed] == [(idea.pk, 2)]
    # Not planned yet: nothing is resolved and nobody is told.
    assert not CommunityComment.objects.filter(pk__in=complaints, resolved_at__isnull=False).exists()
    assert not Notification.objects.filter(kind="answered_by_idea").exists()


def test_what_cannot_be_linked_is_refused_naming_the_field_and_nothing_is_stored(
    idea, complaints, post, lucia, moderator, ideas, editor, client
):
    assert answers(client, idea, complaints).status_code == 401
    forbidden = answers(lucia, idea, complaints)  # only moderators link and unlink
    assert forbidden.status_code == 403
    assert forbidden.json()["errors"][0]["field"] == "request"
    assert answers(lucia, idea, complaints, method="delete").status_code == 403
    praise = say(lucia, post, "Me encantan.", kind="praise").json()["id"]
    held = say(lucia, post, "Otra queja.", kind="complaint").json()["id"]
    moderate(moderator, held, "remove")

    for comment_ids, status, words in (
        ([complaints[0], praise], 400, "no es una queja ni una pregunta"),
        ([complaints[0], held], 400, "no está publicado"),
        ([complaints[0], 999999], 400, "con el id 999999"),
        ([], 400, ""),
        (["x"], 400, ""),
    ):
        refused = answers(moderator, idea, comment_ids)
        assert refused.status_code == status, (comment_ids, refused.json())
        assert refused.json()["errors"][0]["field"].startswith("comment_ids")
        assert words in refused.json()["errors"][0]["message"]  # the moderator's language
    assert not IdeaAnswerLink.objects.exists()

    other = published_idea(parent=ideas["board"], author=lucia.user, editor=editor.user)
    assert answers(moderator, other, complaints[:1]).status_code == 200
    conflict = answers(moderator, idea, complaints)
    assert conflict.status_code == 409
    assert conflict.json()["errors"] == [
        {
            "field": "comment_ids",
            "message": conflict.json()["detail"],
        }
    ]
    assert list(IdeaAnswerLink.objects.values_list("idea_id", "comment_id")) == [(other.pk, complaints[0])]
    assert answers(moderator, idea, complaints[:1], method="delete").status_code == 400
    gone = moderator.post(
        "/api/community/ideas/999999/answers", {"comment_ids": complaints}, content_type=JSON
    )
    assert gone.status_code == 404


def test_the_complaints_resolve_when_the_idea_is_planned_and_reopen_when_it_falls_back_or_is_unlinked(
    idea, complaints, moderator, editor, post, lucia
):
    resolved_by_hand = say(lucia, post, "Y el cordón.", kind="complaint").json()["id"]
    moderate(moderator, resolved_by_hand, "resolve")
    answers(moderator, idea, [*complaints, resolved_by_hand])

    change_idea_status(idea=idea, by=editor.user, status="planned")
    comments = CommunityComment.objects.in_bulk([*complaints, resolved_by_hand])
    assert all(comments[pk].resolved_at and comments[pk].resolved_by_idea for pk in complaints)
    assert comments[complaints[0]].resolved_by_id == editor.user.pk
    assert not comments[resolved_by_hand].resolved_by_idea  # a moderator's resolution stays theirs

    unlinked = answers(moderator, idea, complaints[:1], method="delete")
    assert sorted(unlinked.json()["comment_ids"]) == sorted([complaints[1], resolved_by_hand])
    assert CommunityComment.objects.get(pk=complaints[0]).resolved_at is None

    change_idea_status(idea=idea, by=editor.user, status="declined")
    assert CommunityComment.objects.get(pk=complaints[1]).resolved_at is None
    assert CommunityComment.objects.get(pk=resolved_by_hand).resolved_at is not None


def test_linking_to_an_idea_already_implemented_resolves_at_once_and_tells_the_authors(
    idea, complaints, moderator, editor, lucia, marek
):
    change_idea_status(idea=idea, by=editor.user, status="implemented")
    answers(moderator, idea, complaints)

    assert not CommunityComment.objects.filter(pk__in=complaints, resolved_at__isnull=True).exists()
    told = Notification.objects.filter(kind="answered_by_idea").values_list("recipient_id", flat=True)
    assert sorted(told) == sorted([lucia.user.pk, marek.user.pk])


def test_a_merge_moves_what_the_duplicate_answered_to_the_original(
    idea, complaints, moderator, editor, ideas, lucia
):
    duplicate = published_idea(parent=ideas["challenge"], author=lucia.user, editor=editor.user)
    answers(moderator, duplicate, complaints)
    change_idea_status(idea=idea, by=editor.user, status="planned")

    merge_idea(source=duplicate, target=idea, by=editor.user)

    assert set(IdeaAnswerLink.objects.values_list("idea_id", flat=True)) == {idea.pk}
    assert not CommunityComment.objects.filter(pk__in=complaints, resolved_at__isnull=True).exists()


def test_everyone_concerned_hears_once_in_their_language_when_the_idea_is_planned_and_implemented(
    idea, complaints, moderator, editor, lucia, marek, django_user_model, locales,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    # Lucía complained and follows the idea; Marek asked, voted and proposed it; Ola only voted; Jan follows.
    ola = person(django_user_model, "ola", PROSUMERS)
    jan = person(django_user_model, "jan", PROSUMERS)
    for client, language in ((ola, "pl"), (jan, "en"), (lucia, "es"), (marek, "pl")):
        client.user.preferred_locale = language
        client.user.save(update_fields=["preferred_locale"])
    idea.proposed_by = marek.user
    idea.save_revision().publish()
    IdeaVote.objects.bulk_create([IdeaVote(idea=idea, voter=ola.user), IdeaVote(idea=idea, voter=marek.user)])
    for client in (lucia, jan):
        client.post("/api/community/follows/", {"page_id": idea.pk}, content_type=JSON)
    polish = idea.copy_for_translation(locales["pl"], copy_parents=True)
    polish.title = "Podeszwa z recyklingu"
    polish.save_revision().publish()
    answers(moderator, idea, complaints)
    Notification.objects.all().delete()
    mail.outbox.clear()

    for status in ("planned", "implemented"):
        with django_capture_on_commit_callbacks(execute=True):
            change_idea_status(idea=idea, by=editor.user, status=status)
        told = list(Notification.objects.values_list("recipient__username", "kind", "message"))
        assert sorted(told) == sorted(
            {
                "planned": [
                    ("jan", "status_change", f"The idea “{idea.title}” is now: Planned."),
                    ("lucia", "answered_by_idea", ANSWERED_ES.format(idea.title, "Planificada")),
                    ("marek", "answered_by_idea", ANSWERED_PL.format("Podeszwa z recyklingu", "Zaplanowany")),
                    ("ola", "status_change", "Pomysł „Podeszwa z recyklingu” ma teraz status: Zaplanowany."),
                ],
                "implemented": [
                    ("jan", "status_change", f"The idea “{idea.title}” is now: Implemented."),
                    ("lucia", "answered_by_idea", ANSWERED_ES.format(idea.title, "Implementada")),
                    ("marek", "answered_by_idea", ANSWERED_PL.format("Podeszwa z recyklingu", "Wdrożony")),
                    ("ola", "status_change", "Pomysł „Podeszwa z recyklingu” ma teraz status: Wdrożony."),
                ],
            }[status]
        ), status
        assert sorted(message.to[0] for message in mail.outbox) == [
            "jan@example.com", "lucia@example.com", "marek@example.com", "ola@example.com",
        ]  # fmt: skip
        Notification.objects.all().delete()
        mail.outbox.clear()


ANSWERED_ES = "La idea «{}», que responde a lo que escribiste, está ahora: {}."
ANSWERED_PL = "Pomysł „{}”, odpowiadający na Twój wpis, ma teraz status: {}."
