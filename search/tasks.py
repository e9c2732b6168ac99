"""The search sender as a django-tasks task: enqueued after each committed change."""

from django_tasks import task

from .outbox import send_all_due


@task()
def send_pending_updates() -> dict[str, int]:
    return send_all_due()
