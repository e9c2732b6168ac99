"""API keys and their use log under Settings."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import ApiKeyUse
from .views import ApiKeyUseViewSet, ApiKeyViewSet, ReadOnlyPolicy

register_permission_policy(ApiKeyUse, ReadOnlyPolicy(ApiKeyUse))


@hooks.register("register_admin_viewset")
def register_api_keys():
    return [ApiKeyViewSet(), ApiKeyUseViewSet()]
