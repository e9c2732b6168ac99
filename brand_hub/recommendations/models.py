"""Share links prosumers create for pages and ideas, and the visits they bring (reach)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ShareChannel(models.TextChoices):
    WHATSAPP = "whatsapp", "WhatsApp"
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X"
    LINKEDIN = "linkedin", "LinkedIn"
    EMAIL = "email", _("e-mail")
    COPY_LINK = "copy_link", _("copied link")


def new_share_code() -> str:
    """Eleven URL-safe characters (64 random bits): short in a message, not guessable."""
    return secrets.token_urlsafe(8)


class ShareLink(models.Model):
    """One person's link to one page on one channel; its visits are the reach of that share."""

    code = models.CharField(_("code"), max_length=16, unique=True, default=new_share_code, editable=False)
    sharer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="share_links",
        verbose_name=_("shared by"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    channel = models.CharField(_("channel"), max_length=16, choices=ShareChannel.choices)
    #: Kept equal to the number of its ShareVisit rows, so reach sums one column.
    visit_count = models.PositiveIntegerField(_("unique visits"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        constraints = [
            # A person sharing the same page on the same channel again gets the same link back.
            models.UniqueConstraint(
                fields=["sharer", "page", "channel"], name="recommendations_one_link_per_share"
            )
        ]
        indexes = [
            models.Index(fields=["page", "channel"]),
            models.Index(fields=["channel"]),
            # The insights roll up shares and visits per day.
            # Covering on PostgreSQL: the insights' shares per sharer of a period read the index alone.
            models.Index(fields=["created_at"], include=["sharer", "page"], name="recommend_link_created"),
        ]

    def __str__(self) -> str:
        return self.code


class ShareVisit(models.Model):
    """A visitor who arrived through a link, counted once per link.

    `visitor_key` is a keyed SHA-256 of the visitor's first-party cookie id (or of IP and
    User-Agent without one): it tells visitors apart without storing who they are.
    """

    link = models.ForeignKey(
        ShareLink, on_delete=models.CASCADE, related_name="visits", verbose_name=_("link")
    )
    visitor_key = models.CharField(_("visitor key"), max_length=64)
    visited_at = models.DateTimeField(_("visited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("share visit")
        verbose_name_plural = _("share visits")
        constraints = [
            models.UniqueConstraint(
                fields=["link", "visitor_key"], name="recommendations_one_visit_per_visitor"
            )
        ]
        # Covering on PostgreSQL: the insights' visits per sharer of a period read the index alone.
        indexes = [models.Index(fields=["visited_at"], include=["link"], name="recommend_visit_at")]

    def __str__(self) -> str:
        return f"{self.link} @ {self.visited_at:%Y-%m-%d %H:%M}"


class Referral(models.Model):
    """A member who signed up after a visit through someone's share link: the sharer's credit.

    One per member, made at sign-up from the last share link the visitor came through within
    `REFERRAL_WINDOW_DAYS`. Either person's erasure keeps the row anonymous (their side NULL), so
    the channel's and the period's counts stay whole.
    """

    sharer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_made",
        verbose_name=_("shared by"),
    )
    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referral",
        verbose_name=_("new member"),
    )
    share_link = models.ForeignKey(
        ShareLink,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        verbose_name=_("share link"),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=ShareChannel.choices)
    #: When the member came through the link (the last click before signing up).
    visited_at = models.DateTimeField(_("visited at"))
    signed_up_at = models.DateTimeField(_("signed up at"), db_index=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [models.Index(fields=["sharer", "signed_up_at"], name="recommend_referral_sharer")]

    def __str__(self) -> str:
        return f"{self.sharer_id} → {self.member_id}"


class ContributionKind(models.TextChoices):
    COMMENT = "comment", _("comment")
    IDEA = "idea", _("idea")
    VOTE = "vote", _("vote")


class ReferredContribution(models.Model):
    """One of a referred member's first contributions (`REFERRAL_FIRST_CONTRIBUTIONS`) within the window."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("referral")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ContributionKind.choices)
    #: The comment's, idea's or vote's id, as text.
    object_id = models.CharField(_("object id"), max_length=64)
    created_at = models.DateTimeField(_("created at"), db_index=True)

    class Meta:
        verbose_name = _("referred contribution")
        verbose_name_plural = _("referred contributions")
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "kind", "object_id"], name="recommendations_one_credit_per_contribution"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
