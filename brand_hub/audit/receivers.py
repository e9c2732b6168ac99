"""The owning apps' signals recorded in the audit log, in the same transaction as their change."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from wagtail.log_actions import get_active_log_context

from brand_hub.apikeys.signals import api_key_created, api_key_revoked
from brand_hub.community.markup import plain_text
from brand_hub.community.models import CommentState, CommunityComment
from brand_hub.community.signals import comment_moderated, comment_resolved, comment_state_changed
from brand_hub.ideas.signals import idea_status_changed, ideas_merged
from brand_hub.segments.signals import segment_exported
from brand_hub.trust.signals import account_reinstated, account_suspended, trust_changed
from brand_hub.users.signals import account_erasing, personal_data_exported

from . import actions
from .models import AuditLogEntry
from .services import account_label, erased_account_label, forget_the_name_of, record

User = get_user_model()

#: How much of a comment's text names it in the log.
COMMENT_LABEL_LENGTH = 80

STATE_ACTIONS = {
    CommentState.PUBLISHED: actions.COMMENT_APPROVED,
    CommentState.HELD: actions.COMMENT_HELD,
    CommentState.REMOVED: actions.COMMENT_REMOVED,
}
MODERATION_ACTIONS = {
    "pin": actions.THREAD_PINNED,
    "unpin": actions.THREAD_UNPINNED,
    "lock": actions.THREAD_LOCKED,
    "unlock": actions.THREAD_UNLOCKED,
    "set_kind": actions.COMMENT_KIND_CHANGED,
    "reopen": actions.COMMENT_REOPENED,
}


def comment_label(comment: CommunityComment) -> str:
    text = plain_text(comment.comment)
    if len(text) > COMMENT_LABEL_LENGTH:
        text = text[: COMMENT_LABEL_LENGTH - 1].rstrip() + "…"
    return f"#{comment.pk}: {text}" if text else f"#{comment.pk}"


@receiver(comment_state_changed, dispatch_uid="audit_comment_state_changed")
def record_a_change_of_state(sender, comment, previous, by=None, **kwargs):
    """Approved, removed or held (by a moderator, or by the flags or a screener when `by` is None)."""
    details = {}
    if comment.state == CommentState.HELD:
        details = {"hold_reason": comment.hold_reason, "hold_detail": comment.hold_detail}
    record(
        action=STATE_ACTIONS[comment.state],
        instance=comment,
        by=by,
        before=previous,
        after=comment.state,
        label=comment_label(comment),
        **details,
    )


@receiver(comment_resolved, dispatch_uid="audit_comment_resolved")
def record_a_resolution(sender, comment, by=None, **kwargs):
    record(
        action=actions.COMMENT_RESOLVED,
        instance=comment,
        by=by,
        before=None,
        after=comment.resolved_at,
        label=comment_label(comment),
        resolved_by_idea=comment.resolved_by_idea,
    )


@receiver(comment_moderated, dispatch_uid="audit_comment_moderated")
def record_a_moderation(sender, comment, by, action, before, after, **kwargs):
    record(
        action=MODERATION_ACTIONS[action],
        instance=comment,
        by=by,
        before=before,
        after=after,
        label=comment_label(comment),
    )


@receiver(idea_status_changed, dispatch_uid="audit_idea_status_changed")
def record_a_status_change(sender, idea, change, **kwargs):
    if change.from_status != change.to_status:
        action, before, after = actions.IDEA_STATUS_CHANGED, change.from_status, change.to_status
    else:
        action, before, after = actions.IDEA_RESPONSE_CHANGED, None, None
    record(
        action=action,
        instance=idea,
        by=change.changed_by,
        before=before,
        after=after,
        label=idea.title,
        official_response=change.official_response,
        status_change_id=change.pk,
    )


@receiver(ideas_merged, dispatch_uid="audit_ideas_merged")
def record_a_merge(sender, source, target, by=None, **kwargs):
    record(
        action=actions.IDEAS_MERGED,
        instance=source,
        by=by,
        before={"idea": source.pk},
        after={"idea": target.pk, "title": target.title},
        label=source.title,
    )


def roles_of(user_ids) -> dict[int, list[str]]:
    """Each account's groups by name, and "superuser" for an account with every permission."""
    roles = {user_id: [] for user_id in user_ids}
    for user_id, name in User.groups.through.objects.filter(user_id__in=roles).values_list(
        "user_id", "group__name"
    ):
        roles[user_id].append(name)
    for user_id in User.objects.filter(pk__in=roles, is_superuser=True).values_list("pk", flat=True):
        roles[user_id].append("superuser")
    return {user_id: sorted(names) for user_id, names in roles.items()}


