"""Trust levels (computed, explained, overridden) and suspensions: the one place that decides how freely an
account may contribute, called by the API, the admin, the screener, the rate limits and the command."""

import functools
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Now
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext

from brand_hub.core.errors import Conflict, NotAllowed, Refused
from brand_hub.headless.timestamps import iso_timestamp

from .models import Suspension, TrustLevel, TrustStanding
from .signals import account_reinstated, account_suspended, trust_changed

#: Permissions (app label.codename) of the moderators who raise or lower levels and suspend accounts.
MANAGE_TRUST = "trust.change_truststanding"
SUSPEND = "trust.add_suspension"
LIFT = "trust.change_suspension"


def standing_of(user) -> TrustStanding:
    """The account's stored counts; an unsaved empty one for an account nothing was counted for yet.

    Django caches the reverse one-to-one on the user (missing included), so a request asks once, and
    a desk that selected `user__trust_standing` not at all.
    """
    try:
        return user.trust_standing
    except TrustStanding.DoesNotExist:
        return TrustStanding(user=user)


def days_member(user, now: datetime | None = None) -> int:
    return max(0, ((now or timezone.now()) - user.date_joined).days)


def contributions_score(standing: TrustStanding) -> int:
    """Accepted contributions, an approved idea weighing more than a comment, less what moderators removed."""
    return (
        standing.published_comments
        + settings.TRUST_IDEA_WEIGHT * standing.approved_ideas
        - settings.TRUST_REMOVAL_WEIGHT * standing.removed
    )


def computed_level(standing: TrustStanding, user, now: datetime | None = None) -> int:
    """The highest level whose thresholds (settings.TRUST_LEVEL_THRESHOLDS) the account meets, each
    level asking for the ones below it too."""
    score, days = contributions_score(standing), days_member(user, now)
    level = TrustLevel.NEW
    for candidate, rule in sorted(settings.TRUST_LEVEL_THRESHOLDS.items()):
        if score < rule["contributions"] or days < rule["days"]:
            break
        level = candidate
    return int(level)


def level_of(user) -> int:
    """The level that applies now: a moderator's override, else the computed one."""
    if user is None or not user.is_authenticated:
        return TrustLevel.NEW
    standing = standing_of(user)
    return standing.override if standing.override is not None else computed_level(standing, user)


@dataclass(frozen=True)
class Explanation:
    level: int
    label: str
    reasons: list[str]
    computed_level: int
    set_by_moderator: bool

    @property
    def summary(self) -> str:
        return ", ".join(self.reasons)


def explain(user) -> Explanation:
    """The level and why, in words moderators read "12 published comments, member for 40 days, 0 removed"."""
    standing = standing_of(user)
    computed = computed_level(standing, user)
    days = days_member(user)
    reasons = [
        ngettext("%(count)s published comment", "%(count)s published comments", standing.published_comments)
        % {"count": standing.published_comments},
        ngettext("%(count)s approved idea", "%(count)s approved ideas", standing.approved_ideas)
        % {"count": standing.approved_ideas},
        ngettext("member for %(count)s day", "member for %(count)s days", days) % {"count": days},
        # A context of its own: the desk's bulk removal says "%(count)s removed" of comments, not of people.
        npgettext("trust reason", "%(count)s removed", "%(count)s removed", standing.removed)
        % {"count": standing.removed},
    ]
    overridden = standing.override is not None
    if overridden:
        reasons.append(
            _("set to “%(level)s” by %(moderator)s: %(reason)s")
            % {
                "level": TrustLevel(standing.override).label,
                "moderator": standing.override_by or _("a former moderator"),
                "reason": standing.override_reason,
            }
        )
    level = standing.override if overridden else computed
    return Explanation(
        level=level,
        label=str(TrustLevel(level).label),
        reasons=reasons,
        computed_level=computed,
        set_by_moderator=overridden,
    )


def _stored_reason(user) -> str:
    # What the signal carries is stored by its receivers (the audit log): in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        return explain(user).summary


#: The counts `count` adds to, none going below 0.
COUNTS = ("comments_posted", "published_comments", "approved_ideas", "removed")


def _counted(user, changes: dict[str, int]) -> TrustStanding | None:
    """The account's standing with `changes` added, in one UPDATE that locks the row and returns it
    (the ORM asked a SELECT ... FOR UPDATE and then saved every column); None when it has no row yet."""
    table = connection.ops.quote_name(TrustStanding._meta.db_table)
    assignments, params = ["level = level"], []  # something to set, so that an empty count still locks
    for field, change in changes.items():
        if field not in COUNTS:
            raise ValueError(f"{field} is not one of the trust counts")
        column = connection.ops.quote_name(field)
        assignments.append(f"{column} = CASE WHEN {column} + %s < 0 THEN 0 ELSE {column} + %s END")
        params += [change, change]
    sql = f"UPDATE {table} SET {', '.join(assignments)} WHERE user_id = %s RETURNING *"
    return next(iter(TrustStanding.objects.raw(sql, [*params, user.pk])), None)


