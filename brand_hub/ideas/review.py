"""The review of prosumers' ideas: a Wagtail workflow whose one task is the Editors' to approve, and the
e-mails telling an idea's author the outcome."""

from allauth.account.adapter import get_adapter as get_account_adapter

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from wagtail.admin.mail import WorkflowStateApprovalEmailNotifier, WorkflowStateRejectionEmailNotifier
from wagtail.models import GroupApprovalTask, Workflow, WorkflowState, WorkflowTask
from wagtail.signals import workflow_approved, workflow_rejected

from brand_hub.headless.public_urls import public_page_url

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


def opens_the_admin(user) -> bool:
    return user.has_perm("wagtailadmin.access_admin")


def tell_the_author(workflow_state: WorkflowState, outcome: str, *, by=None) -> None:
    """The brand's e-mail to the prosumer whose idea was approved or rejected: in their language,
    naming the brand, with a link to the idea on the frontend (users.adapters sends the accounts'
    e-mails the same way). Authors who open the admin get Wagtail's e-mail instead."""
    idea = workflow_state.content_object
    idea = getattr(idea, "specific", idea)
    author = workflow_state.requested_by
    if (
        not isinstance(idea, IdeaPage)
        or author is None
        or author == by
        or not (author.is_active and author.email)
        or opens_the_admin(author)
    ):
        return
    comment = ""
    if outcome == "rejected":
        comment = workflow_state.current_task_state.specific.get_comment()
    context = {"user": author, "idea": idea, "idea_url": public_page_url(idea), "comment": comment}
    get_account_adapter().send_mail(f"ideas/email/idea_{outcome}", author.email, context)


class BrandOutcomeEmails:
    """Wagtail's e-mail on a review's outcome, which goes to whoever asked for the review and links to
    the admin, left to those who can open the admin; an idea's author who cannot hears from the brand."""

    def get_recipient_users(self, workflow_state: WorkflowState, **kwargs):
        users = super().get_recipient_users(workflow_state, **kwargs)
        return {user for user in users if opens_the_admin(user)}

    def __call__(self, instance=None, **kwargs):
        sent = super().__call__(instance, **kwargs)
        if self.can_handle(instance):
            tell_the_author(instance, self.notification, by=kwargs.get("user"))
        return sent


class ApprovalEmails(BrandOutcomeEmails, WorkflowStateApprovalEmailNotifier):
    pass


class RejectionEmails(BrandOutcomeEmails, WorkflowStateRejectionEmailNotifier):
    pass


#: Wagtail's signal, the dispatch_uid it connects its notifier with (wagtail/admin/signal_handlers.py),
#: and the notifier that takes its place.
OUTCOME_EMAILS = [
    (workflow_approved, "workflow_state_approved_email_notification", ApprovalEmails()),
    (workflow_rejected, "workflow_state_rejected_email_notification", RejectionEmails()),
]


def replace_outcome_emails() -> None:
    """Put the project's notifiers in place of Wagtail's, under Wagtail's dispatch_uid: whichever of
    this and wagtail.admin's ready() runs first, one notifier per outcome stays connected, ours."""
    for signal, dispatch_uid, notifier in OUTCOME_EMAILS:
        signal.disconnect(sender=WorkflowState, dispatch_uid=dispatch_uid)
        signal.connect(notifier, sender=WorkflowState, dispatch_uid=dispatch_uid)
