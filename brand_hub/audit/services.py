"""Writing the audit log, forgetting an erased person's name in it, and purging it after its retention."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import get_active_log_context

from .models import AuditLogEntry

#: How many entries one DELETE of a purge removes: a long log is purged in short transactions.
PURGE_BATCH = 5_000


def actor(by):
    """The account that acted, or None for the system (an anonymous visitor counts as no one)."""
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def record(
    *, action: str, instance, by=None, before=None, after=None, label: str = "", **details
) -> AuditLogEntry:
    """One entry: `by` did `action` to `instance`, which went from `before` to `after`.

    Written in the caller's transaction, so a change rolled back leaves no entry. Entries made during
    one admin request share its log context's uuid, as Wagtail's own entries do."""
    return AuditLogEntry.objects.log_action(
        instance,
        action,
        user=actor(by),
        uuid=get_active_log_context().uuid,
        title=label or None,
        data={"before": before, "after": after, **details},
    )


def account_label(user) -> str:
    return f"{user} (#{user.pk})"


def erased_account_label(user_id) -> str:
    return _("Former member (#%(id)s)") % {"id": user_id}


def forget_the_name_of(user) -> int:
    """The entries about an account being erased name it by its number only; the entries stay."""
    content_type = ContentType.objects.get_for_model(user, for_concrete_model=False)
    return AuditLogEntry.objects.filter(content_type=content_type, object_id=str(user.pk)).update(
        label=erased_account_label(user.pk)
    )


def retention_cutoff(now=None, days: int | None = None):
    """Entries older than this are purged; None when the log is kept forever (0 days)."""
    days = settings.AUDIT_RETENTION_DAYS if days is None else days
    if not days:
        return None
    return (now or timezone.now()) - timedelta(days=days)


def purge_expired_entries(*, now=None, days: int | None = None) -> int:
    """Delete the audit's entries older than the retention period, in batches; how many were deleted.

    Only this log's own table: Wagtail's page and snippet history (the History tab, revisions'
    compare) is the content's record, kept with the content."""
    cutoff = retention_cutoff(now, days)
    if cutoff is None:
        return 0
    deleted = 0
    while True:
        with transaction.atomic():
            batch = list(
                AuditLogEntry.objects.filter(timestamp__lt=cutoff).values_list("pk", flat=True)[:PURGE_BATCH]
            )
            if not batch:
                return deleted
            deleted += AuditLogEntry.objects.filter(pk__in=batch).delete()[0]
