"""Comments, reactions, flags, moderation, follows, mutes and notifications over the API."""

from datetime import datetime
from typing import Literal

from ninja import Field, Query, Schema, Status

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from brand_hub.core.client_ip import client_ip
from brand_hub.core.errors import NotAllowed
from brand_hub.core.rate_limits import limit
from brand_hub.core.selectors import closed_to
from brand_hub.headless.pagination import paginated, shaped
from brand_hub.headless.public_urls import public_page_url
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import CursorQuery, ErrorSchema, Id
from brand_hub.users.api import avatar_url
from brand_hub.users.auth import optional_user, prosumer_auth, signed_in_user

from . import comments as comment_services
from . import feed, moderation, mutes, notifications
from .markup import sanitised
from .models import CommentKind, CommentState, CommunityComment, FlagReason, Notification, ReactionValue
from .selectors import Viewer, page_threads

router = ProjectRouter(tags=["community: comments"])

ERRORS = {
    400: ErrorSchema,
    401: ErrorSchema,
    403: ErrorSchema,
    404: ErrorSchema,
    409: ErrorSchema,
    429: ErrorSchema,
}


class AuthorSchema(Schema):
    id: int
    display_name: str
    avatar_url: str | None


class ResolutionSchema(Schema):
    resolved_at: datetime
    resolved_by: str | None


class CommentSchema(Schema):
    id: int
    page_id: int
    parent_id: int | None
    thread_id: int
    level: int
    language: str
    kind: CommentKind
    state: CommentState
    html: str | None = Field(
        description="Sanitised HTML; null when the comment was removed, or when the viewer muted its "
        "author (it is then kept only to hold the place of the answers to it)."
    )
    author: AuthorSchema | None
    created_at: datetime
    edited_at: datetime | None
    like_count: int
    dislike_count: int
    reply_count: int
    my_reaction: ReactionValue | None
    can_react: bool = Field(
        description="Whether the viewer may like or dislike it: signed in, published, not their own."
    )
    is_mine: bool = Field(description="Whether the viewer wrote it: its author may delete it.")
    editable_until: datetime | None = Field(
        description="For its author: until when its words may be edited (the edit window after posting); "
        "null for anyone else and once removed."
    )
    resolution: ResolutionSchema | None
    pinned: bool
    locked: bool
    flag_count: int | None = Field(description="Moderators only.")
    hold_reason: str | None = Field(description="Moderators only.")
    hold_detail: str | None = Field(description="Moderators only: what the screener that held it found.")
    author_muted: bool = Field(
        description="Whether the viewer muted its author: shown without text or author, only where "
        "others answered it (a moderator still sees it in full)."
    )


class ThreadSchema(CommentSchema):
    replies: list["ThreadSchema"]


class ThreadQuery(Schema):
    page_id: Id
    sort: Literal["oldest", "newest", "top"] = "oldest"


#: What a person may send; the cleaned text keeps at most COMMENTS_MAX_LENGTH characters (a 400 says so).
RAW_TEXT = "The comment, plain text or the small allowed markup; at most {limit} characters once cleaned."


class NewCommentSchema(Schema):
    page_id: Id
    text: str = Field(
        min_length=1, max_length=5000, description=RAW_TEXT.format(limit=settings.COMMENTS_MAX_LENGTH)
    )
    kind: CommentKind = CommentKind.OTHER
    parent_id: Id | None = None


class CommentChangeSchema(Schema):
    text: str | None = Field(
        None, min_length=1, max_length=5000, description=RAW_TEXT.format(limit=settings.COMMENTS_MAX_LENGTH)
    )
    kind: CommentKind | None = None


class ReactionSchema(Schema):
    value: ReactionValue


class FlagSchema(Schema):
    reason: FlagReason
    note: str = Field("", max_length=500)


class CommentModerationSchema(Schema):
    action: Literal["approve", "remove", "resolve", "reopen", "set_kind", "pin", "unpin", "lock", "unlock"]
    kind: CommentKind | None = None


class FollowSchema(Schema):
    page_id: Id


class FollowQuery(Schema):
    page_id: Id | None = Field(None, description="Only this page: whether I follow it")
    person_id: Id | None = Field(None, description="Only this person: whether I follow them")


