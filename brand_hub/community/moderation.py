"""Moderators' side of comments: who may moderate, holding, approving, removing, resolving, pin and lock."""

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brand_hub.core.errors import Conflict, NotAllowed, Refused
from search.models import SearchedIndex
from search.outbox import record_change

from . import signals
from .models import BlockedTerm, CommentKind, CommentState, CommunityComment, HoldReason
from .screening import Contribution, Hold

RESOLVABLE_KINDS = {CommentKind.COMPLAINT, CommentKind.QUESTION}


def can_moderate(user, comment: CommunityComment | None = None) -> bool:
    """Community moderators, editors and administrators everywhere; group moderators in their group."""
    if user is None or not user.is_authenticated:
        return False
    if user.has_perm("community.moderate_comment"):
        return True
    if comment is not None:
        from brand_hub.community_groups.services import is_group_moderator  # the groups app owns the roles

        group = comment.page.specific_deferred if comment.page_id else None
        if group is not None and group.content_type.model == "communitygrouppage":
            return is_group_moderator(user, group)
    return False


def require_moderator(user, comment: CommunityComment | None = None) -> None:
    if not can_moderate(user, comment):
        raise NotAllowed(_("Only community moderators may do this."))


#: The blocklist as one pattern, cached because every comment and edit reads it; a change of the list
#: clears it (signals.py). The expiry is for caches the web processes do not share (local memory),
#: where only the process that made the change hears of it: the others follow within this time.
BLOCKLIST_CACHE_KEY = "brand_hub:blocklist-pattern"
BLOCKLIST_CACHE_SECONDS = 60


def blocklist_pattern() -> str:
    """The blocked terms as one regular expression on whole words, or "" when the list is empty."""
    pattern = cache.get(BLOCKLIST_CACHE_KEY)
    if pattern is None:
        terms = BlockedTerm.objects.values_list("term", flat=True)
        pattern = r"(?<!\w)(" + "|".join(re.escape(term) for term in terms) + r")(?!\w)" if terms else ""
        cache.set(BLOCKLIST_CACHE_KEY, pattern, timeout=BLOCKLIST_CACHE_SECONDS)
    return pattern


def matches_blocklist(text: str) -> bool:
    pattern = blocklist_pattern()
    return bool(pattern) and re.search(pattern, text, flags=re.IGNORECASE) is not None


def blocklist_screener(contribution: Contribution) -> Hold | None:
    """The first of settings.CONTRIBUTION_SCREENERS: words an editor put on the blocklist."""
    if matches_blocklist(contribution.text):
        return Hold(HoldReason.BLOCKLIST)
    return None


def _set_state(comment: CommunityComment, **changes) -> CommunityComment:
    # update() rather than save(): xtd's pre_save hook would change every reply's visibility too.
    with transaction.atomic():
        previous = comment.state
        CommunityComment.objects.filter(pk=comment.pk).update(**changes)
        # Visibility changes the parent's count of published replies too.
        record_change(SearchedIndex.COMMENTS, [comment.pk, None if comment.is_root else comment.parent_id])
        comment.refresh_from_db()
        if comment.state != previous:
            signals.comment_state_changed.send(
                sender=CommunityComment, comment=comment, previous=previous, by=changes.get("moderated_by")
            )
    return comment


def _columns(comment: CommunityComment, *names: str) -> dict:
    return {name: getattr(comment, name) for name in names}


def _tell_moderated(comment: CommunityComment, *, by, action: str, before: dict) -> None:
    """Send comment_moderated when the action changed any of the columns in `before`."""
    after = _columns(comment, *before)
    if after != before:
        signals.comment_moderated.send(
            sender=CommunityComment, comment=comment, by=by, action=action, before=before, after=after
        )


def hold_comment(comment: CommunityComment, *, reason: str, detail: str = "") -> CommunityComment:
    return _set_state(
        comment, state=CommentState.HELD, is_public=False, hold_reason=reason, hold_detail=detail
    )


def approve_comment(*, comment: CommunityComment, by) -> CommunityComment:
    """Publish a held comment (or restore a removed one)."""
    require_moderator(by, comment)
    return _set_state(
        comment,
        state=CommentState.PUBLISHED,
        is_public=True,
        is_removed=False,
        hold_reason=HoldReason.NONE,
        hold_detail="",
        moderated_by=by,
        moderated_at=timezone.now(),
    )


def remove_comment(*, comment: CommunityComment, by) -> CommunityComment:
    require_moderator(by, comment)
    return _set_state(
        comment,
        state=CommentState.REMOVED,
        is_public=False,
        is_removed=True,
        moderated_by=by,
        moderated_at=timezone.now(),
    )


