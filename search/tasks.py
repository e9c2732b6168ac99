"""The search sender as a django-tasks task: enqueued after each committed change."""

from django_tasks import task

from .outbox import send_all_due


@task()
def send_pending_updates(indices: list[str] | None = None) -> dict[str, int]:
    """Send what is due in these indices (every index without them, as enqueued before they were named)."""
    return send_all_due(indices=indices)
