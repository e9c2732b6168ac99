"""Webhooks in the Wagtail admin: a menu of the endpoints and the deliveries log."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import WebhookDelivery
from .views import LogOnlyPermissionPolicy, WebhooksViewSetGroup

register_permission_policy(WebhookDelivery, LogOnlyPermissionPolicy(WebhookDelivery))


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhooksViewSetGroup()
