"""Each account's standing (what its trust level is computed from, and a moderator's override) and
its suspensions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrustLevel(models.IntegerChoices):
    NEW = 0, _("New member")
    MEMBER = 1, _("Member")
    TRUSTED = 2, _("Trusted member")
    LEADER = 3, _("Community leader")


class TrustStanding(models.Model):
    """The counts an account's level is computed from, kept up to date by receivers of the community's
    and the ideas' signals (brand_hub/trust/receivers.py), so that no request counts a whole history.

    No row yet means nothing counted yet: a new member. `level` is the level last computed (what
    `trust_changed` compared against); the time since sign-up moves it too, so readers compute it
    again (services.level_of) and `manage.py update_trust` brings the stored one along.
    """

    #: A snippet for the moderators' list, but a row of counters: Wagtail would queue a reference-index
    #: task on every count (one per comment) to record the account it belongs to, which nobody looks up.
    wagtail_reference_index_ignore = True

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="trust_standing",
        verbose_name=_("person"),
    )
    comments_posted = models.PositiveIntegerField(_("comments posted"), default=0)
    published_comments = models.PositiveIntegerField(_("published comments"), default=0)
    approved_ideas = models.PositiveIntegerField(_("approved ideas"), default=0)
    removed = models.PositiveIntegerField(_("removed by moderators"), default=0)
    level = models.PositiveSmallIntegerField(_("level"), choices=TrustLevel.choices, default=TrustLevel.NEW)
    override = models.PositiveSmallIntegerField(
        _("level set by a moderator"), choices=TrustLevel.choices, null=True, blank=True
    )
    override_reason = models.CharField(_("reason"), max_length=300, blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("set by"),
    )
    override_at = models.DateTimeField(_("set at"), null=True, blank=True)

    class Meta:
        verbose_name = _("trust level")
        verbose_name_plural = _("trust levels")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.level}"


class SuspensionQuerySet(models.QuerySet):
    def in_force(self, at=None):
        """Suspensions that stop their account from writing at `at` (now unless given; an expression
        such as Now() reads the database's clock): begun, not lifted, not ended."""
        at = timezone.now() if at is None else at
        return self.filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=at), starts_at__lte=at, lifted_at__isnull=True
        )

    def overdue(self, at=None):
        """Ended by their date but not yet reinstated (`manage.py update_trust` reinstates them)."""
        return self.filter(ends_at__lte=at or timezone.now(), lifted_at__isnull=True)


class Suspension(models.Model):
    """A moderator stops an account from writing, for a period or until lifted; its published comments
    are hidden meanwhile when `hide_content`. Kept after it ends, as the account's record."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="suspensions",
        verbose_name=_("person"),
    )
    starts_at = models.DateTimeField(_("starts at"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True, help_text=_("Empty: until lifted"))
    reason = models.CharField(_("reason"), max_length=500)
    hide_content = models.BooleanField(
        _("hide the person's comments"),
        default=False,
        help_text=_("Its published comments are hidden while suspended and come back when it ends"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("suspended by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lifted by"),
    )

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["user", "lifted_at"], name="trust_suspension_open")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="suspension_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.reason[:60]}"

    @property
    def in_force(self) -> bool:
        now = timezone.now()
        return (
            self.lifted_at is None and self.starts_at <= now and (self.ends_at is None or self.ends_at > now)
        )
