"""The demo's accounts: an administrator, an editor of the brand team and a prosumer."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .assets import DemoContentError


@dataclass(frozen=True)
class AccountRole:
    username: str
    groups: tuple[str, ...] = ()
    is_staff: bool = False
    is_superuser: bool = False


#: Wagtail's "Editors" group grants wagtailadmin.access_admin but not publish_page, which only
#: "Moderators" has on the root; the demo editor publishes everything, so it belongs to both.
ROLES = (
    AccountRole("admin", is_staff=True, is_superuser=True),
    AccountRole("editor", groups=("Editors", "Moderators"), is_staff=True),
    AccountRole("prosumer"),
)


def ensure_account(*, role: AccountRole, display_name: str, email: str):
    """Return (user, password): the password is generated only when the account is created."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=role.username).first()
    if user is not None:
        return user, None
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
    user.save()
    user.groups.set(groups)
    return user, password
