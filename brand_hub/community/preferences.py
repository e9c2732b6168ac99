"""A person's choices of how they hear of each kind of notification, and how often they get the digest."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation

from .models import (
    DigestFrequency,
    DigestSubscription,
    NotificationChannel,
    NotificationKind,
    NotificationPreference,
)
from .notifications import default_channel


@dataclass(frozen=True)
class KindChoice:
    kind: str
    label: str
    channel: str
    default_channel: str


@dataclass(frozen=True)
class Preferences:
    kinds: list[KindChoice]
    digest_frequency: str


def preferences_of(user) -> Preferences:
    """Every kind with the person's channel (the default where they chose none), labelled in the
    person's language; two queries."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel").order_by())
    frequency = (
        DigestSubscription.objects.filter(user=user).values_list("frequency", flat=True).first()
        or DigestFrequency.OFF
    )
    with translation.override(user.preferred_locale):
        kinds = [
            KindChoice(
                kind=kind.value,
                label=str(kind.label),
                channel=chosen.get(kind.value, default_channel(kind)),
                default_channel=default_channel(kind),
            )
            for kind in NotificationKind
        ]
    return Preferences(kinds=kinds, digest_frequency=frequency)


@transaction.atomic
def set_preferences(
    *, user, channels: dict[str, str] | None = None, digest_frequency: str | None = None
) -> Preferences:
    """Store the channels named (the others keep theirs) and the digest frequency, if given.

    Kinds and channels are validated by the caller's schema (NotificationKind, NotificationChannel).
    """
    for kind, channel in (channels or {}).items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=NotificationKind(kind), defaults={"channel": NotificationChannel(channel)}
        )
    if digest_frequency is not None:
        set_digest_frequency(user_id=user.pk, frequency=DigestFrequency(digest_frequency))
    return preferences_of(user)


@transaction.atomic
def set_digest_frequency(*, user_id: int, frequency: str) -> None:
    """Turning the digest on starts its news from now: a first digest does not tell of the past."""
    subscription, _created = DigestSubscription.objects.select_for_update().get_or_create(user_id=user_id)
    if subscription.frequency == DigestFrequency.OFF and frequency != DigestFrequency.OFF:
        subscription.subscribed_at = timezone.now()
    subscription.frequency = frequency
    subscription.save()
