"""Reads of ideas that need care: the listing in a fixed number of queries, and moderation states."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Power
from django.utils import timezone

from wagtail.models import Page, TaskState, WorkflowState

from brand_hub.community.models import CommentKind, CommentState, CommunityComment

from .models import IdeaAnswerLink, IdeaPage, IdeaStatus, IdeaStatusChange, IdeaTopic, IdeaVote

#: Votes older than this no longer count for trending (their weight would be below 0.6%).
TRENDING_WINDOW = timedelta(days=30)


class AgeInDays(Func):
    """Days (fractional) from a timestamp until `now`, computed the same way on PostgreSQL and SQLite."""

    output_field = FloatField()
    template = "(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)"
    arg_joiner = " - "

    def __init__(self, expression, now: datetime):
        super().__init__(Value(now, output_field=DateTimeField()), expression)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="(julianday(%(expressions)s))", arg_joiner=") - julianday(",
            **extra_context,
        )  # fmt: skip


def trending_score(now: datetime):
    """Sum over an idea's recent votes of 1 / (1 + age in days) ** 1.5: this week's votes weigh most."""
    weights = (
        IdeaVote.objects.filter(idea=OuterRef("pk"), created_at__gte=now - TRENDING_WINDOW)
        .order_by()
        .values("idea")
        .annotate(score=Sum(1.0 / Power(1.0 + AgeInDays(F("created_at"), now), 1.5)))
        .values("score")
    )
    return Coalesce(Subquery(weights, output_field=FloatField()), Value(0.0))


ORDERINGS = {
    "top": ("-vote_count", "-first_published_at", "-pk"),
    "newest": ("-first_published_at", "-pk"),
    "trending": ("-trending", "-vote_count", "-first_published_at", "-pk"),
}


def with_topics(ideas: QuerySet) -> QuerySet:
    """Ideas with their topics (by name) in one extra query, and their language and author."""
    return ideas.select_related("locale", "proposed_by").prefetch_related(
        Prefetch("tagged_topics", queryset=IdeaTopic.objects.select_related("tag").order_by("tag__name"))
    )


def _count_of(rows: QuerySet, column: str):
    """A correlated count of `rows` per idea (`column` = the idea's pk), 0 when there are none."""
    counted = rows.filter(**{column: OuterRef("pk")}).order_by().values(column).annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")), Value(0))


def answer_count(*, kind: str | None = None):
    """How many published complaints and questions (or only those of `kind`) the idea answers."""
    links = IdeaAnswerLink.objects.filter(comment__state=CommentState.PUBLISHED)
    if kind is not None:
        links = links.filter(comment__kind=kind)
    return _count_of(links, "idea_id")


def with_answer_count(ideas: QuerySet) -> QuerySet:
    return ideas.annotate(answer_count=answer_count())


def listing_queryset(ideas: QuerySet, *, sort: str, user=None) -> QuerySet:
    """Ideas with everything a listing item shows, loaded in a fixed number of queries."""
    ideas = with_answer_count(with_topics(ideas))
    if user is not None:
        ideas = ideas.annotate(has_voted=Exists(IdeaVote.objects.filter(idea=OuterRef("pk"), voter=user)))
    if sort == "trending":
        ideas = ideas.annotate(trending=trending_score(timezone.now()))
    return ideas.order_by(*ORDERINGS[sort])


def parents_of(ideas: list[Page]) -> dict[str, Page]:
    """The parent pages of these ideas by tree path, in one query."""
    paths = {idea.path[: -Page.steplen] for idea in ideas}
    return {parent.path: parent for parent in Page.objects.filter(path__in=paths).only("id", "title", "path")}


def with_parents(ideas: list[IdeaPage]) -> list[IdeaPage]:
    """The ideas, each with its parent page as `listed_parent` (None if gone), in one query."""
    parents = parents_of(ideas)
    for idea in ideas:
        idea.listed_parent = parents.get(idea.path[: -Page.steplen])
    return ideas


@dataclass
class Moderation:
    state: str
    reason: str = ""
    at: datetime | None = None


def moderation_of(ideas: list[IdeaPage]) -> dict[int, Moderation]:
    """Where each idea stands in review, with the editor's comment when it was sent back.

    "published", "in_moderation", "rejected" (with the reason), "unpublished" (was public once)
    or "draft". Two queries whatever the number of ideas.
    """
    base_type = ContentType.objects.get_for_model(Page)
    latest: dict[int, WorkflowState] = {}
    for state in WorkflowState.objects.filter(
        base_content_type=base_type, object_id__in=[str(idea.pk) for idea in ideas]
    ).order_by("created_at", "pk"):
        latest[int(state.object_id)] = state
    rejected = {
        task_state.workflow_state_id: task_state
        for task_state in TaskState.objects.filter(
            workflow_state__in=[state.pk for state in latest.values()], status=TaskState.STATUS_REJECTED
        ).order_by("finished_at", "pk")
    }
    found = {}
    for idea in ideas:
        state = latest.get(idea.pk)
        if idea.live:
            found[idea.pk] = Moderation("published", at=idea.last_published_at)
        elif state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            found[idea.pk] = Moderation("in_moderation", at=state.created_at)
        elif state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            task_state = rejected.get(state.pk)
            found[idea.pk] = Moderation(
                "rejected",
                reason=task_state.comment if task_state else "",
                at=task_state.finished_at if task_state else None,
            )
        elif idea.first_published_at is not None:
            found[idea.pk] = Moderation("unpublished")
        else:
            found[idea.pk] = Moderation("draft")
    return found


def with_moderation(ideas: list[IdeaPage]) -> list[IdeaPage]:
    """The ideas with their parents, and where each stands in review as `moderation`."""
    moderation = moderation_of(ideas)
    for idea in with_parents(ideas):
        idea.moderation = moderation[idea.pk]
    return ideas


def ideas_in_action(ideas: QuerySet) -> QuerySet:
    """Implemented ideas with when they were implemented and the community's part, newest first.

    The moment is the latest recorded change to "implemented" (an idea published as implemented
    without one counts from its last publish); everything counted comes in the same query.
    """
    implementation = IdeaStatusChange.objects.filter(idea=OuterRef("pk"), to_status=IdeaStatus.IMPLEMENTED)
    latest = implementation.order_by("-changed_at", "-pk")
    comments = CommunityComment.objects.filter(state=CommentState.PUBLISHED)
    return (
        with_topics(ideas.filter(status=IdeaStatus.IMPLEMENTED))
        .annotate(
            implemented_at=Coalesce(Subquery(latest.values("changed_at")[:1]), F("last_published_at")),
            implementation_note=Coalesce(
                Subquery(latest.values("official_response")[:1]), Value(""), output_field=TextField()
            ),
            comment_count=_count_of(comments, "page_id"),
            linked_complaint_count=answer_count(kind=CommentKind.COMPLAINT),
            linked_question_count=answer_count(kind=CommentKind.QUESTION),
        )
        .order_by(F("implemented_at").desc(nulls_last=True), "-pk")
    )
