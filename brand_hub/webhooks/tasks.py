"""The delivery of one webhook as a django-tasks task, queued after its event commits and for each retry."""

from django_tasks import task

from . import services


@task()
def deliver_webhook(delivery_id: int) -> str | None:
    """Attempt the delivery if it is still owed and due; its status afterwards (None: nothing to do).

    Nothing to do is normal: the sweep or another worker got there first, or the endpoint was made
    inactive meanwhile.
    """
    delivery = services.deliver(delivery_id)
    return None if delivery is None else delivery.status