def resolve_comment(*, comment: CommunityComment, by, resolved: bool = True) -> CommunityComment:
    """Mark a complaint or a question as resolved (or reopen it), recording who and when."""
    require_moderator(by, comment)
    if comment.kind not in RESOLVABLE_KINDS:
        raise Refused(_("Only complaints and questions can be resolved."), field="kind")
    if not resolved:
        with transaction.atomic():
            before = _columns(comment, "resolved_at", "resolved_by_id", "resolved_by_idea")
            comment = _set_state(comment, resolved_at=None, resolved_by=None, resolved_by_idea=False)
            _tell_moderated(comment, by=by, action="reopen", before=before)
        return comment
    with transaction.atomic():
        comment = _set_state(comment, resolved_at=timezone.now(), resolved_by=by, resolved_by_idea=False)
        signals.comment_resolved.send(sender=CommunityComment, comment=comment, by=by)
    return comment


def resolve_by_idea(*, comment_ids: list[int], by) -> list[int]:
    """Resolve the open ones of these complaints and questions as answered by their idea; the ids
    resolved. A comment a moderator resolved already keeps its own resolution."""
    open_ones = CommunityComment.objects.filter(
        pk__in=comment_ids, kind__in=RESOLVABLE_KINDS, resolved_at__isnull=True
    )
    resolved = list(open_ones.values_list("pk", flat=True))
    open_ones.filter(pk__in=resolved).update(
        resolved_at=timezone.now(), resolved_by=by, resolved_by_idea=True
    )
    record_change(SearchedIndex.COMMENTS, resolved)
    for comment in CommunityComment.objects.filter(pk__in=resolved):
        signals.comment_resolved.send(sender=CommunityComment, comment=comment, by=by)
    return resolved


def reopen_resolved_by_idea(*, comment_ids: list[int]) -> list[int]:
    """Reopen those of these comments that only their idea had resolved; the ids reopened."""
    by_idea = CommunityComment.objects.filter(pk__in=comment_ids, resolved_by_idea=True)
    reopened = list(by_idea.values_list("pk", flat=True))
    by_idea.filter(pk__in=reopened).update(resolved_at=None, resolved_by=None, resolved_by_idea=False)
    record_change(SearchedIndex.COMMENTS, reopened)
    return reopened


def kind_changes(kind: str) -> dict:
    """The columns a change of kind writes: only complaints and questions keep a resolution."""
    changes = {"kind": kind}
    if kind not in RESOLVABLE_KINDS:
        changes.update(resolved_at=None, resolved_by=None, resolved_by_idea=False)
    return changes


def set_kind(*, comment: CommunityComment, by, kind: str) -> CommunityComment:
    require_moderator(by, comment)
    changes = kind_changes(kind)
    with transaction.atomic():
        resolution = ("resolved_at", "resolved_by_id", "resolved_by_idea") if "resolved_at" in changes else ()
        before = _columns(comment, "kind", *resolution)
        comment = _set_state(comment, **changes)
        _tell_moderated(comment, by=by, action="set_kind", before=before)
    return comment


def set_thread_flags(
    *, comment: CommunityComment, by, pinned: bool | None = None, locked: bool | None = None
):
    """Pin a thread to the top or lock it against replies: thread starters only."""
    require_moderator(by, comment)
    if not comment.is_root:
        raise Conflict(_("Only a thread's first comment can be pinned or locked."), field="comment_id")
    changes = {name: value for name, value in (("pinned", pinned), ("locked", locked)) if value is not None}
    if not changes:
        return comment
    with transaction.atomic():
        before = _columns(comment, *changes)
        comment = _set_state(comment, **changes)
        for name in changes:
            action = ("" if getattr(comment, name) else "un") + ("pin" if name == "pinned" else "lock")
            _tell_moderated(comment, by=by, action=action, before={name: before[name]})
        return comment


def moderate(*, comment: CommunityComment, by, action: str, kind: str | None = None) -> CommunityComment:
    """Carry out one named moderation action (the API and the admin desk both come here);
    `kind` goes with `set_kind`."""
    if action == "approve":
        return approve_comment(comment=comment, by=by)
    if action == "remove":
        return remove_comment(comment=comment, by=by)
    if action in ("resolve", "reopen"):
        return resolve_comment(comment=comment, by=by, resolved=action == "resolve")
    if action == "set_kind":
        if kind is None:
            raise Refused(_("Say which kind the comment is."), field="kind")
        return set_kind(comment=comment, by=by, kind=CommentKind(kind))
    if action in ("pin", "unpin", "lock", "unlock"):
        flag_name = "pinned" if action.endswith("pin") else "locked"
        return set_thread_flags(comment=comment, by=by, **{flag_name: not action.startswith("un")})
    raise Refused(_("Unknown moderation action."), field="action")


