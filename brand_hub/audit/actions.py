"""The actions the audit log records, with their labels in the admin and the sentence each entry shows."""

from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter

from .models import ACTION_PREFIX

COMMENT_APPROVED = ACTION_PREFIX + "comment.approved"
COMMENT_HELD = ACTION_PREFIX + "comment.held"
COMMENT_REMOVED = ACTION_PREFIX + "comment.removed"
COMMENT_RESOLVED = ACTION_PREFIX + "comment.resolved"
COMMENT_REOPENED = ACTION_PREFIX + "comment.reopened"
COMMENT_KIND_CHANGED = ACTION_PREFIX + "comment.kind_changed"
THREAD_PINNED = ACTION_PREFIX + "comment.pinned"
THREAD_UNPINNED = ACTION_PREFIX + "comment.unpinned"
THREAD_LOCKED = ACTION_PREFIX + "comment.locked"
THREAD_UNLOCKED = ACTION_PREFIX + "comment.unlocked"
IDEA_STATUS_CHANGED = ACTION_PREFIX + "idea.status_changed"
IDEA_RESPONSE_CHANGED = ACTION_PREFIX + "idea.response_changed"
IDEAS_MERGED = ACTION_PREFIX + "idea.merged"
ROLES_CHANGED = ACTION_PREFIX + "account.roles_changed"
TRUST_CHANGED = ACTION_PREFIX + "account.trust_changed"
ACCOUNT_SUSPENDED = ACTION_PREFIX + "account.suspended"
ACCOUNT_REINSTATED = ACTION_PREFIX + "account.reinstated"
PERSONAL_DATA_EXPORTED = ACTION_PREFIX + "account.data_exported"
ACCOUNT_ERASED = ACTION_PREFIX + "account.erased"
SEGMENT_EXPORTED = ACTION_PREFIX + "segment.exported"
API_KEY_CREATED = ACTION_PREFIX + "api_key.created"
API_KEY_REVOKED = ACTION_PREFIX + "api_key.revoked"

LABELS = {
    COMMENT_APPROVED: _("Comment approved"),
    COMMENT_HELD: _("Comment held for review"),
    COMMENT_REMOVED: _("Comment removed"),
    COMMENT_RESOLVED: _("Comment resolved"),
    COMMENT_REOPENED: _("Comment reopened"),
    COMMENT_KIND_CHANGED: _("Comment kind changed"),
    THREAD_PINNED: _("Thread pinned"),
    THREAD_UNPINNED: _("Thread unpinned"),
    THREAD_LOCKED: _("Thread locked"),
    THREAD_UNLOCKED: _("Thread unlocked"),
    IDEA_STATUS_CHANGED: _("Idea status changed"),
    IDEA_RESPONSE_CHANGED: _("Idea's official response changed"),
    IDEAS_MERGED: _("Idea merged into another"),
    ROLES_CHANGED: _("Roles changed"),
    TRUST_CHANGED: _("Trust level changed"),
    ACCOUNT_SUSPENDED: _("Account suspended"),
    ACCOUNT_REINSTATED: _("Account reinstated"),
    PERSONAL_DATA_EXPORTED: _("Personal data exported"),
    ACCOUNT_ERASED: _("Account erased"),
    SEGMENT_EXPORTED: _("Segment exported"),
    API_KEY_CREATED: _("API key created"),
    API_KEY_REVOKED: _("API key revoked"),
}


def describe_value(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, (list, tuple)):
        return ", ".join(describe_value(item) for item in value) if value else "—"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {describe_value(item)}" for key, item in value.items())
    return str(value)


def describe_change(before, after) -> str:
    """`held → published`; for two dicts only the keys whose value changed: `pinned: no → yes`."""
    if isinstance(before, dict) and isinstance(after, dict):
        changed = [key for key in {**before, **after} if before.get(key) != after.get(key)]
        return "; ".join(
            f"{key}: {describe_value(before.get(key))} → {describe_value(after.get(key))}" for key in changed
        )
    if before is None and after is None:
        return ""
    return f"{describe_value(before)} → {describe_value(after)}"


class AuditFormatter(LogFormatter):
    """The action's label and what changed, as the Site history and the audit log show it."""

    def format_message(self, log_entry):
        change = describe_change(log_entry.data.get("before"), log_entry.data.get("after"))
        return f"{self.label}: {change}" if change else str(self.label)


def formatter_for(label) -> type[AuditFormatter]:
    return type("AuditActionFormatter", (AuditFormatter,), {"label": label})