def count(user, **changes: int) -> None:
    """Add to the account's counts (comments_posted=1, removed=-1, ...) and compute its level again;
    a change of the level that applies is announced (`trust_changed`, by=None). In the caller's
    transaction: the row is locked, so concurrent writes of one account count each once."""
    if user is None:
        return
    # No savepoint of its own: a failure here fails the write that is being counted.
    with transaction.atomic(savepoint=False):
        standing = _counted(user, changes)
        if standing is None:
            TrustStanding.objects.get_or_create(user=user)  # a concurrent first count waits for this row
            standing = _counted(user, changes)
        standing.user = user
        before = standing.override if standing.override is not None else standing.level
        level = computed_level(standing, user)
        if level != standing.level:
            TrustStanding.objects.filter(pk=standing.pk).update(level=level)
            standing.level = level
        user.trust_standing = standing  # what this request reads next (the screener, the rate limits)
        after = standing.override if standing.override is not None else standing.level
        if after != before:
            trust_changed.send(
                sender=TrustStanding,
                user=user,
                before=before,
                after=after,
                by=None,
                reason=_stored_reason(user),
            )


def refresh_levels(now: datetime | None = None) -> int:
    """Store the levels that time alone has changed since the last count (and announce them); the
    number changed. Run by `manage.py update_trust`."""
    changed = 0
    for standing in TrustStanding.objects.select_related("user").iterator(chunk_size=500):
        if computed_level(standing, standing.user, now) != standing.level:
            count(standing.user)
            changed += 1
    return changed


def can_manage_trust(user) -> bool:
    return user is not None and user.is_authenticated and user.has_perm(MANAGE_TRUST)


def set_level(*, user, by, level: int | None, reason: str) -> Explanation:
    """A moderator sets the account's level (None: back to the computed one), with a reason, recorded
    on the standing and announced (`trust_changed`) with before, after, who and why."""
    if not can_manage_trust(by):
        raise NotAllowed(_("Only community moderators may change trust levels."))
    reason = reason.strip()
    if not reason:
        raise Refused(_("Say why the level changes."), field="reason")
    if level is not None and level not in TrustLevel.values:
        raise Refused(_("Unknown trust level."), field="level")
    with transaction.atomic():
        standing, _created = TrustStanding.objects.select_for_update().get_or_create(user=user)
        standing.level = computed_level(standing, user)
        before = standing.override if standing.override is not None else standing.level
        standing.override = level
        standing.override_reason = reason if level is not None else ""
        standing.override_by = by if level is not None else None
        standing.override_at = timezone.now() if level is not None else None
        standing.save()
        user.trust_standing = standing
        after = level if level is not None else standing.level
        trust_changed.send(sender=TrustStanding, user=user, before=before, after=after, by=by, reason=reason)
    return explain(user)


def rate_limit_scale(user) -> float:
    """How much of each write rate the account has (settings.TRUST_RATE_SCALE by level; 1 when unlisted),
    asked by brand_hub.core.rate_limits through settings.RATE_LIMIT_SCALE."""
    return settings.TRUST_RATE_SCALE.get(level_of(user), 1.0)


# Suspensions


def _in_force_first(suspensions, at=None):
    """Suspensions in force, the one that lasts longest first: one until lifted (no end), then the
    latest end."""
    return suspensions.in_force(at).order_by(F("ends_at").desc(nulls_first=True))


def suspension_in_force(user) -> Suspension | None:
    if user is None or not user.is_authenticated:
        return None
    return _in_force_first(Suspension.objects.filter(user=user)).first()


def may_write(user) -> bool:
    """Whether the account may post or change anything: not while a suspension is in force."""
    return suspension_in_force(user) is None


def suspended_message(suspension: Suspension) -> str:
    if suspension.ends_at is None:
        return _("Your account is suspended until a moderator lifts the suspension: you cannot write.")
    return _("Your account is suspended until %(ends_at)s: you cannot write until then.") % {
        "ends_at": iso_timestamp(suspension.ends_at)
    }


