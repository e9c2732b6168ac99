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
