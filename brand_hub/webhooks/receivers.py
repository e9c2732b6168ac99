"""Webhooks react to the event catalogue: each recorded event becomes the deliveries its endpoints want."""

from django.dispatch import receiver

from brand_hub.events.signals import event_recorded

from . import services


@receiver(event_recorded, dispatch_uid="webhooks.create_deliveries")
def create_deliveries(sender, event, **kwargs):
    services.create_deliveries(event=event)