class FollowOutSchema(Schema):
    kind: Literal["page", "person"]
    page_id: int | None = Field(description="The page followed, for a page")
    person_id: int | None = Field(description="The person followed (their public profile's id), for a person")
    title: str = Field(description="The page's title or the person's display name")
    created_at: datetime


class MuteSchema(Schema):
    person_id: Id = Field(description="The person to mute (their public profile's id)")


class MuteQuery(Schema):
    person_id: Id | None = Field(None, description="Only this person: whether I muted them")


class MuteOutSchema(Schema):
    person_id: int = Field(description="The person muted (their public profile's id)")
    display_name: str
    created_at: datetime


#: moderation.BULK_ACTIONS, as the document lists them.
BulkActionName = Literal["approve", "remove", "resolve"]


class BulkModerationSchema(Schema):
    action: BulkActionName = Field(
        description="Approve held comments, remove comments, or mark complaints and questions resolved"
    )
    comment_ids: list[Id] = Field(
        min_length=1,
        max_length=moderation.BULK_MAX_COMMENTS,
        description=f"The comments, at most {moderation.BULK_MAX_COMMENTS}; an id sent twice counts once.",
    )


class BulkItemSchema(Schema):
    comment_id: int
    outcome: Literal["done", "skipped", "not_found", "not_allowed"] = Field(
        description="done; skipped (the action would change nothing, or was refused: see reason); "
        "not_found (no comment has this id); not_allowed (not in the groups I moderate)"
    )
    reason: str = Field(description="Why it was not done, in my language; empty when done")
    state: CommentState | None = Field(
        description="The comment's moderation state after the request; null when not found or not allowed"
    )


class BulkModerationOutSchema(Schema):
    action: BulkActionName
    done: int = Field(description="How many comments the action changed")
    skipped: int = Field(description="How many it left as they were, for the reason given with each")
    summary: str = Field(description='One line for the moderator: "12 approved, 1 skipped: already removed"')
    results: list[BulkItemSchema] = Field(description="One per comment, in the order sent")


class FeedPageRefSchema(Schema):
    id: int
    title: str = Field(description="The title of the page's translation in my language when there is one")
    url: str | None
    locale: str


class FeedPersonSchema(Schema):
    id: int
    display_name: str


class FeedEngagementSchema(Schema):
    likes: int | None = Field(description="A comment's likes when the feed was read (null for ideas)")
    replies: int | None = Field(description="A comment's published replies (null for ideas)")
    votes: int | None = Field(description="The idea's votes (null for comments)")


class FeedItemSchema(Schema):
    kind: Literal["comment", "reply", "idea", "status_change", "official_response"]
    reason: Literal["followed_page", "followed_person", "rising_in_group"]
    because_of_page: FeedPageRefSchema | None = Field(
        description="The page followed (or the group) that brings the item; null for a followed person"
    )
    because_of_person: FeedPersonSchema | None = Field(description="The person followed, for that reason")
    occurred_at: datetime
    page: FeedPageRefSchema = Field(description="Where it happened: the discussion's page, or the idea")
    comment_id: int | None = Field(description="The comment, for a comment or a reply (`#comment-<id>`)")
    comment_kind: CommentKind | None
    excerpt: str = Field(description="The start of the comment or of the official response, plain text")
    author: FeedPersonSchema | None = Field(description="Who wrote the comment or proposed the idea")
    from_status: str | None = Field(description="For a status change: the idea's status before")
    status: str | None = Field(description="For an idea or a status change: the idea's status then")
    engagement: FeedEngagementSchema
    score: float = Field(
        description="The rank: (1 + engagement) / (hours since + 2) ** 1.5, engagement being likes + "
        "2 × replies for a comment, votes for an idea; items in my language come first."
    )


class FeedSchema(Schema):
    limit: int
    next_cursor: str | None = Field(description="Send it as `cursor` for the next page; null on the last")
    items: list[FeedItemSchema]


class NotificationSchema(Schema):
    id: int
    kind: str
    message: str
    page_id: int | None
    comment_id: int | None
    url: str | None = Field(
        description="Where it is about: the page on the frontend, at the comment (`#comment-<id>`) when "
        "there is one; null when the page is gone."
    )
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_url(notification, context) -> str | None:
        url = public_page_url(notification.page, context["request"]) if notification.page else None
        if url and notification.comment_id:
            url += f"#comment-{notification.comment_id}"
        return url


