"""The event log: one row per change, written in the change's transaction, read by live streams and
webhooks."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from .catalogue import Audience, EventKind


class Event(models.Model):
    """Something that happened, as the outside world may hear of it.

    The id only grows (a sequence): it is the SSE id a browser resumes from. The payload carries
    ids, statuses, a locale and a short text, never an e-mail address; the person is the `actor`
    foreign key, so an erased account leaves its events without a name.
    """

    #: A snippet for the admin's read-only list, but no content: Wagtail would queue a reference-index
    #: task for every row (one per community write) to record links nobody looks up.
    wagtail_reference_index_ignore = True

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(_("kind"), max_length=40, choices=EventKind.choices)
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page = models.ForeignKey(Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.PUBLIC
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    payload = models.JSONField(_("payload"), default=dict)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["page", "id"], name="events_page_id"),
            models.Index(fields=["recipient", "id"], name="events_recipient_id"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
