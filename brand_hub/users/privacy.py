"""A prosumer's rights over their data: download all of it, and erase the account.

Erasure keeps what the community built (comments, ideas, votes and reactions stay, so threads and
counts stay whole) and removes the person: the account row, name, e-mail, IP addresses, sessions,
follows, memberships and notifications.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page
from wagtail.search import index

from brand_hub.headless.timestamps import iso_timestamp

from .models import MarketingConsent
from .signals import account_erasing, personal_data_exported, personal_data_requested


def export_personal_data(*, user) -> dict:
    """Everything Brand Hub stores about the person, as JSON-ready data."""
    data = {
        "exported_at": iso_timestamp(timezone.now()),
        "account": {
            "id": user.pk,
            "username": user.get_username(),
            "email": user.email,
            "display_name": user.display_name,
            "bio": user.bio,
            "preferred_locale": user.preferred_locale,
            "avatar": user.avatar.name or None,
            "date_joined": iso_timestamp(user.date_joined),
            "last_login": iso_timestamp(user.last_login),
            "terms_version": user.terms_version,
            "terms_accepted_at": iso_timestamp(user.terms_accepted_at),
            "privacy_accepted_at": iso_timestamp(user.privacy_accepted_at),
            "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
            "marketing_consent": [
                {
                    "granted_at": iso_timestamp(consent.granted_at),
                    "withdrawn_at": iso_timestamp(consent.withdrawn_at),
                    "source": consent.source,
                }
                for consent in MarketingConsent.objects.filter(user=user)
            ],
        },
    } | {
        name: section
        for _receiver, sections in personal_data_requested.send(sender=type(user), user=user)
        for name, section in sections.items()
    }
    personal_data_exported.send(sender=type(user), user=user, sections=sorted(data))
    return data


@transaction.atomic
def erase_account(*, user) -> None:
    """Remove the person and keep their contributions, anonymous."""
    owned_pages = list(Page.objects.filter(owner=user).values_list("pk", flat=True))
    # Each app anonymises its own rows (comments, ideas, search documents) while the account exists.
    account_erasing.send(sender=type(user), user=user)
    if user.avatar:
        user.avatar.delete(save=False)
    # Foreign keys: SET_NULL on contributions, CASCADE on personal state. Every other session or app
    # token of the account stops working with the row: ids are never reused (AUTOINCREMENT, sequences).
    get_user_model().objects.filter(pk=user.pk).delete()
    # Page search showed the owner of the pages the person created (their ideas).
    for page in Page.objects.filter(pk__in=owned_pages).specific():
        index.insert_or_update_object(page)