class MarkReadSchema(Schema):
    ids: list[Id] | None = None


class MarkedReadSchema(Schema):
    marked: int = Field(description="How many notifications this request marked read.")


def comment_out(comment: CommunityComment, viewer: Viewer, request) -> dict:
    muted = getattr(comment, "author_muted", False)
    # A removed comment, or a muted author's kept for the answers to it: a placeholder without words.
    hidden = (comment.state == CommentState.REMOVED or muted) and not viewer.is_moderator
    user = comment.user
    mine = viewer.user_id is not None and comment.user_id == viewer.user_id
    return {
        "id": comment.pk,
        "page_id": comment.page_id,
        "parent_id": None if comment.is_root else comment.parent_id,
        "thread_id": comment.thread_id,
        "level": comment.level,
        "language": comment.language,
        "kind": comment.kind,
        "state": comment.state,
        # Cleaned on the way in; cleaned again on the way out, so nothing stored can carry a script.
        "html": None if hidden else sanitised(comment.comment),
        "author": None
        if hidden or user is None
        else {
            "id": user.pk,
            "display_name": comment.user_name,
            "avatar_url": avatar_url(user, request),
        },
        "created_at": comment.submit_date,
        "edited_at": comment.edited_at,
        "like_count": comment.like_count,
        "dislike_count": comment.dislike_count,
        "reply_count": getattr(comment, "reply_count", 0),
        "my_reaction": getattr(comment, "my_reaction", None),
        "can_react": not hidden and comment_services.may_react(comment, viewer.user),
        "is_mine": mine,
        "editable_until": comment_services.edit_window_end(comment)
        if mine and comment.state != CommentState.REMOVED
        else None,
        "resolution": {"resolved_at": comment.resolved_at, "resolved_by": str(comment.resolved_by or "")}
        if comment.resolved_at
        else None,
        "pinned": comment.pinned,
        "locked": comment.locked,
        "flag_count": comment.flag_count if viewer.is_moderator else None,
        "hold_reason": comment.hold_reason if viewer.is_moderator else None,
        "hold_detail": comment.hold_detail if viewer.is_moderator else None,
        "author_muted": muted,
    }


def thread_out(node: dict, viewer: Viewer, request) -> dict:
    return {
        **comment_out(node["comment"], viewer, request),
        "replies": [thread_out(child, viewer, request) for child in node["replies"]],
    }


def viewer_of(request) -> Viewer:
    user = optional_user(request)
    return Viewer(user=user, is_moderator=moderation.can_moderate(user))


def comment_for_write(comment_id: int, *, seen_by=None) -> CommunityComment:
    """The comment; with `seen_by`, none in an internal challenge or group they are not a member of."""
    comments = CommunityComment.objects.select_related("user", "page")
    if seen_by is not None:
        comments = comments.exclude(closed_to(seen_by, "page__"))
    return get_object_or_404(comments, pk=comment_id)


def comment_to_react_to(comment_id: int, user) -> CommunityComment:
    """Only the comment's state and author's id: a reaction needs no more of it, nor its page (but
    none in an internal challenge or group the person is not a member of)."""
    comments = CommunityComment.objects.select_related(None).only("state", "user_id")
    return get_object_or_404(comments.exclude(closed_to(user, "page__")), pk=comment_id)


@router.get(
    "/comments/",
    response={200: list[ThreadSchema], 400: ErrorSchema, 404: ErrorSchema},
    summary="A page's discussion: its threads, each with every visible reply nested",
)
@paginated
def list_threads(request, query: Query[ThreadQuery]):
    viewer = viewer_of(request)
    comment_services.commentable_page(query.page_id, viewer.user)

    def window(*, offset: int, limit: int) -> tuple[int, list[dict]]:
        total, threads = page_threads(
            page_id=query.page_id, viewer=viewer, sort=query.sort, limit=limit, offset=offset
        )
        return total, [thread_out(node, viewer, request) for node in threads]

    return window


@router.post(
    "/comments/", response={201: CommentSchema, **ERRORS}, auth=prosumer_auth, summary="Comment or reply"
)
def create_comment(request, payload: NewCommentSchema):
    user = signed_in_user(request)
    limit(request, "comment", user=user)
    page = comment_services.commentable_page(payload.page_id, user)
    comment = comment_services.post_comment(
        author=user,
        page=page,
        text=payload.text,
        kind=payload.kind,
        parent_id=payload.parent_id,
        ip_address=client_ip(request),
    )
    return Status(201, comment_out(comment, Viewer(user=user, is_moderator=False), request))


