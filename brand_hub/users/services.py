"""Changes to a prosumer's profile that reach beyond the account row."""

from django.db import transaction

from .signals import profile_renamed


@transaction.atomic
def update_profile(*, user, changes: dict):
    """Apply profile changes; a new display name shows at once on the person's comments and ideas
    (their apps listen to `profile_renamed`)."""
    for name, value in changes.items():
        setattr(user, name, value)
    if changes:
        user.save(update_fields=list(changes))
    if "display_name" in changes:
        profile_renamed.send(sender=type(user), user=user)
    return user
