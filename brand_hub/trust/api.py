"""The moderators' trust API: an account's level explained and set, suspensions made, listed and lifted."""

from datetime import UTC, datetime

from ninja import Query, Schema, Status
from pydantic import Field, field_validator

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from brand_hub.core.errors import NotAllowed, Refused
from brand_hub.headless.pagination import paginated
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import ErrorSchema, Id
from brand_hub.users.auth import prosumer_auth, signed_in_user

from . import services
from .models import Suspension, TrustLevel

router = ProjectRouter(tags=["trust"])

ERRORS = {400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema}

VIEW_TRUST = "trust.view_truststanding"
VIEW_SUSPENSIONS = "trust.view_suspension"


def moderator(request, permission: str):
    user = signed_in_user(request)
    if not user.has_perm(permission):
        raise NotAllowed(_("Only community moderators may do this."))
    return user


class SuspensionSchema(Schema):
    id: int
    user_id: int
    starts_at: datetime
    ends_at: datetime | None = Field(description="None: until a moderator lifts it")
    reason: str
    hide_content: bool
    created_by_id: int | None
    lifted_at: datetime | None = Field(description="When it ended: lifted, or reached its end")
    lifted_by_id: int | None = Field(description="Who lifted it; none when it reached its end")
    in_force: bool


class TrustSchema(Schema):
    user_id: int
    level: int = Field(description="0 new member, 1 member, 2 trusted member, 3 community leader")
    label: str
    computed_level: int = Field(description="The level the account's record gives, without an override")
    set_by_moderator: bool
    reasons: list[str] = Field(description="Why, in words: its counts, its time as a member, an override")
    suspension: SuspensionSchema | None = Field(description="The suspension in force, if any")


class LevelChangeSchema(Schema):
    level: TrustLevel | None = Field(description="The level to set; null goes back to the computed one")
    reason: str = Field(min_length=1, max_length=300)


class NewSuspensionSchema(Schema):
    user_id: Id
    reason: str = Field(min_length=1, max_length=500)
    ends_at: datetime | None = Field(None, description="When it ends; none: until lifted")
    hide_content: bool = Field(False, description="Hide the person's published comments meanwhile")

    @field_validator("ends_at")
    @classmethod
    def in_utc_unless_told(cls, value: datetime | None) -> datetime | None:
        # A time without an offset is read as UTC, as the API writes every time.
        return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


class SuspensionQuery(Schema):
    user_id: Id | None = None
    in_force: bool | None = Field(None, description="Only those in force (true) or ended (false)")


def trust_out(person) -> dict:
    explanation = services.explain(person)
    return {
        "user_id": person.pk,
        "level": explanation.level,
        "label": explanation.label,
        "computed_level": explanation.computed_level,
        "set_by_moderator": explanation.set_by_moderator,
        "reasons": explanation.reasons,
        "suspension": services.suspension_in_force(person),
    }


def person(user_id: int):
    return get_object_or_404(get_user_model().objects.select_related("trust_standing"), pk=user_id)


@router.get(
    "/people/{user_id}",
    response={200: TrustSchema, **ERRORS},
    auth=prosumer_auth,
    summary="A person's trust level, explained",
)
def person_trust(request, user_id: Id):
    moderator(request, VIEW_TRUST)
    return trust_out(person(user_id))


@router.put(
    "/people/{user_id}/level",
    response={200: TrustSchema, **ERRORS},
    auth=prosumer_auth,
    summary="Raise or lower a person's trust level (or go back to the computed one)",
)
def set_person_level(request, user_id: Id, payload: LevelChangeSchema):
    by = signed_in_user(request)
    account = person(user_id)
    services.set_level(user=account, by=by, level=payload.level, reason=payload.reason)
    return trust_out(account)


@router.get(
    "/suspensions/",
    response={200: list[SuspensionSchema], **ERRORS},
    auth=prosumer_auth,
    summary="Suspensions, newest first",
)
@paginated
def list_suspensions(request, query: Query[SuspensionQuery]):
    moderator(request, VIEW_SUSPENSIONS)
    suspensions = Suspension.objects.order_by("-starts_at", "-pk")
    if query.user_id is not None:
        suspensions = suspensions.filter(user_id=query.user_id)
    if query.in_force is not None:
        in_force = Suspension.objects.in_force().values("pk")
        suspensions = (
            suspensions.filter(pk__in=in_force) if query.in_force else suspensions.exclude(pk__in=in_force)
        )
    return suspensions


@router.post(
    "/suspensions/",
    response={201: SuspensionSchema, 409: ErrorSchema, **ERRORS},
    auth=prosumer_auth,
    summary="Suspend an account",
)
def create_suspension(request, payload: NewSuspensionSchema):
    by = signed_in_user(request)
    if not services.can_suspend(by):
        raise NotAllowed(_("Only community moderators may suspend accounts."))
    account = get_user_model().objects.filter(pk=payload.user_id).first()
    if account is None:
        raise Refused(_("Nobody has this id."), field="user_id", status=404)
    suspension = services.suspend(
        user=account, by=by, reason=payload.reason, ends_at=payload.ends_at, hide_content=payload.hide_content
    )
    return Status(201, suspension)


@router.post(
    "/suspensions/{suspension_id}/lift",
    response={200: SuspensionSchema, 409: ErrorSchema, **ERRORS},
    auth=prosumer_auth,
    summary="Lift a suspension before its end",
)
def lift_suspension(request, suspension_id: Id):
    by = signed_in_user(request)
    suspension = get_object_or_404(Suspension, pk=suspension_id)
    return services.lift(suspension=suspension, by=by)