@router.patch(
    "/comments/{comment_id}",
    response={200: CommentSchema, **ERRORS},
    auth=prosumer_auth,
    summary="Edit a comment",
)
def change_comment(request, comment_id: Id, payload: CommentChangeSchema):
    user = signed_in_user(request)
    comment = comment_for_write(comment_id)
    comment = comment_services.edit_comment(comment=comment, by=user, text=payload.text, kind=payload.kind)
    return comment_out(
        comment, Viewer(user=user, is_moderator=moderation.can_moderate(user, comment)), request
    )


@router.delete(
    "/comments/{comment_id}", response={204: None, **ERRORS}, auth=prosumer_auth, summary="Delete my comment"
)
def delete_comment(request, comment_id: Id):
    comment_services.delete_own_comment(comment=comment_for_write(comment_id), by=signed_in_user(request))
    return Status(204, None)


@router.put(
    "/comments/{comment_id}/reaction",
    response={200: ReactionSchema, **ERRORS},
    auth=prosumer_auth,
    summary="Like or dislike",
)
def put_reaction(request, comment_id: Id, payload: ReactionSchema):
    user = signed_in_user(request)
    limit(request, "reaction", user=user)
    value = comment_services.react(
        comment=comment_to_react_to(comment_id, user), user=user, value=ReactionValue(payload.value)
    )
    return {"value": value}


@router.delete(
    "/comments/{comment_id}/reaction",
    response={204: None, **ERRORS},
    auth=prosumer_auth,
    summary="Withdraw my reaction",
)
def delete_reaction(request, comment_id: Id):
    user = signed_in_user(request)
    limit(request, "reaction", user=user)
    comment_services.withdraw_reaction(comment=comment_to_react_to(comment_id, user), user=user)
    return Status(204, None)


@router.post(
    "/comments/{comment_id}/flags",
    response={201: None, **ERRORS},
    auth=prosumer_auth,
    summary="Flag a comment",
)
def flag(request, comment_id: Id, payload: FlagSchema):
    user = signed_in_user(request)
    limit(request, "flag", user=user)
    comment_services.flag_comment(
        comment=comment_for_write(comment_id, seen_by=user),
        reporter=user,
        reason=FlagReason(payload.reason),
        note=payload.note,
    )
    return Status(201, None)


@router.post(
    "/comments/{comment_id}/moderation",
    response={200: CommentSchema, **ERRORS},
    auth=prosumer_auth,
    summary="Moderate a comment",
)
def moderate(request, comment_id: Id, payload: CommentModerationSchema):
    user = signed_in_user(request)
    comment = comment_for_write(comment_id)
    comment = moderation.moderate(comment=comment, by=user, action=payload.action, kind=payload.kind)
    return comment_out(comment, Viewer(user=user, is_moderator=True), request)


@router.post(
    "/moderation/bulk",
    response={200: BulkModerationOutSchema, **ERRORS},
    auth=prosumer_auth,
    summary="Moderate a selection of comments",
    description="Each comment goes through the same moderation as one at a time and is checked on its "
    "own: a group moderator acts only in their groups; comments the action would not change are "
    "skipped with the reason. A person who moderates nowhere is refused (403).",
)
def moderate_selection(request, payload: BulkModerationSchema):
    user = signed_in_user(request)
    if not moderation.moderates_anything(user):
        raise NotAllowed(_("Only community moderators may do this."))
    results = moderation.moderate_many(comment_ids=payload.comment_ids, by=user, action=payload.action)
    done = sum(result.outcome == moderation.BulkOutcome.DONE for result in results)
    return {
        "action": payload.action,
        "done": done,
        "skipped": len(results) - done,
        "summary": moderation.bulk_summary(payload.action, results),
        "results": [
            {
                "comment_id": result.comment_id,
                "outcome": result.outcome,
                "reason": result.reason,
                "state": result.comment.state if result.comment is not None else None,
            }
            for result in results
        ],
    }


