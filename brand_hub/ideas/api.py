"""Ideas from prosumers: submission, votes, listing, status history."""

from ninja import Query, Status

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from brand_hub.community.models import CommentState
from brand_hub.core.errors import Refused
from brand_hub.core.rate_limits import limit
from brand_hub.core.selectors import readable_pages
from brand_hub.headless.pagination import paginated, shaped
from brand_hub.headless.querysets import public_pages_queryset
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import ErrorSchema, Id
from brand_hub.users.auth import optional_user, prosumer_auth, signed_in_user

from . import answers, services
from .models import IdeaBoardPage, IdeaChallengePage, IdeaPage
from .schemas import (
    AnswerLinksInput,
    AnswerLinksSchema,
    HistorySchema,
    IdeaInActionSchema,
    IdeaItemSchema,
    IdeaListQuery,
    IdeaSubmissionSchema,
    InActionQuery,
    MergeInput,
    MergeSchema,
    MyIdeaSchema,
    StatusChangeInput,
    StatusChangeSchema,
    VoteSchema,
)
from .selectors import (
    ideas_in_action,
    listing_queryset,
    with_answer_count,
    with_moderation,
    with_parents,
    with_topics,
)

router = ProjectRouter(tags=["community: ideas"])


def _parent_filter(model, page_id: int, field: str) -> dict:
    parent = model.objects.filter(pk=page_id).values("path", "depth").first()
    if parent is None:
        raise Refused(
            _("There is no %(kind)s with id %(id)s.") % {"kind": model._meta.verbose_name, "id": page_id},
            field=field,
        )
    return {"path__startswith": parent["path"], "depth": parent["depth"] + 1}


def readable_ideas(request: HttpRequest):
    """Ideas the caller may read: public ones, and those of internal challenges of their groups."""
    return public_pages_queryset(request, IdeaPage, reader=optional_user(request))


def _public_idea(request: HttpRequest, idea_id: int) -> IdeaPage:
    return get_object_or_404(readable_ideas(request), pk=idea_id)


def _public_idea_to_vote_on(request: HttpRequest, idea_id: int) -> IdeaPage:
    """Only the idea's id: the vote reads what it needs of the idea under its lock."""
    return get_object_or_404(readable_ideas(request).only("pk"), pk=idea_id)


@router.get(
    "/",
    response={200: list[IdeaItemSchema], 400: ErrorSchema},
    summary="Published ideas, filtered and sorted",
)
@paginated
def list_ideas(request, filters: Query[IdeaListQuery]):
    """Public; a signed-in person (session or X-Session-Token) also learns which ideas they voted for."""
    ideas = readable_ideas(request)
    if filters.board is not None:
        ideas = ideas.filter(**_parent_filter(IdeaBoardPage, filters.board, "board"))
    if filters.challenge is not None:
        ideas = ideas.filter(**_parent_filter(IdeaChallengePage, filters.challenge, "challenge"))
    if filters.status is not None:
        ideas = ideas.filter(status=filters.status)
    if filters.topic:
        ideas = ideas.filter(tagged_topics__tag__slug=filters.topic)
    if filters.locale:
        ideas = ideas.filter(locale__language_code=filters.locale)
    if filters.author is not None:
        ideas = ideas.filter(proposed_by_id=filters.author)

    return shaped(listing_queryset(ideas, sort=filters.sort, user=optional_user(request)), with_parents)


@router.get(
    "/in-action",
    response={200: list[IdeaInActionSchema], 400: ErrorSchema},
    summary="Ideas in action: implemented ideas, what changed and the community's part",
)
@paginated
def ideas_in_action_listing(request, filters: Query[InActionQuery]):
    """Public; the newest implementation first."""
    ideas = readable_ideas(request)
    if filters.locale:
        ideas = ideas.filter(locale__language_code=filters.locale)
    return shaped(ideas_in_action(ideas), with_parents)


@router.post(
    "/",
    response={201: MyIdeaSchema, 400: ErrorSchema, 401: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema},
    auth=prosumer_auth,
    summary="Propose an idea",
)
def submit_idea(request, submission: IdeaSubmissionSchema):
    """The idea waits as a draft for editors to approve it (409 when the board or challenge is closed)."""
    author = signed_in_user(request)
    limit(request, "idea", user=author)
    parent = readable_pages(author).filter(pk=submission.parent).specific().first()
    if not isinstance(parent, IdeaBoardPage | IdeaChallengePage):
        raise Refused(_("Choose an ideas board or a challenge."), field="parent")
    idea = services.submit_idea(
        author=author,
        parent=parent,
        title=submission.title,
        description=submission.description,
        topics=submission.topics,
    )
    idea = with_topics(IdeaPage.objects).get(pk=idea.pk)
    return Status(201, with_moderation([idea])[0])


@router.get(
    "/mine/",
    response={200: list[MyIdeaSchema], 400: ErrorSchema, 401: ErrorSchema},
    auth=prosumer_auth,
    summary="My ideas, drafts included, with where they stand in moderation",
)
@paginated
def my_ideas(request):
    """A rejected idea carries the editor's comment as `moderation.reason`."""
    ideas = IdeaPage.objects.filter(proposed_by=signed_in_user(request))

    return shaped(with_topics(ideas).order_by("-latest_revision_created_at", "-pk"), with_moderation)