def record_roles(user, *, before: list[str], after: list[str]) -> None:
    """One entry per account and admin request: the user edit form removes groups, then adds others,
    and both steps belong to the same change (Wagtail's log context gives the request one uuid)."""
    by = get_active_log_context().user
    uuid = get_active_log_context().uuid
    earlier = None
    if uuid is not None:
        earlier = AuditLogEntry.objects.filter(
            uuid=uuid, action=actions.ROLES_CHANGED, object_id=str(user.pk)
        ).first()
    if earlier is not None:
        earlier.data["after"] = after
        earlier.save(update_fields=["data"])
        return
    record(
        action=actions.ROLES_CHANGED,
        instance=user,
        by=by,
        before=before,
        after=after,
        label=account_label(user),
    )


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit_roles_changed")
def record_a_change_of_groups(sender, instance, action, reverse, pk_set, **kwargs):
    """Groups given or taken, from either side (`user.groups`, `group.user_set`), by whoever is
    signed in to the admin (Wagtail's log context) or by the system."""
    if action.startswith("pre_"):
        if not reverse:
            user_ids = [instance.pk]
        elif pk_set is not None:
            user_ids = list(pk_set)
        else:
            user_ids = list(instance.user_set.values_list("pk", flat=True))
        instance._audit_roles_before = roles_of(user_ids)
        return
    before = getattr(instance, "_audit_roles_before", None)
    if before is None:
        return
    del instance._audit_roles_before
    after = roles_of(before)
    accounts = {
        user.pk: user for user in User.objects.filter(pk__in=[pk for pk in before if before[pk] != after[pk]])
    }
    for user_id, user in accounts.items():
        record_roles(user, before=before[user_id], after=after[user_id])


@receiver(pre_save, sender=User, dispatch_uid="audit_superuser_before")
def remember_whether_superuser(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (update_fields is not None and "is_superuser" not in update_fields):
        return
    instance._audit_superuser_before = roles_of([instance.pk]).get(instance.pk)


@receiver(post_save, sender=User, dispatch_uid="audit_superuser_after")
def record_a_change_of_superuser(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_superuser_before", None)
    if created or before is None:
        return
    del instance._audit_superuser_before
    after = roles_of([instance.pk])[instance.pk]
    if after != before:
        record_roles(instance, before=before, after=after)


@receiver(trust_changed, dispatch_uid="audit_trust_changed")
def record_a_change_of_trust(sender, user, before, after, by=None, reason="", **kwargs):
    """`by` is None when the level grew on its own: the system, not whoever is signed in."""
    record(
        action=actions.TRUST_CHANGED,
        instance=user,
        by=by,
        before=before,
        after=after,
        label=account_label(user),
        reason=reason,
    )


def suspension_terms(suspension) -> dict:
    return {
        "starts_at": suspension.starts_at,
        "ends_at": suspension.ends_at,
        "hide_content": suspension.hide_content,
    }


@receiver(account_suspended, dispatch_uid="audit_account_suspended")
def record_a_suspension(sender, suspension, **kwargs):
    record(
        action=actions.ACCOUNT_SUSPENDED,
        instance=suspension.user,
        by=suspension.created_by,
        before=None,
        after=suspension_terms(suspension),
        label=account_label(suspension.user),
        reason=suspension.reason,
        suspension_id=suspension.pk,
    )


@receiver(account_reinstated, dispatch_uid="audit_account_reinstated")
def record_a_reinstatement(sender, suspension, by=None, **kwargs):
    """Lifted by a moderator (`by`), or ended at its term (None: the system)."""
    record(
        action=actions.ACCOUNT_REINSTATED,
        instance=suspension.user,
        by=by,
        before=suspension_terms(suspension),
        after=None,
        label=account_label(suspension.user),
        reason=suspension.reason,
        suspension_id=suspension.pk,
        lifted_at=suspension.lifted_at,
    )


@receiver(personal_data_exported, dispatch_uid="audit_personal_data_exported")
def record_a_data_export(sender, user, sections=(), **kwargs):
    """The person downloads their own data (the only way the product hands it over)."""
    record(
        action=actions.PERSONAL_DATA_EXPORTED,
        instance=user,
        by=user,
        label=account_label(user),
        sections=list(sections),
    )


@receiver(account_erasing, dispatch_uid="audit_account_erasing")
def record_an_erasure(sender, user, **kwargs):
    """The erasure stays in the log, and so do the earlier entries about the account; none of them
    keeps the person's name. The person erases their own account."""
    forget_the_name_of(user)
    record(
        action=actions.ACCOUNT_ERASED,
        instance=user,
        by=get_active_log_context().user or user,
        label=erased_account_label(user.pk),
    )


@receiver(segment_exported, dispatch_uid="audit_segment_exported")
def record_a_segment_export(sender, export, **kwargs):
    """An editor's download (`by`), or an API key's (no account: `by_name` is the key's name)."""
    record(
        action=actions.SEGMENT_EXPORTED,
        instance=export.segment,
        by=export.by,
        after={"format": export.format, "rows": export.row_count},
        label=export.segment_name,
        exported_by=export.by_name,
        export_id=export.pk,
    )


@receiver(api_key_created, dispatch_uid="audit_api_key_created")
def record_a_new_api_key(sender, key, by=None, **kwargs):
    """Its uses are not copied here: each is an ApiKeyUse row (Settings, API key uses)."""
    record(
        action=actions.API_KEY_CREATED,
        instance=key,
        by=by,
        after={"scopes": key.scopes, "expires_at": key.expires_at},
    )


@receiver(api_key_revoked, dispatch_uid="audit_api_key_revoked")
def record_a_revoked_api_key(sender, key, by=None, **kwargs):
    record(
        action=actions.API_KEY_REVOKED,
        instance=key,
        by=by,
        before={"revoked_at": None},
        after={"revoked_at": key.revoked_at},
    )
