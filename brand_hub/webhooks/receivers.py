"""Webhooks react to the event catalogue: each recorded event becomes the deliveries its endpoints want;
an endpoint changed clears the cached kinds they want."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from brand_hub.events.signals import event_recorded

from . import services
from .models import WebhookEndpoint


@receiver(event_recorded, dispatch_uid="webhooks.create_deliveries")
def create_deliveries(sender, event, **kwargs):
    services.create_deliveries(event=event)


@receiver([post_save, post_delete], sender=WebhookEndpoint, dispatch_uid="webhooks.forget_subscribed_kinds")
def forget_subscribed_kinds(sender, **kwargs):
    # Now, for this transaction's own events, and after the commit, for what others read meanwhile.
    services.forget_subscribed_kinds()
    transaction.on_commit(services.forget_subscribed_kinds)
