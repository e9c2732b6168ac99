"""Prosumers propose ideas; editors approve or reject them in Wagtail's workflow."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import WorkflowState

from brand_hub.ideas.models import IdeaPage, IdeaStatus

from .helpers import approve, signed_in

IDEA = {
    "title": "Cordones de botellas recicladas",
    "description": "Cordones hechos con botellas.\n\nSe venden aparte.",
    "topics": ["Sostenibilidad", " reciclaje ", "sostenibilidad"],
}


def submit(client, parent, **changes):
    return client.post("/api/community/ideas/", {"parent": parent.pk, **IDEA, **changes}, "application/json")


def test_a_prosumer_submits_an_idea_to_the_board_as_a_draft_in_moderation(prosumer_client, prosumer, ideas):
    response = submit(prosumer_client, ideas["board"])

    assert response.status_code == 201
    body = response.json()
    assert body["moderation"]["state"] == "in_moderation"
    assert body["url"] is None and body["status"] == IdeaStatus.SUBMITTED
    assert body["parent"] == {"id": ideas["board"].pk, "title": ideas["board"].title}
    assert [topic["name"] for topic in body["topics"]] == ["reciclaje", "sostenibilidad"]
    idea = IdeaPage.objects.get(pk=body["id"])
    assert not idea.live
    assert idea.owner == prosumer and idea.proposed_by == prosumer
    assert idea.locale == ideas["board"].locale
    assert idea.get_parent().pk == ideas["board"].pk
    assert idea.description == "<p>Cordones hechos con botellas.</p><p>Se venden aparte.</p>"
    state = idea.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == prosumer


def test_a_prosumer_submits_an_idea_to_a_challenge_collecting_ideas(prosumer_client, ideas):
    response = submit(prosumer_client, ideas["challenge"], description="<script>alert(1)</script>")

    assert response.status_code == 201
    idea = IdeaPage.objects.get(pk=response.json()["id"])
    assert idea.get_parent().pk == ideas["challenge"].pk
    assert idea.description == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_a_challenge_that_stopped_collecting_refuses_ideas_with_409_naming_the_field(prosumer_client, ideas):
    challenge = ideas["challenge"]
    challenge.collecting_ends_at = timezone.now() - timedelta(hours=1)
    challenge.save_revision().publish()

    response = submit(prosumer_client, challenge)

    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "parent"
    assert not IdeaPage.objects.filter(title=IDEA["title"]).exists()


def test_a_board_closed_to_ideas_refuses_them(prosumer_client, ideas):
    board = ideas["board"]
    board.accepts_ideas = False
    board.save_revision().publish()

    assert submit(prosumer_client, board).status_code == 409


def test_bad_input_is_a_400_naming_the_field_and_nothing_is_stored(prosumer_client, ideas):
    before = IdeaPage.objects.count()

    short = submit(prosumer_client, ideas["board"], title="  ab ")
    blank = submit(prosumer_client, ideas["board"], description="   \n ")
    too_many = submit(prosumer_client, ideas["board"], topics=["a", "b", "c", "d", "e", "f"])
    not_a_board = submit(prosumer_client, ideas["index"])

    assert [response.status_code for response in (short, blank, too_many, not_a_board)] == [400] * 4
    assert short.json()["errors"][0]["field"] == "title"
    assert blank.json()["errors"][0]["field"] == "description"
    assert too_many.json()["errors"][0]["field"] == "topics"
    assert not_a_board.json()["errors"][0]["field"] == "parent"
    assert IdeaPage.objects.count() == before


def test_submitting_needs_a_signed_in_person(client, ideas):
    assert submit(client, ideas["board"]).status_code == 401


def test_two_ideas_with_the_same_title_get_their_own_addresses(prosumer_client, ideas):
    first = submit(prosumer_client, ideas["board"]).json()["id"]
    second = submit(prosumer_client, ideas["board"]).json()["id"]

    assert IdeaPage.objects.get(pk=first).slug != IdeaPage.objects.get(pk=second).slug


def test_the_author_sees_a_rejection_and_its_reason_among_my_ideas(prosumer_client, editor, ideas, settings):
    settings.FRONTEND_URL = "https://senda.example"
    rejected_id = submit(prosumer_client, ideas["board"]).json()["id"]
    approved_id = submit(prosumer_client, ideas["board"], title="Suelas de goma").json()["id"]
    task_state = IdeaPage.objects.get(pk=rejected_id).current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "reject", comment="Ya existe una idea igual.")
    approve(IdeaPage.objects.get(pk=approved_id), editor)

    mine = prosumer_client.get("/api/community/ideas/mine/").json()

    by_id = {item["id"]: item for item in mine["items"]}
    assert mine["count"] == 2
    assert by_id[rejected_id]["moderation"]["state"] == "rejected"
    assert by_id[rejected_id]["moderation"]["reason"] == "Ya existe una idea igual."
    assert by_id[rejected_id]["url"] is None
    assert by_id[approved_id]["moderation"]["state"] == "published"
    assert by_id[approved_id]["url"] == "https://senda.example/es/ideas/buzon/suelas-de-goma/"


def test_my_ideas_show_only_my_own(prosumer_client, other_prosumer, ideas):
    submit(prosumer_client, ideas["board"])

    assert signed_in(other_prosumer).get("/api/community/ideas/mine/").json()["count"] == 0
    assert prosumer_client.get("/api/community/ideas/mine/").json()["count"] == 1


def test_submissions_are_rate_limited_with_retry_after(prosumer_client, ideas, settings):
    settings.COMMUNITY_RATE_LIMITS = {"idea": {"user": "2/h"}}

    answers = [submit(prosumer_client, ideas["board"], title=f"Idea número {n}") for n in range(3)]

    assert [answer.status_code for answer in answers] == [201, 201, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert IdeaPage.objects.filter(title__startswith="Idea número").count() == 2
