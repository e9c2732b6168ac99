"""Live updates over the API: a page's discussion and a prosumer's notifications as Server-Sent Events."""

from datetime import datetime

from asgiref.sync import sync_to_async
from ninja import Field, Query, Schema

from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _

from wagtail.models import Page

from brand_hub.community.moderation import can_moderate
from brand_hub.community.mutes import muted_ids
from brand_hub.community_groups.services import is_group_moderator
from brand_hub.core.errors import Refused
from brand_hub.core.selectors import is_readable
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import ErrorSchema, Id
from brand_hub.users.auth import optional_user, prosumer_auth, signed_in_user

from . import live
from .catalogue import EventKind

router = ProjectRouter(tags=["community: live updates"])


class LiveEventSchema(Schema):
    """The `data:` of each event on a stream, as JSON."""

    id: int = Field(description="The event's id, also its SSE `id:`; ids only grow.")
    kind: EventKind = Field(description="Also the SSE `event:` name (listen with addEventListener).")
    occurred_at: datetime
    page_id: int | None = Field(description="The page whose discussion it belongs to.")
    object_id: str = Field(description="The comment's, idea's or notification's id, as text.")
    payload: dict = Field(
        description="comment.*: comment_id, page_id, parent_id, thread_id, kind, state, language, author "
        "({id, display_name} or null), created_at, text (a plain excerpt; not on comment.removed), "
        "edited_at (comment.edited), previous_state (after moderation). reaction.added: comment_id, "
        "value, like_count, dislike_count. vote.cast: idea_id, vote_count. idea.status_changed and "
        "idea.implemented: idea_id, title, locale, from_status, to_status, response_changed. idea.merged: "
        "source_id, target_id, title. complaint.resolved: the comment's fields and resolved_at. "
        "notification.created: notification_id, kind, message, page_id, comment_id."
    )


#: Event ids are 64-bit (BigAutoField).
MAX_EVENT_ID = 2**63 - 1


class ResumeQuery(Schema):
    last_event_id: int | None = Field(
        None,
        ge=0,
        le=MAX_EVENT_ID,
        description="The id of the last event received, for clients that cannot send the Last-Event-ID "
        "header (the header wins when both are sent).",
    )


def stream_document(summary: str) -> dict:
    """The operation's 200 in the OpenAPI document: an event stream, its frames and their data."""
    data = LiveEventSchema.model_json_schema()
    return {
        "responses": {
            200: {
                "description": summary,
                "content": {
                    "text/event-stream": {
                        "schema": {
                            "type": "string",
                            "description": (
                                "Server-Sent Events. Each event: `id: <event id>`, `event: <kind>`, "
                                "`data: <LiveEvent as JSON>`. An event that committed after later ones "
                                "were sent comes without `id:` (the data still has it). `event: reset` "
                                "(data: {detail}) means too much or too old to replay: reload the "
                                "state. A `: keepalive` comment every 15 s. Reconnect with the "
                                "Last-Event-ID header (EventSource does) or `?last_event_id=`."
                            ),
                        },
                        "x-sse-data": data,
                        "example": 'id: 42\nevent: vote.cast\ndata: {"id": 42, "kind": "vote.cast", '
                        '"occurred_at": "2026-12-06T15:04:05.123Z", "page_id": 7, "object_id": "7", '
                        '"payload": {"idea_id": 7, "vote_count": 12}}\n\n',
                    }
                },
            }
        }
    }


def last_event_id(request, query: ResumeQuery) -> int | None:
    header = request.headers.get("Last-Event-ID")
    if header is None or header == "":
        return query.last_event_id
    if not header.isascii() or not header.isdigit() or int(header) > MAX_EVENT_ID:
        raise Refused(_("Last-Event-ID is the id of an event: a whole number."), field="Last-Event-ID")
    return int(header)


async def event_stream(request, spec: live.StreamSpec, *, after: int | None, still_allowed=None):
    """An ASGI server gets the broker's stream; runserver (WSGI) a stream that reads the table itself."""
    if isinstance(request, ASGIRequest):
        # Django would keep the request's database connection until the response ends, that is for the
        # stream's whole life: one connection per open stream would soon exhaust PostgreSQL's. The
        # stream reads through the broker's connections; the request's goes back now.
        await sync_to_async(connections.close_all)()
        content = live.stream(spec, last_event_id=after, still_allowed=still_allowed)
    else:
        content = live.polled_stream(spec, last_event_id=after, still_allowed=still_allowed)
    response = StreamingHttpResponse(content, content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx passes each event on at once
    return response


def moderates_page(user, page_id: int) -> bool:
    if can_moderate(user):
        return True
    page = Page.objects.filter(pk=page_id).select_related("content_type").first()
    return (
        user is not None
        and page is not None
        and page.content_type.model == "communitygrouppage"
        and is_group_moderator(user, page.specific)
    )


@router.get(
    "/live/pages/{page_id}",
    response={400: ErrorSchema, 404: ErrorSchema},
    summary="A page's discussion, live",
    description="Comments posted, edited and removed, reactions, votes, status changes and resolved "
    "complaints on a public page, as they commit. Held comments reach moderators only; the comments of "
    "people the signed-in reader muted do not reach them.",
    openapi_extra=stream_document("The page's events, as Server-Sent Events"),
)
async def page_events(request, page_id: Id, query: Query[ResumeQuery]):
    after = last_event_id(request, query)

    def viewer() -> tuple[object, bool, frozenset]:
        user = optional_user(request)
        if not is_readable(user, page_id):
            raise Refused(_("There is no public page with this id."), field="page_id", status=404)
        moderator = moderates_page(user, page_id)
        # A moderator's stream leaves nothing out; anyone else's leaves out the people they muted.
        return user, moderator, muted_ids(None if moderator or user is None else user.pk)

    user, moderator, muted = await sync_to_async(viewer)()
    spec = live.StreamSpec.for_page(page_id, moderator=moderator, hidden_authors=muted)
    return await event_stream(request, spec, after=after, still_allowed=lambda: is_readable(user, page_id))


@router.get(
    "/live/me",
    response={400: ErrorSchema, 401: ErrorSchema},
    auth=prosumer_auth,
    summary="My notifications, live",
    description="Each notification the signed-in prosumer receives, as it is stored.",
    openapi_extra=stream_document("The prosumer's notifications, as Server-Sent Events"),
)
async def my_events(request, query: Query[ResumeQuery]):
    after = last_event_id(request, query)
    user = signed_in_user(request)
    return await event_stream(request, live.StreamSpec.for_person(user.pk), after=after)
