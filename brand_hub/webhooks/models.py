"""Webhook endpoints the brand's other systems register, and the log of what was sent to each."""

import base64
import ipaddress
import secrets
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Standard Webhooks writes a signing secret as `whsec_` and the base64 of its key.
SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    """A fresh signing secret: 32 random bytes, written as Standard Webhooks writes secrets."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _host_addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses `host` names: itself when it is one, else what it resolves to now (none: unknown)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]


def _is_local(address) -> bool:
    return address.is_loopback or address.is_private or address.is_link_local


def validate_endpoint_url(url: str) -> None:
    """An endpoint is an https URL on the internet; plain http only to this machine or a private
    network, and only where WEBHOOKS_ALLOW_LOCAL_HTTP allows it (development and tests).

    Link-local and unspecified addresses (a cloud's metadata service at 169.254.169.254) are never
    an endpoint: the signed POST must not become a way into the servers' own network.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise ValidationError(_("Enter a full https:// URL."), code="scheme")
    if parts.username or parts.password:
        raise ValidationError(_("Put no user name or password in the URL."), code="credentials")
    if parts.fragment:
        raise ValidationError(_("Remove the #fragment: it is never sent."), code="fragment")
    addresses = _host_addresses(parts.hostname)
    if any(address.is_link_local or address.is_unspecified for address in addresses):
        raise ValidationError(_("This address is not allowed as a webhook endpoint."), code="address")
    if parts.scheme == "http":
        local = parts.hostname == "localhost" or (addresses and all(map(_is_local, addresses)))
        if not (settings.WEBHOOKS_ALLOW_LOCAL_HTTP and local):
            raise ValidationError(
                _(
                    "Use https://: plain http is only allowed to this machine or a private network "
                    "in development."
                ),
                code="scheme",
            )


class WebhookEndpoint(models.Model):
    """A URL of one of the brand's systems (CRM, help desk, the frontend's cache) and the events it wants."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[validate_endpoint_url],
        help_text=_("Where the events are POSTed, signed: an https URL."),
    )
    #: EventKind values (brand_hub.events.catalogue); empty: none is sent.
    event_kinds = models.JSONField(_("events"), default=list, blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("An inactive endpoint is sent nothing until it is active again."),
    )
    secret = models.CharField(_("signing secret"), max_length=100, default=new_secret, editable=False)
    #: The secret before the last rotation, still signed with until `previous_secret_expires_at`, so that
    #: the receiving system can change its copy without refusing anything meanwhile.
    previous_secret = models.CharField(max_length=100, blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    #: The secret is shown once, on the page the admin opens after creating the endpoint or rotating it.
    secret_shown = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def signing_secrets(self, now=None) -> list[str]:
        """The current secret, and the previous one while it is still honoured."""
        now = now or timezone.now()
        keys = [self.secret]
        if self.previous_secret and self.previous_secret_expires_at and self.previous_secret_expires_at > now:
            keys.append(self.previous_secret)
        return keys

    def wants(self, kind: str) -> bool:
        return self.active and kind in self.event_kinds


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Succeeded")
    #: The last attempt failed; another is due at next_attempt_at.
    FAILED = "failed", _("Failed, retrying")
    GIVEN_UP = "given_up", _("Given up")


class WebhookDelivery(models.Model):
    """One event (or a test ping: no event) for one endpoint, attempted until it is taken or given up."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_deliveries",
    )
    #: The event's kind, or "webhook.ping"; kept here so that the log filters on it without a join.
    kind = models.CharField(_("event"), max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, default=timezone.now)
    last_status_code = models.PositiveSmallIntegerField(_("last status code"), null=True, blank=True)
    last_response_ms = models.PositiveIntegerField(_("last response time (ms)"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event"], name="one_delivery_per_endpoint_and_event")
        ]
        indexes = [
            # The sweep's query: deliveries still owed, by when they are due.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status__in=["pending", "failed"]),
                name="webhook_delivery_owed",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.endpoint}"

    @property
    def message_id(self) -> str:
        """The Webhook-Id: the same on every attempt of this delivery, so that a receiver de-duplicates."""
        return f"msg_{self.pk}"


class WebhookAttempt(models.Model):
    """One POST of a delivery and what came of it."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField(_("attempt"))
    attempted_at = models.DateTimeField(_("attempted"), default=timezone.now)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    response_ms = models.PositiveIntegerField(_("response time (ms)"))
    error = models.CharField(_("error"), max_length=200, blank=True)
    succeeded = models.BooleanField(_("succeeded"))

    class Meta:
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"{self.delivery} #{self.number}"
