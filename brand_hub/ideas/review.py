"""The review of prosumers' ideas: a Wagtail workflow whose one task is the Editors' to approve."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from wagtail.models import GroupApprovalTask, Workflow, WorkflowState, WorkflowTask

from .models import IdeaPage

#: Names the set-up finds them by (Wagtail's workflows and tasks have no other stable handle).
IDEA_REVIEW = "Idea review"
REVIEW_TASK = "Editors review the idea"


def idea_review_workflow() -> Workflow | None:
    """The workflow every idea goes through, wherever in the tree it is posted."""
    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return None
    return Workflow.objects.filter(name=IDEA_REVIEW, active=True).order_by("pk").first()


def ensure_idea_review(*, reviewers: Group) -> Workflow:
    """Create or restore the idea review with its task assigned to `reviewers`; safe to run again.

    Groups an administrator added to the task keep it. Ideas still waiting in another workflow
    (Wagtail's default "Moderators approval", whose group nobody is in) move to this one, keeping who
    asked, so they reach the reviewers' dashboards too.
    """
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).order_by("pk").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    elif not task.active:
        GroupApprovalTask.objects.filter(pk=task.pk).update(active=True)
    task.groups.add(reviewers)
    workflow = Workflow.objects.filter(name=IDEA_REVIEW).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=IDEA_REVIEW)
    elif not workflow.active:
        Workflow.objects.filter(pk=workflow.pk).update(active=True)
        workflow.active = True
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    _move_waiting_ideas(workflow)
    return workflow


def _move_waiting_ideas(workflow: Workflow) -> None:
    waiting = (
        WorkflowState.objects.filter(
            content_type=ContentType.objects.get_for_model(IdeaPage),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .exclude(workflow=workflow)
        .select_related("requested_by")
    )
    for state in waiting:
        idea = IdeaPage.objects.filter(pk=state.object_id).first()
        state.cancel(user=None)
        if idea is not None:
            workflow.start(idea, state.requested_by)