#: The actions a moderator may take on a selection of comments, and the most comments at once.
BULK_ACTIONS = ("approve", "remove", "resolve")
BULK_MAX_COMMENTS = 100


class BulkOutcome(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    NOT_FOUND = "not_found"
    NOT_ALLOWED = "not_allowed"


@dataclass
class BulkResult:
    comment_id: int
    outcome: BulkOutcome
    reason: str = ""
    comment: CommunityComment | None = None


def bulk_skip_reason(comment: CommunityComment, action: str) -> str:
    """Why `action` would change nothing on this comment (or should not be done in bulk), or ""."""
    if action == "approve":
        if comment.state == CommentState.PUBLISHED:
            return _("already published")
        # Restoring a removed comment is a decision about that one comment, taken at its own button.
        if comment.state == CommentState.REMOVED:
            return _("already removed")
    if action == "remove" and comment.state == CommentState.REMOVED:
        return _("already removed")
    if action == "resolve":
        if comment.kind not in RESOLVABLE_KINDS:
            return _("not a complaint or a question")
        if comment.resolved_at is not None:
            return _("already resolved")
    return ""


def moderates_anything(user) -> bool:
    """Whether `user` moderates comments anywhere: everywhere, or in at least one group."""
    if can_moderate(user):
        return True
    from brand_hub.community_groups.models import GroupMembership  # the groups app owns the roles

    return (
        user is not None
        and user.is_authenticated
        and GroupMembership.objects.filter(member=user, role=GroupMembership.Role.MODERATOR).exists()
    )


def moderate_many(*, comment_ids: list[int], by, action: str) -> list[BulkResult]:
    """Carry out `action` on each of these comments in turn, through the one-comment services, so
    each change sends its own signals (the audit log and the live streams hear of every comment).

    Each comment is checked on its own: one the person may not moderate (a group moderator outside
    their groups), one that is gone, or one the action would not change is reported and skipped; a
    refusal undoes that comment's change only. Results come in the order of `comment_ids`, once each.
    """
    if action not in BULK_ACTIONS:
        raise Refused(_("Unknown moderation action."), field="action")
    ids = list(dict.fromkeys(comment_ids))
    if len(ids) > BULK_MAX_COMMENTS:
        raise Refused(
            _("At most %(count)s comments at once.") % {"count": BULK_MAX_COMMENTS}, field="comment_ids"
        )
    found = CommunityComment.objects.select_related("page").in_bulk(ids)
    results = []
    for comment_id in ids:
        comment = found.get(comment_id)
        if comment is None:
            results.append(BulkResult(comment_id, BulkOutcome.NOT_FOUND, _("no comment has this id")))
        elif not can_moderate(by, comment):
            results.append(BulkResult(comment_id, BulkOutcome.NOT_ALLOWED, _("not yours to moderate")))
        elif reason := bulk_skip_reason(comment, action):
            results.append(BulkResult(comment_id, BulkOutcome.SKIPPED, reason, comment))
        else:
            try:
                with transaction.atomic():
                    comment = moderate(comment=comment, by=by, action=action)
            except Refused as refusal:
                results.append(BulkResult(comment_id, BulkOutcome.SKIPPED, refusal.message, comment))
            else:
                results.append(BulkResult(comment_id, BulkOutcome.DONE, "", comment))
    return results


def bulk_summary(action: str, results: list[BulkResult]) -> str:
    """One line for the moderator: "12 approved, 1 skipped: already removed"."""
    done = sum(result.outcome == BulkOutcome.DONE for result in results)
    parts = [BULK_DONE[action](done) % {"count": done}]
    reasons = Counter(result.reason for result in results if result.outcome != BulkOutcome.DONE)
    for reason, count in reasons.items():
        parts.append(_("%(count)s skipped: %(reason)s") % {"count": count, "reason": reason})
    return ", ".join(parts)


BULK_DONE = {
    "approve": lambda count: ngettext("%(count)s approved", "%(count)s approved", count),
    "remove": lambda count: ngettext("%(count)s removed", "%(count)s removed", count),
    "resolve": lambda count: ngettext("%(count)s resolved", "%(count)s resolved", count),
}
