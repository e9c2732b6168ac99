"""Spreads the demo community's activity over the past weeks, so the insights have a history to show.

The services stamp everything "now"; a brand destination has months behind it. Only rows written
by this run are moved (a second run moves nothing), each by a deterministic amount.
"""

import datetime
import random

from django.utils import timezone

from wagtail.models import Page

from brand_hub.community.models import CommentReaction, CommunityComment
from brand_hub.ideas.models import IdeaPage, IdeaStatus, IdeaStatusChange, IdeaVote
from brand_hub.insights.models import PageViewDay
from brand_hub.recommendations.models import ShareLink, ShareVisit

#: How far back the seeded discussions begin.
HISTORY_DAYS = 56
#: Daily page views are made up for this many days before today.
VIEW_DAYS = 28


def _clamp(moment: datetime.datetime, now: datetime.datetime) -> datetime.datetime:
    return min(moment, now - datetime.timedelta(minutes=5))


def _hours(rng: random.Random, low: float, high: float) -> datetime.timedelta:
    return datetime.timedelta(hours=rng.uniform(low, high))


def spread_comments(*, since: datetime.datetime, now: datetime.datetime) -> dict[int, datetime.datetime]:
    """Threads start over the last HISTORY_DAYS days in the order they were posted; replies follow
    within hours, resolutions within days, reactions soon after. {comment id: its new time}."""
    comments = list(
        CommunityComment.objects.filter(submit_date__gte=since)
        .order_by("pk")
        .values_list("pk", "parent_id", "language", "resolved_at")
    )
    roots = [row for row in comments if row[0] == row[1]]
    moved: dict[int, datetime.datetime] = {}
    per_language: dict[str, int] = {}
    for _pk, _parent, language, _resolved in roots:
        per_language[language] = per_language.get(language, 0) + 1
    seen: dict[str, int] = {}
    for pk, parent_id, language, resolved_at in comments:
        rng = random.Random(f"demo-history:{pk}")
        if pk == parent_id:
            order = seen[language] = seen.get(language, 0) + 1
            fraction = order / (per_language[language] + 1)
            start = now - datetime.timedelta(days=HISTORY_DAYS * (1 - fraction))
            moved[pk] = _clamp(start - _hours(rng, 0, 12), now)
        else:
            moved[pk] = _clamp(moved.get(parent_id, now) + _hours(rng, 0.5, 30), now)
        changes = {"submit_date": moved[pk]}
        if resolved_at is not None:
            changes["resolved_at"] = _clamp(moved[pk] + _hours(rng, 2, 96), now)
        CommunityComment.objects.filter(pk=pk).update(**changes)
    for pk, comment_id in CommentReaction.objects.filter(
        comment_id__in=moved, created_at__gte=since
    ).values_list("pk", "comment_id"):
        rng = random.Random(f"demo-history:reaction:{pk}")
        CommentReaction.objects.filter(pk=pk).update(
            created_at=_clamp(moved[comment_id] + _hours(rng, 0.2, 48), now)
        )
    return moved


def spread_ideas(*, since: datetime.datetime, now: datetime.datetime) -> None:
    """Ideas arrive over the last weeks, votes after them; implemented ideas get the status change
    that made them so, on the day of their official response."""
    for idea in IdeaPage.objects.filter(submitted_at__gte=since).only(
        "pk", "status", "official_response_at", "first_published_at"
    ):
        rng = random.Random(f"demo-history:idea:{idea.pk}")
        submitted = now - datetime.timedelta(days=rng.uniform(20, HISTORY_DAYS + 30))
        if idea.official_response_at is not None:
            submitted = min(
                submitted, idea.official_response_at - datetime.timedelta(days=rng.uniform(7, 30))
            )
        IdeaPage.objects.filter(pk=idea.pk).update(submitted_at=submitted)
        if idea.status == IdeaStatus.IMPLEMENTED and not IdeaStatusChange.objects.filter(idea=idea).exists():
            IdeaStatusChange.objects.create(
                idea=idea,
                from_status=IdeaStatus.IN_PROGRESS,
                to_status=IdeaStatus.IMPLEMENTED,
                # Built some weeks after the brand's answer, within the dashboard's default period.
                changed_at=now - datetime.timedelta(days=rng.uniform(5, HISTORY_DAYS)),
            )
        for vote_pk in IdeaVote.objects.filter(idea=idea, created_at__gte=since).values_list("pk", flat=True):
            vote_rng = random.Random(f"demo-history:vote:{vote_pk}")
            voted = _clamp(submitted + datetime.timedelta(days=vote_rng.uniform(0.1, 20)), now)
            IdeaVote.objects.filter(pk=vote_pk).update(created_at=voted)


def spread_shares(*, since: datetime.datetime, now: datetime.datetime) -> None:
    """Links are shared over the last weeks and visited in the days after."""
    for link_pk in ShareLink.objects.filter(created_at__gte=since).values_list("pk", flat=True):
        rng = random.Random(f"demo-history:share:{link_pk}")
        shared = now - datetime.timedelta(days=rng.uniform(3, HISTORY_DAYS - 5))
        ShareLink.objects.filter(pk=link_pk).update(created_at=shared)
        for visit_pk in ShareVisit.objects.filter(link_id=link_pk).values_list("pk", flat=True):
            visited = _clamp(shared + _hours(rng, 0.1, 24 * 6), now)
            ShareVisit.objects.filter(pk=visit_pk).update(visited_at=visited)


def invent_page_views(*, now: datetime.datetime) -> int:
    """Daily views of every live page for the last VIEW_DAYS days, unless the page has some."""
    counted = set(PageViewDay.objects.values_list("page_id", flat=True).distinct())
    today = timezone.localdate(now)
    rows = []
    for page_id, depth in Page.objects.live().filter(depth__gt=1).values_list("pk", "depth"):
        if page_id in counted:
            continue
        rng = random.Random(f"demo-history:views:{page_id}")
        popularity = rng.uniform(5, 60) / max(depth - 1, 1)
        for days_ago in range(1, VIEW_DAYS + 1):
            views = int(rng.gauss(popularity, popularity / 3))
            if views > 0:
                rows.append(
                    PageViewDay(page_id=page_id, day=today - datetime.timedelta(days=days_ago), views=views)
                )
    PageViewDay.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def spread_over_past(*, since: datetime.datetime, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    spread_comments(since=since, now=now)
    spread_ideas(since=since, now=now)
    spread_shares(since=since, now=now)
    invent_page_views(now=now)