VOTE_RESPONSES = {200: VoteSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema}


@router.post("/{int:idea_id}/vote", response=VOTE_RESPONSES, auth=prosumer_auth, summary="Vote for an idea")
def vote(request, idea_id: Id):
    """409 when the person already voted or voting is closed on the board or challenge."""
    voter = signed_in_user(request)
    limit(request, "vote", user=voter)
    count = services.cast_vote(idea=_public_idea_to_vote_on(request, idea_id), voter=voter)
    return {"idea": idea_id, "vote_count": count, "has_voted": True}


@router.delete("/{int:idea_id}/vote", response=VOTE_RESPONSES, auth=prosumer_auth, summary="Withdraw my vote")
def withdraw_vote(request, idea_id: Id):
    """409 when the person had not voted or voting is closed."""
    voter = signed_in_user(request)
    limit(request, "vote", user=voter)
    count = services.withdraw_vote(idea=_public_idea_to_vote_on(request, idea_id), voter=voter)
    return {"idea": idea_id, "vote_count": count, "has_voted": False}


@router.post(
    "/{int:idea_id}/status",
    response={
        200: StatusChangeSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema,
        404: ErrorSchema, 409: ErrorSchema,
    },
    auth=prosumer_auth,
    summary="Answer an idea with a new status (editors)",
)  # fmt: skip
def change_status(request, idea_id: Id, change: StatusChangeInput):
    """Publishes a new revision of the idea; 403 for anyone without publish permission on it."""
    idea = get_object_or_404(IdeaPage, pk=idea_id)
    recorded = services.change_idea_status(
        idea=idea,
        by=signed_in_user(request),
        status=change.status,
        official_response=services.paragraphs_html(change.official_response),
    )
    return recorded


@router.get(
    "/{int:idea_id}/history",
    response={200: HistorySchema, 404: ErrorSchema},
    summary="How the brand answered an idea over time",
)
def status_history(request, idea_id: Id):
    idea = _public_idea(request, idea_id)
    return {
        "idea": idea.pk,
        "status": idea.status,
        "changes": list(idea.status_changes.all()),
    }


@router.post(
    "/{int:idea_id}/merge",
    response={
        200: MergeSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema,
        404: ErrorSchema, 409: ErrorSchema,
    },
    auth=prosumer_auth,
    summary="Merge a duplicate into another idea (editors)",
)  # fmt: skip
def merge(request, idea_id: Id, merge_input: MergeInput):
    """Votes move to the target, the duplicate is declined and unpublished, its URL redirects."""
    source = get_object_or_404(IdeaPage, pk=idea_id)
    target = IdeaPage.objects.filter(pk=merge_input.target).first()
    if target is None:
        raise Refused(_("There is no idea with id %(id)s.") % {"id": merge_input.target}, field="target")
    merged = services.merge_idea(source=source, target=target, by=signed_in_user(request))
    target = with_answer_count(with_topics(IdeaPage.objects)).get(pk=merged.target.pk)
    return {
        "source": source.pk,
        "target": with_parents([target])[0],
        "redirect_from": merged.redirect.old_path if merged.redirect else None,
    }


ANSWER_RESPONSES = {
    200: AnswerLinksSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema,
    404: ErrorSchema, 409: ErrorSchema,
}  # fmt: skip


def _answer_links(idea: IdeaPage) -> dict:
    linked = list(answers.answered_comments(idea).values_list("pk", "state"))
    return {
        "idea": idea.pk,
        "answer_count": sum(1 for _pk, state in linked if state == CommentState.PUBLISHED),
        "comment_ids": [pk for pk, _state in linked],
    }


@router.post(
    "/{int:idea_id}/answers",
    response=ANSWER_RESPONSES,
    auth=prosumer_auth,
    summary="Link complaints and questions to the idea that answers them (moderators)",
)
def link_answers(request, idea_id: Id, links: AnswerLinksInput):
    """Published complaints and questions on any page; a comment is answered by one idea (409 when
    another idea answers it). When the idea is already planned or implemented they are resolved at once
    and their authors told. 403 for anyone who may not moderate comments."""
    idea = get_object_or_404(IdeaPage, pk=idea_id)
    answers.link_answers(idea=idea, comment_ids=links.comment_ids, by=signed_in_user(request))
    return _answer_links(idea)


@router.delete(
    "/{int:idea_id}/answers",
    response=ANSWER_RESPONSES,
    auth=prosumer_auth,
    summary="Take back links of comments to the idea (moderators)",
)
def unlink_answers(request, idea_id: Id, links: AnswerLinksInput):
    """A comment that only the idea had resolved reopens."""
    idea = get_object_or_404(IdeaPage, pk=idea_id)
    answers.unlink_answers(idea=idea, comment_ids=links.comment_ids, by=signed_in_user(request))
    return _answer_links(idea)