@router.get(
    "/mutes/",
    response={200: list[MuteOutSchema], 400: ErrorSchema, 401: ErrorSchema},
    auth=prosumer_auth,
    summary="Whom I muted, newest first",
    description=mutes.__doc__,
)
@paginated
def my_mutes(request, query: Query[MuteQuery]):
    return shaped(mutes.mutes_of(signed_in_user(request), person_id=query.person_id), mutes.mutes_out)


@router.post(
    "/mutes/",
    response={201: MuteOutSchema, **ERRORS},
    auth=prosumer_auth,
    summary="Mute a person: their comments no longer reach me (they are not told)",
)
def mute(request, payload: MuteSchema):
    user = signed_in_user(request)
    limit(request, "mute", user=user)
    return Status(201, mutes.mute_out(mutes.mute_person(user=user, person_id=payload.person_id)))


@router.delete(
    "/mutes/{person_id}", response={204: None, **ERRORS}, auth=prosumer_auth, summary="Unmute a person"
)
def unmute(request, person_id: Id):
    user = signed_in_user(request)
    limit(request, "mute", user=user)
    mutes.unmute_person(user=user, person_id=person_id)
    return Status(204, None)


@router.get(
    "/follows/",
    response={200: list[FollowOutSchema], 400: ErrorSchema, 401: ErrorSchema},
    auth=prosumer_auth,
    summary="What and whom I follow, newest first",
)
@paginated
def my_follows(request, query: Query[FollowQuery]):
    return shaped(
        notifications.follows_of(signed_in_user(request), page_id=query.page_id, person_id=query.person_id),
        notifications.follows_out,
    )


@router.post(
    "/follows/", response={201: FollowOutSchema, **ERRORS}, auth=prosumer_auth, summary="Follow a page"
)
def follow(request, payload: FollowSchema):
    user = signed_in_user(request)
    limit(request, "follow", user=user)
    notifications.follow_page(user=user, page_id=payload.page_id)
    return Status(
        201, notifications.follows_out(list(notifications.follows_of(user, page_id=payload.page_id)))[0]
    )


@router.delete(
    "/follows/{page_id}", response={204: None, **ERRORS}, auth=prosumer_auth, summary="Stop following"
)
def unfollow(request, page_id: Id):
    notifications.unfollow_page(user=signed_in_user(request), page_id=page_id)
    return Status(204, None)


@router.post(
    "/people/{user_id}/follow",
    response={201: FollowOutSchema, **ERRORS},
    auth=prosumer_auth,
    summary="Follow a person: their new comments and ideas come to my feed",
)
def follow_person(request, user_id: Id):
    user = signed_in_user(request)
    limit(request, "follow", user=user)
    notifications.follow_person(user=user, person_id=user_id)
    return Status(201, notifications.follows_out(list(notifications.follows_of(user, person_id=user_id)))[0])


@router.delete(
    "/people/{user_id}/follow",
    response={204: None, **ERRORS},
    auth=prosumer_auth,
    summary="Stop following a person",
)
def unfollow_person(request, user_id: Id):
    notifications.unfollow_person(user=signed_in_user(request), person_id=user_id)
    return Status(204, None)


@router.get(
    "/feed",
    response={200: FeedSchema, 400: ErrorSchema, 401: ErrorSchema},
    auth=prosumer_auth,
    summary="My feed: what is new in what and whom I follow, and what is rising in my groups",
    description=feed.__doc__,
)
def my_feed(request, query: Query[CursorQuery]):
    return feed.read_feed(
        user=signed_in_user(request), cursor=query.cursor, limit=query.limit, request=request
    )


class NotificationQuery(Schema):
    unread: bool = False


@router.get(
    "/notifications/",
    response={200: list[NotificationSchema], **ERRORS},
    auth=prosumer_auth,
    summary="My notifications, newest first",
)
@paginated
def my_notifications(request, query: Query[NotificationQuery]):
    rows = Notification.objects.filter(recipient=signed_in_user(request)).select_related(
        "page", "page__locale"
    )
    if query.unread:
        rows = rows.filter(read_at__isnull=True)
    return rows


@router.post(
    "/notifications/read",
    response={200: MarkedReadSchema, **ERRORS},
    auth=prosumer_auth,
    summary="Mark notifications read",
)
def read_notifications(request, payload: MarkReadSchema):
    return {"marked": notifications.mark_read(user=signed_in_user(request), ids=payload.ids)}
