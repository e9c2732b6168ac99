"""A community's history written row by row at chosen moments, so each figure can be worked out by hand."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from brand_hub.community.models import CommentReaction, CommentState, CommunityComment
from brand_hub.ideas.models import IdeaPage, IdeaStatus, IdeaStatusChange, IdeaVote
from brand_hub.insights.models import PageViewDay
from brand_hub.recommendations.models import ShareLink, ShareVisit
from tests.factories.pages import publish


def at(month: int, day: int, hour: int = 12, year: int = 2026) -> datetime.datetime:
    """A moment in the site's time zone."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def comment(
    page, author, *, kind, when, sentiment="", resolved=None, parent=None, state=CommentState.PUBLISHED
):
    made = CommunityComment(
        content_type_id=page.content_type_id,
        object_pk=str(page.pk),
        page=page,
        site_id=settings.SITE_ID,
        user=author,
        user_name=str(author),
        comment=f"<p>{kind} by {author}</p>",
        kind=kind,
        language=page.locale.language_code,
        parent_id=parent.pk if parent else 0,
        submit_date=when,
        is_public=state == CommentState.PUBLISHED,
        state=state,
    )
    made.save()
    # Written after the save, so no scoring on the way in can replace the chosen label.
    CommunityComment.objects.filter(pk=made.pk).update(sentiment=sentiment, resolved_at=resolved)
    made.refresh_from_db()
    return made


def react(comment_row, person, *, when, value="like"):
    reaction = CommentReaction.objects.create(comment=comment_row, user=person, value=value)
    CommentReaction.objects.filter(pk=reaction.pk).update(created_at=when)


def idea(
    parent, author, *, title, when, status=IdeaStatus.SUBMITTED, implemented=None, value=None, value_kind=""
):
    made = publish(
        parent, IdeaPage(title=title, slug=title.lower().replace(" ", "-"), description="<p>.</p>")
    )
    IdeaPage.objects.filter(pk=made.pk).update(
        proposed_by=author,
        submitted_at=when,
        status=status,
        estimated_value=Decimal(value) if value is not None else None,
        value_kind=value_kind,
    )
    if implemented is not None:
        IdeaStatusChange.objects.create(
            idea_id=made.pk,
            from_status=IdeaStatus.PLANNED,
            to_status=IdeaStatus.IMPLEMENTED,
            changed_at=implemented,
        )
    return IdeaPage.objects.get(pk=made.pk)


def vote(idea_page, voter, *, when):
    IdeaVote.objects.create(idea=idea_page, voter=voter, created_at=when)


def share(page, sharer, *, channel, when, visits=()):
    link = ShareLink.objects.create(page=page, sharer=sharer, channel=channel)
    ShareLink.objects.filter(pk=link.pk).update(created_at=when)
    for number, visited in enumerate(visits):
        visit = ShareVisit.objects.create(link=link, visitor_key=f"visitor-{link.pk}-{number}")
        ShareVisit.objects.filter(pk=visit.pk).update(visited_at=visited)
    return link


def views(page, *, day: datetime.date, count: int):
    PageViewDay.objects.create(page=page, day=day, views=count)
