"""Suspensions and trust levels in the Wagtail admin, for community moderators."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Suspension, TrustStanding
from .views import SuspensionPermissionPolicy, SuspensionViewSet, TrustPermissionPolicy, TrustStandingViewSet

register_permission_policy(Suspension, SuspensionPermissionPolicy(Suspension))
register_permission_policy(TrustStanding, TrustPermissionPolicy(TrustStanding))


@hooks.register("register_admin_viewset")
def register_suspensions():
    return SuspensionViewSet()


@hooks.register("register_admin_viewset")
def register_trust_levels():
    return TrustStandingViewSet()