@functools.cache
def _standing_and_suspension_sql(vendor: str) -> str:
    """The query `ensure_may_write` sends: an account's standing (NULLs for none yet) with the id of
    its suspension in force (`Suspension.objects.in_force`, on the database's clock), for one
    parameter, the account's id.

    Built by the ORM once per process and database vendor, then sent as it is: every write asks it,
    and building it cost several times the CPU of PostgreSQL answering it.
    """
    in_force = _in_force_first(Suspension.objects.filter(user=OuterRef("pk")), at=Now()).values("pk")[:1]
    accounts = (
        get_user_model()
        .objects.select_related("trust_standing")
        .only("pk", "trust_standing")
        .annotate(suspension_id=Subquery(in_force))
        .filter(pk=0)
    )
    sql, params = accounts.query.sql_with_params()
    if tuple(params) != (0,):
        raise ImproperlyConfigured(f"the standing's query has parameters other than the account: {params}")
    return sql


def ensure_may_write(user) -> None:
    """Refuse (403, field "account") a write of a suspended account, saying until when.

    Every write asks both the suspension and the standing (for its rate limits and the screener): one
    query reads them, and the standing stays on the user for the rest of the request."""
    if user is None or not user.is_authenticated:
        return
    sql = _standing_and_suspension_sql(connection.vendor)
    standing = next(iter(TrustStanding.objects.raw(sql, [user.pk])))
    # As Django keeps it: the standing, or None for "no row yet" (standing_of asks no more).
    user._meta.get_field("trust_standing").set_cached_value(user, standing if standing.user_id else None)
    if standing.suspension_id is not None:
        suspension = Suspension.objects.get(pk=standing.suspension_id)
        raise NotAllowed(suspended_message(suspension), field="account")


def can_suspend(user) -> bool:
    return user is not None and user.is_authenticated and user.has_perm(SUSPEND)


def suspend(
    *, user, by, reason: str, ends_at: datetime | None = None, hide_content: bool = False
) -> Suspension:
    """Suspend the account from now until `ends_at` (None: until lifted). With `hide_content` its
    published comments are hidden meanwhile (the community does that, hearing `account_suspended`
    in this transaction)."""
    if not can_suspend(by):
        raise NotAllowed(_("Only community moderators may suspend accounts."))
    reason = reason.strip()
    if not reason:
        raise Refused(_("Say why the account is suspended."), field="reason")
    if user.pk == by.pk:
        raise Refused(_("You cannot suspend your own account."), field="user_id")
    if user.is_superuser:
        raise NotAllowed(_("An administrator's account cannot be suspended."), field="user_id")
    now = timezone.now()
    if ends_at is not None and ends_at <= now:
        raise Refused(_("The end must be in the future."), field="ends_at")
    with transaction.atomic():
        # One suspension in force per account: two moderators at once wait for each other on the account.
        list(type(user).objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
        if Suspension.objects.in_force(now).filter(user=user).exists():
            raise Conflict(
                _("This account is already suspended: lift that suspension first."), field="user_id"
            )
        suspension = Suspension.objects.create(
            user=user, starts_at=now, ends_at=ends_at, reason=reason, hide_content=hide_content, created_by=by
        )
        account_suspended.send(sender=Suspension, suspension=suspension)
    return suspension


def _reinstate(suspension: Suspension, *, by, at: datetime) -> Suspension:
    Suspension.objects.filter(pk=suspension.pk).update(lifted_at=at, lifted_by=by)
    suspension.lifted_at, suspension.lifted_by = at, by
    account_reinstated.send(sender=Suspension, suspension=suspension, by=by)
    return suspension


def lift(*, suspension: Suspension, by) -> Suspension:
    """A moderator ends a suspension before its end; hidden comments come back."""
    if by is None or not by.has_perm(LIFT):
        raise NotAllowed(_("Only community moderators may lift suspensions."))
    with transaction.atomic():
        suspension = Suspension.objects.select_for_update().get(pk=suspension.pk)
        if not suspension.in_force:
            raise Conflict(_("This suspension has already ended."), field="suspension_id")
        return _reinstate(suspension, by=by, at=timezone.now())


def end_overdue_suspensions(now: datetime | None = None) -> list[Suspension]:
    """Reinstate the accounts whose suspension reached its end (by=None): their hidden comments come
    back. Their writes were allowed from the end already (`may_write` reads the date); this brings the
    record and the comments along. Run by `manage.py update_trust`."""
    now = now or timezone.now()
    ended = []
    for pk in Suspension.objects.overdue(now).values_list("pk", flat=True):
        with transaction.atomic():
            suspension = Suspension.objects.select_for_update().overdue(now).filter(pk=pk).first()
            if suspension is not None:
                ended.append(_reinstate(suspension, by=None, at=suspension.ends_at))
    return ended
