"""The demo's accounts: an administrator, an editor of the brand team and a prosumer."""

import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from brand_hub.users.roles import ADMINISTRATORS, COMMUNITY_MODERATORS, EDITORS, PROSUMERS, ensure_roles

from .assets import DemoContentError


@dataclass(frozen=True)
class AccountRole:
    username: str
    groups: tuple[str, ...] = ()
    is_staff: bool = False
    is_superuser: bool = False


#: One account per role of brand_hub.users.roles; every one of them is a prosumer as well.
ROLES = (
    AccountRole("admin", groups=(ADMINISTRATORS, PROSUMERS), is_staff=True, is_superuser=True),
    AccountRole("editor", groups=(EDITORS, PROSUMERS), is_staff=True),
    AccountRole("moderator", groups=(COMMUNITY_MODERATORS, PROSUMERS), is_staff=True),
    AccountRole("prosumer", groups=(PROSUMERS,)),
)


def ensure_account(*, role: AccountRole, display_name: str, email: str):
    """Return (user, password): the password is generated only when the account is created."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=role.username).first()
    if user is not None:
        return user, None
    ensure_roles()
    groups = list(Group.objects.filter(name__in=role.groups))
    if len(groups) != len(role.groups):
        raise DemoContentError(
            f"Wagtail's groups {', '.join(role.groups)} must exist for the {role.username} account"
        )
    password = secrets.token_urlsafe(12)
    user = user_model(
        username=role.username,
        email=email,
        display_name=display_name,
        is_staff=role.is_staff,
        is_superuser=role.is_superuser,
    )
    user.set_password(password)
    user.terms_accepted_at = user.privacy_accepted_at = timezone.now()
    user.terms_version = settings.TERMS_VERSION
    user.save()
    user.groups.set(groups)
    # Signs in through the accounts API at once: the address counts as verified.
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user, password
