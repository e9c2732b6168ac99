"""A person's group memberships in their data export (users.signals)."""

from django.dispatch import receiver

from brand_hub.users.signals import personal_data_requested

from .services import personal_data


@receiver(personal_data_requested)
def export_the_persons_memberships(sender, user, **kwargs) -> dict:
    return personal_data(user)
