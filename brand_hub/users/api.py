"""Prosumer profiles over the API: one's own (read and edit) and anyone's public profile."""

from datetime import datetime

from ninja import Schema, Status
from pydantic import Field, field_validator

from django.contrib.auth import get_user_model, logout
from django.db.models import Count, Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from brand_hub.community.markup import plain_text
from brand_hub.community.models import CommentState, CommunityComment
from brand_hub.community.moderation import can_moderate
from brand_hub.community.mutes import mutes_of
from brand_hub.core.errors import Refused
from brand_hub.core.selectors import public_page_q, public_pages
from brand_hub.headless.public_urls import api_url, public_page_url
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import ErrorSchema, Id, LocaleCode
from brand_hub.headless.timestamps import TimestampJSONEncoder
from brand_hub.ideas.models import IdeaPage
from brand_hub.reputation.selectors import reputation_for

from .auth import optional_user, prosumer_auth, prosumer_auth_while_suspended, signed_in_user
from .models import DISPLAY_NAME_MAX_LENGTH, MarketingConsent
from .privacy import erase_account, export_personal_data
from .services import update_profile

router = ProjectRouter(tags=["community: people"])

User = get_user_model()


class ProfileSchema(Schema):
    id: int
    email: str
    display_name: str
    bio: str
    preferred_locale: str
    avatar_url: str | None
    roles: list[str]
    show_reputation: bool = Field(description="Whether my reputation and badges are shown to the public")
    terms_accepted_at: datetime | None
    terms_version: str
    date_joined: datetime
    marketing_consent: bool = Field(
        description="Whether the person agrees to marketing contact from the brand"
    )
    marketing_consent_granted_at: datetime | None = Field(
        description="When the consent in force was given (null without one)"
    )
    marketing_consent_withdrawn_at: datetime | None = Field(
        description="When the last consent was withdrawn (null while one is in force or none was ever given)"
    )

    @staticmethod
    def resolve_marketing_consent(user) -> bool:
        consent = marketing_consent_of(user)
        return consent is not None and consent.in_force

    @staticmethod
    def resolve_marketing_consent_granted_at(user) -> datetime | None:
        consent = marketing_consent_of(user)
        return consent.granted_at if consent is not None and consent.in_force else None

    @staticmethod
    def resolve_marketing_consent_withdrawn_at(user) -> datetime | None:
        consent = marketing_consent_of(user)
        return consent.withdrawn_at if consent is not None else None

    @staticmethod
    def resolve_avatar_url(user, context) -> str | None:
        return avatar_url(user, context["request"])

    @staticmethod
    def resolve_roles(user) -> list[str]:
        return sorted(user.groups.values_list("name", flat=True))


class ProfileUpdateSchema(Schema):
    display_name: str | None = Field(default=None, max_length=DISPLAY_NAME_MAX_LENGTH)
    bio: str | None = Field(default=None, max_length=500)
    preferred_locale: LocaleCode | None = None
    show_reputation: bool | None = None
    marketing_consent: bool | None = Field(
        default=None, description="true gives consent to marketing contact, false withdraws it"
    )

    @field_validator("display_name", mode="before")
    @classmethod
    def stripped(cls, value):
        # Before the length check, as the sign-up form does: spaces around a name do not count.
        return value.strip() if isinstance(value, str) else value

    @field_validator("display_name")
    @classmethod
    def not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value:
            raise ValueError(_("Tell the community what to call you."))
        return value


class ContributionSchema(Schema):
    id: int
    title: str
    url: str | None
    status: str
    locale: str

    @staticmethod
    def resolve_url(idea, context) -> str | None:
        return public_page_url(idea, context["request"])

    @staticmethod
    def resolve_locale(idea) -> str:
        return idea.locale.language_code


class ContributionCountsSchema(Schema):
    comments: int
    ideas: int
    votes_received: int
    likes_received: int


class CommentContributionSchema(Schema):
    id: int
    page_id: int
    page_title: str
    page_url: str | None = Field(description="Where the comment is read: its page on the frontend")
    kind: str
    language: str
    excerpt: str
    created_at: datetime

    @staticmethod
    def resolve_page_title(comment) -> str:
        return comment.page.title

    @staticmethod
    def resolve_page_url(comment, context) -> str | None:
        return public_page_url(comment.page, context["request"])

    @staticmethod
    def resolve_excerpt(comment) -> str:
        return Truncator(plain_text(comment.comment)).chars(200)

    @staticmethod
    def resolve_created_at(comment) -> datetime:
        return comment.submit_date


