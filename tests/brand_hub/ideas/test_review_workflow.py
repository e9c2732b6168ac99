"""A submitted idea reaches the editors: on their dashboard, by e-mail, and they approve it there."""

from django.core import mail
from django.urls import reverse

from wagtail.models import GroupApprovalTask, Workflow, WorkflowState

from brand_hub.ideas.models import IdeaPage
from brand_hub.ideas.review import IDEA_REVIEW, REVIEW_TASK
from brand_hub.users.roles import COMMUNITY_MODERATORS, EDITORS, ensure_roles

from .helpers import make_person, signed_in

IDEA = {"title": "Cordones de botellas recicladas", "description": "Hechos con botellas.", "topics": []}


def submit(client, parent) -> IdeaPage:
    response = client.post("/api/community/ideas/", {"parent": parent.pk, **IDEA}, "application/json")
    assert response.status_code == 201, response.content
    return IdeaPage.objects.get(pk=response.json()["id"])


def awaiting_review(client) -> str:
    """The "Awaiting your review" panel of the person's admin dashboard, or "" when there is none."""
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    start = page.find('id="awaiting-review-section"')
    return page[start : page.find("</section>", start)] if start >= 0 else ""


def test_a_submitted_idea_waits_on_the_editors_dashboard_and_they_hear_of_it_by_e_mail(
    prosumer_client, editor, editor_client, ideas, django_user_model, roles
):
    moderator = make_person(django_user_model, roles, "Tomasz", COMMUNITY_MODERATORS)
    mail.outbox.clear()

    idea = submit(prosumer_client, ideas["board"])

    state = idea.current_workflow_state
    assert state.workflow.name == IDEA_REVIEW
    assert list(state.current_task_state.task.specific.groups.all()) == [roles[EDITORS]]
    assert IDEA["title"] in awaiting_review(editor_client)
    assert IDEA["title"] not in awaiting_review(signed_in(moderator))
    to_editor = [message for message in mail.outbox if message.to == [editor.email]]
    assert len(to_editor) == 1 and IDEA["title"] in to_editor[0].subject + to_editor[0].body
    assert f"http://testserver/admin/pages/{idea.pk}/" in to_editor[0].body  # where to review it
    assert not [message for message in mail.outbox if message.to == [moderator.email]]


def test_an_editor_approves_the_idea_from_the_admin_and_it_is_published(
    prosumer_client, editor_client, ideas
):
    idea = submit(prosumer_client, ideas["board"])
    task_state = idea.current_workflow_state.current_task_state

    response = editor_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[idea.pk, "approve", task_state.pk]),
        {"comment": "Buena idea"},
    )

    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.live
    assert idea.current_workflow_state is None
    assert IDEA["title"] not in awaiting_review(editor_client)


def test_the_idea_review_is_kept_by_every_run_of_the_roles_set_up(roles, db):
    Workflow.objects.filter(name=IDEA_REVIEW).update(active=False)

    ensure_roles()
    ensure_roles()

    workflow = Workflow.objects.get(name=IDEA_REVIEW)
    task = GroupApprovalTask.objects.get(name=REVIEW_TASK)
    assert workflow.active and task.active
    assert [workflow_task.task_id for workflow_task in workflow.workflow_tasks.all()] == [task.pk]
    assert list(task.groups.values_list("name", flat=True)) == [EDITORS]


def test_ideas_left_waiting_in_the_default_moderation_move_to_the_editors(
    prosumer, prosumer_client, editor_client, ideas
):
    idea = submit(prosumer_client, ideas["board"])
    idea.current_workflow_state.cancel(user=None)
    Workflow.objects.get(name="Moderators approval").start(idea, prosumer)  # as before the idea review
    assert IDEA["title"] not in awaiting_review(editor_client)

    ensure_roles()

    states = WorkflowState.objects.for_instance(idea)
    assert states.get(status=WorkflowState.STATUS_IN_PROGRESS).workflow.name == IDEA_REVIEW
    assert states.get(workflow__name="Moderators approval").status == WorkflowState.STATUS_CANCELLED
    assert idea.current_workflow_state.requested_by == prosumer
    assert IDEA["title"] in awaiting_review(editor_client)
