"""Changes to a prosumer's profile that reach beyond the account row, and their marketing consent."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import ConsentSource, MarketingConsent
from .signals import profile_renamed


@transaction.atomic
def update_profile(*, user, changes: dict):
    """Apply profile changes; a new display name shows at once on the person's comments and ideas
    (their apps listen to `profile_renamed`). `marketing_consent` (a bool) gives or withdraws it."""
    changes = dict(changes)
    if "marketing_consent" in changes:
        set_marketing_consent(
            user=user, granted=changes.pop("marketing_consent"), source=ConsentSource.PROFILE
        )
    for name, value in changes.items():
        setattr(user, name, value)
    if changes:
        user.save(update_fields=list(changes))
    if "display_name" in changes:
        profile_renamed.send(sender=type(user), user=user)
    return user


@transaction.atomic
def set_marketing_consent(*, user, granted: bool, source: str) -> MarketingConsent | None:
    """Give or withdraw consent to marketing contact.

    Saying yes again while it is in force keeps its first date; a yes after a withdrawal is a new
    consent with a new date. A withdrawal keeps when it was given and records when it ended.
    """
    now = timezone.now()
    consent = MarketingConsent.objects.select_for_update().filter(user=user).first()
    if granted and consent is None:
        consent = MarketingConsent.objects.create(user=user, granted_at=now, source=source)
    elif granted and not consent.in_force:
        consent.granted_at, consent.withdrawn_at, consent.source = now, None, source
        consent.save(update_fields=["granted_at", "withdrawn_at", "source"])
    elif not granted and consent is not None and consent.in_force:
        consent.withdrawn_at = now
        consent.save(update_fields=["withdrawn_at"])
    if consent is not None:
        # The account's cached reverse relation (read by the profile's answer) sees the change.
        user.marketing_consent = consent
    return consent


def has_marketing_consent(user) -> bool:
    """Whether the person may be contacted for marketing now."""
    return MarketingConsent.objects.filter(user=user, withdrawn_at__isnull=True).exists()


def marketing_consent_q(prefix: str = "") -> Q:
    """The people (rows reaching the account through `prefix`) whose consent is in force: for queries
    that pick people to contact, such as a campaign's segment."""
    return Q(
        **{
            f"{prefix}marketing_consent__isnull": False,
            f"{prefix}marketing_consent__withdrawn_at__isnull": True,
        }
    )