class ReputationBadgeSchema(Schema):
    code: str
    label: str
    description: str = Field(description="What earns the badge")


class ReputationComponentSchema(Schema):
    component: str
    label: str
    count: int
    points_each: int
    points: int


class ReputationSchema(Schema):
    score: int = Field(description="The sum of the breakdown's points")
    badges: list[ReputationBadgeSchema]
    breakdown: list[ReputationComponentSchema] = Field(
        description="Every kind of outcome that earns points, with the person's count of it"
    )


class PublicProfileSchema(Schema):
    id: int
    display_name: str
    bio: str
    avatar_url: str | None
    member_since: datetime
    counts: ContributionCountsSchema
    reputation: ReputationSchema | None = Field(description="None when the person chose not to show it")
    ideas: list[ContributionSchema]
    recent_comments: list[CommentContributionSchema]
    muted: bool = Field(
        description="The signed-in reader muted this person: their ideas and comments are left out here, "
        "as everywhere else for the reader (moderators still see them)"
    )


def marketing_consent_of(user) -> MarketingConsent | None:
    try:
        return user.marketing_consent
    except MarketingConsent.DoesNotExist:
        return None


def avatar_url(user, request) -> str | None:
    return api_url(user.avatar.url, request) if user.avatar else None


@router.get("/me/", response={200: ProfileSchema, 401: ErrorSchema}, auth=prosumer_auth, summary="My profile")
def my_profile(request):
    return signed_in_user(request)


@router.patch(
    "/me/", response={200: ProfileSchema, 400: ErrorSchema, 401: ErrorSchema}, auth=prosumer_auth,
    summary="Edit my profile",
)  # fmt: skip
def update_my_profile(request, changes: ProfileUpdateSchema):
    user = signed_in_user(request)
    update_profile(user=user, changes=changes.model_dump(exclude_unset=True, exclude_none=True))
    return user


@router.get(
    "/people/{user_id}/", response={200: PublicProfileSchema, 404: ErrorSchema}, summary="A public profile"
)
def public_profile(request, user_id: Id):
    """Anyone may read it; a signed-in reader who muted the person gets it without their contributions."""
    user = get_object_or_404(User, pk=user_id, is_active=True)
    reader = optional_user(request)
    muted = reader is not None and mutes_of(reader, person_id=user.pk).exists()
    hides_contributions = muted and not can_moderate(reader)
    ideas = (
        public_pages(IdeaPage.objects.filter(proposed_by=user))
        .select_related("locale")
        .order_by("-first_published_at")[:50]
    )
    published_comments = CommunityComment.objects.filter(
        public_page_q("page__"), user=user, state=CommentState.PUBLISHED
    ).select_related(None)
    comment_totals = published_comments.aggregate(count=Count("pk"), likes=Sum("like_count"))
    idea_totals = public_pages(IdeaPage.objects.filter(proposed_by=user)).aggregate(
        count=Count("pk"), votes=Sum("vote_count")
    )
    recent = published_comments.select_related("page").order_by("-submit_date")[:10]
    return {
        "id": user.pk,
        "display_name": user.display_name or _("Community member"),
        "counts": {
            "comments": comment_totals["count"],
            "ideas": idea_totals["count"],
            "votes_received": idea_totals["votes"] or 0,
            "likes_received": comment_totals["likes"] or 0,
        },
        "recent_comments": [] if hides_contributions else list(recent),
        "bio": user.bio,
        "avatar_url": avatar_url(user, request),
        "member_since": user.date_joined,
        "ideas": [] if hides_contributions else list(ideas),
        "reputation": reputation_for([user.pk]).get(user.pk),
        "muted": muted,
    }


@router.get(
    "/me/export", response={200: dict, 401: ErrorSchema}, auth=prosumer_auth, summary="Download all my data"
)
def export_my_data(request):
    response = JsonResponse(
        export_personal_data(user=signed_in_user(request)),
        encoder=TimestampJSONEncoder,
        json_dumps_params={"indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="brand-hub-my-data.json"'
    return response


class ErasureSchema(Schema):
    password: str = Field(min_length=1, description="The account's password, to confirm it is really you.")


@router.delete(
    "/me/",
    response={204: None, 400: ErrorSchema, 401: ErrorSchema},
    auth=prosumer_auth_while_suspended,  # a suspended person may still have their data erased
    summary="Delete my account",
)
def erase_my_account(request, payload: ErasureSchema):
    user = signed_in_user(request)
    if not user.check_password(payload.password):
        raise Refused(_("The password is not right."), field="password")
    erase_account(user=user)
    logout(request)
    return Status(204, None)
