"""The audit log: Wagtail log entries of the audit's own actions, in a table of their own.

A log entry model of its own (Wagtail's `BaseLogEntry`, registered in wagtail_hooks.py) rather than
Wagtail's `ModelLogEntry`: the audit writes only its own table, only administrators read it, and the
retention period (`purge_audit_log`) empties it without touching the pages' and snippets' own history.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager

#: Every action the audit records starts with this; Wagtail's own actions start with "wagtail.".
ACTION_PREFIX = "brand_hub.audit."


class AuditLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        """All of it for those allowed to read the audit log (administrators), nothing for anyone else:
        not the content-type rule of Wagtail's own logs, under which a moderator would read the
        entries about comments."""
        if user.has_perm("audit.view_auditlogentry"):
            return self.all()
        return self.none()


class AuditLogEntry(BaseLogEntry):
    """Who did what to which object, when, with the state before and after (in `data`)."""

    object_id = models.CharField(max_length=255, db_index=True)

    objects = AuditLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_entry_object"),
            models.Index(fields=["uuid", "action", "-timestamp"], name="audit_entry_uuid_action"),
        ]

    def __str__(self) -> str:
        return f"{self.action} on {self.content_type_id}:{self.object_id}"

    @cached_property
    def user_display_name(self):
        """The person's name as the community shows it (Wagtail's own reads first and last names, which
        Brand Hub's accounts leave empty); "system" or a deleted account as Wagtail says them."""
        if self.user_id:
            try:
                user = self.user
            except ObjectDoesNotExist:
                user = None
            if user is not None:
                return str(user)
        return BaseLogEntry.user_display_name.func(self)

    @property
    def before(self):
        return self.data.get("before")

    @property
    def after(self):
        return self.data.get("after")
