"""Wagtail's publish signal turned into the ideas' status history."""

from django.dispatch import receiver

from wagtail.signals import page_published

from .models import IdeaPage
from .services import record_status_change


@receiver(page_published, sender=IdeaPage)
def record_review_on_publish(sender, instance: IdeaPage, revision, **kwargs) -> None:
    """A publish from the admin or a service that changes the status or response is recorded.

    `IdeaPage.save` kept the row as it was before this publish; the revision's author is the
    editor who made the change.
    """
    stored = instance.__dict__.pop("_stored_review", None)
    if stored is None or not instance.live:
        return
    record_status_change(
        idea=instance,
        previous_status=stored["status"],
        previous_response=stored["official_response"],
        by=revision.user,
    )
