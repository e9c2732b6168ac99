"""Mutes: a prosumer stops seeing another person's comments, without that person ever knowing.

What a mute hides, for the muter only: the muted person's comments and replies in threads (a muted
comment that others answered stays as a placeholder, without text or author, so the answers keep
their place; one nobody else answered is left out), their comments and ideas in the feed and in
every search (search.queries.base.publicly_visible), their comments on a page's live stream, their
contributions on their public profile (brand_hub.users.api), and the reply and new-comment
notifications they would cause.
Moderation never: the desk, the moderation API and a moderator's view of a thread show everything,
and the brand's moderators, editors and administrators cannot be muted.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from brand_hub.core.errors import Conflict, Refused

from .models import PersonMute
from .selectors import brand_people, muted_by


def mute_person(*, user, person_id: int) -> PersonMute:
    """Mute an active member; muting oneself or one of the brand's people is refused."""
    person = get_user_model().objects.filter(pk=person_id, is_active=True).first()
    if person is None:
        raise Refused(_("No member has this id."), field="person_id", status=404)
    if person.pk == user.pk:
        raise Refused(_("You cannot mute yourself."), field="person_id")
    if brand_people().filter(pk=person.pk).exists():
        raise Refused(_("The brand's moderators and editors cannot be muted."), field="person_id")
    try:
        with transaction.atomic():
            return PersonMute.objects.create(muter=user, muted=person)
    except IntegrityError:
        raise Conflict(_("You have already muted this person."), field="person_id") from None


def unmute_person(*, user, person_id: int) -> None:
    deleted, _count = PersonMute.objects.filter(muter=user, muted_id=person_id).delete()
    if not deleted:
        raise Refused(_("You have not muted this person."), field="person_id", status=404)


def mutes_of(user, *, person_id: int | None = None) -> QuerySet:
    """Whom `user` has muted, newest first, with their names."""
    mutes = PersonMute.objects.filter(muter=user).select_related("muted").order_by("-created_at", "-pk")
    if person_id is not None:
        mutes = mutes.filter(muted_id=person_id)
    return mutes


def mute_out(mute: PersonMute) -> dict:
    return {
        "person_id": mute.muted_id,
        "display_name": mute.muted.display_name or _("Community member"),
        "created_at": mute.created_at,
    }


def mutes_out(rows: list[PersonMute]) -> list[dict]:
    return [mute_out(mute) for mute in rows]


def muted_ids(user_id: int | None) -> frozenset[int]:
    if user_id is None:
        return frozenset()
    return frozenset(muted_by(user_id).values_list("muted_id", flat=True))


def has_muted(*, muter_field: str = "pk", author_id) -> Exists:
    """Whether the person in `muter_field` of the outer query muted `author_id`: for notifications."""
    return Exists(PersonMute.objects.filter(muter_id=OuterRef(muter_field), muted_id=author_id))
