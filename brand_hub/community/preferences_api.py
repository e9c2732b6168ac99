"""How a person hears of notifications and how often the digest comes; its one-click unsubscribe."""

from ninja import Field, Form, Query, Schema

from django.utils.translation import gettext as _

from brand_hub.core.errors import Refused
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import ErrorSchema
from brand_hub.users.auth import prosumer_auth, signed_in_user

from . import digests
from .models import DigestFrequency, DigestSubscription, NotificationChannel, NotificationKind
from .preferences import preferences_of, set_preferences

router = ProjectRouter(tags=["community: notification preferences"])

CHANNELS = (
    "`in_app`: in the app only; `email`: in the app and by e-mail at once; `none`: not at all. "
    "The digest tells of what is stored in the app."
)


class KindPreferenceSchema(Schema):
    kind: NotificationKind
    label: str = Field(description="The kind's name in the request's language.")
    channel: NotificationChannel = Field(description=CHANNELS)
    default_channel: NotificationChannel = Field(description="The channel until the person chooses one.")


class PreferencesSchema(Schema):
    kinds: list[KindPreferenceSchema] = Field(description="Every kind of notification, in a fixed order.")
    digest_frequency: DigestFrequency = Field(
        description="How often the e-mail digest comes; `off` by default."
    )


class KindChannelSchema(Schema):
    kind: NotificationKind
    channel: NotificationChannel = Field(description=CHANNELS)


class PreferencesChangeSchema(Schema):
    kinds: list[KindChannelSchema] | None = Field(
        None, description="The kinds to change, each once; the kinds not named keep their channel."
    )
    digest_frequency: DigestFrequency | None = None


@router.get(
    "/me/notification-preferences",
    response={200: PreferencesSchema, 401: ErrorSchema},
    auth=prosumer_auth,
    summary="How I hear of each kind of notification, and how often I get the digest",
)
def my_notification_preferences(request):
    return preferences_of(signed_in_user(request))


@router.put(
    "/me/notification-preferences",
    response={200: PreferencesSchema, 400: ErrorSchema, 401: ErrorSchema},
    auth=prosumer_auth,
    summary="Choose how I hear of kinds of notifications, and how often I get the digest",
)
def change_notification_preferences(request, payload: PreferencesChangeSchema):
    channels: dict[str, str] = {}
    for position, choice in enumerate(payload.kinds or []):
        if choice.kind in channels:
            raise Refused(_("This kind is named twice."), field=f"kinds.{position}.kind")
        channels[choice.kind] = choice.channel
    return set_preferences(
        user=signed_in_user(request), channels=channels, digest_frequency=payload.digest_frequency
    )


class UnsubscribeQuery(Schema):
    token: str = Field(max_length=500, description="The signed token of the digest's List-Unsubscribe link.")


class OneClickForm(Schema):
    list_unsubscribe: str | None = Field(
        None, alias="List-Unsubscribe", description="`One-Click`, as RFC 8058's mail programs send it."
    )


class SubscriptionStateSchema(Schema):
    list: str = Field(description="The mailing the link is for: `digest`.")
    digest_frequency: DigestFrequency


def subscription_state(user_id: int) -> dict:
    frequency = DigestSubscription.objects.filter(user_id=user_id).values_list("frequency", flat=True).first()
    return {"list": digests.DIGEST_LIST, "digest_frequency": frequency or DigestFrequency.OFF}


@router.get(
    "/unsubscribe",
    response={200: SubscriptionStateSchema, 400: ErrorSchema},
    url_name="digest_unsubscribe",
    summary="What a digest's unsubscribe link would stop (changes nothing)",
)
def unsubscribe_state(request, query: Query[UnsubscribeQuery]):
    return subscription_state(digests.subscriber_of(query.token))


@router.post(
    "/unsubscribe",
    response={200: SubscriptionStateSchema, 400: ErrorSchema},
    summary="Stop the digest in one click, without signing in (RFC 8058)",
    description=(
        "The mail program POSTs `List-Unsubscribe=One-Click` (application/x-www-form-urlencoded) to the "
        "digest's List-Unsubscribe URL; the signed token in the URL names the person. Again is harmless."
    ),
)
def unsubscribe(request, query: Query[UnsubscribeQuery], form: Form[OneClickForm]):
    return subscription_state(digests.unsubscribe(query.token))
