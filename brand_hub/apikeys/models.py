"""Keys of server-to-server clients (listening tools, BI): scoped, expiring, revocable, stored hashed."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiScope(models.TextChoices):
    MENTIONS_INGEST = "mentions:ingest", _("Send mentions (listening tools)")
    INSIGHTS_READ = "insights:read", _("Read the insights")
    SEGMENTS_READ = "segments:read", _("Read segments")


def default_expiry():
    return timezone.now() + timedelta(days=365)


class ApiKey(models.Model):
    """A key is `bh_<prefix>_<secret>`: the prefix finds the row, the secret is kept only as its SHA-256.

    The full key is shown once, when it is created; a lost key is revoked and replaced, never shown again.
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("Who uses it, e.g. 'Listening tool'."))
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    hashed_secret = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    expires_at = models.DateTimeField(_("expires at"), default=default_expiry)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} (bh_{self.prefix}_…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now=None) -> bool:
        return self.expires_at <= (now or timezone.now())

    def is_usable(self, now=None) -> bool:
        return not self.is_revoked and not self.is_expired(now)


class ApiKeyUse(models.Model):
    """One request made with a key, whatever its answer: refused ones (out of scope, expired) too."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="uses")
    at = models.DateTimeField(default=timezone.now)
    scope = models.CharField(max_length=40)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()
    client_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("API key use")
        verbose_name_plural = _("API key uses")
        indexes = [models.Index(fields=["key", "-at"])]

    def __str__(self) -> str:
        return f"{self.key_id} {self.scope} {self.path} {self.status}"
