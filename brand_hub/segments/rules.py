"""The people each rule of a segment picks, with the rule's own figure, before consent is applied.

Each rule answers a queryset of accounts annotated with `figure` (influence score, complaints, ideas,
visits brought); `brand_hub.segments.services.members` keeps the consenting prosumers among them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, FloatField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brand_hub.community.models import CommentKind, CommentState, CommunityComment
from brand_hub.ideas.models import IdeaPage
from brand_hub.insights.influence import ALL, group_scope, locale_scope
from brand_hub.insights.models import InfluenceScore
from brand_hub.recommendations.models import Referral

from .models import ComplaintStatus, Segment, SegmentRule


@dataclass(frozen=True)
class Period:
    """A segment's days as a half-open range of moments in the site's time zone."""

    start: datetime.datetime | None
    end: datetime.datetime | None

    @classmethod
    def of(cls, segment: Segment) -> "Period":
        def moment(day: datetime.date | None) -> datetime.datetime | None:
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)) if day else None

        following = segment.date_to + datetime.timedelta(days=1) if segment.date_to else None
        return cls(start=moment(segment.date_from), end=moment(following))

    def filter(self, rows: QuerySet, field: str) -> QuerySet:
        if self.start is not None:
            rows = rows.filter(**{f"{field}__gte": self.start})
        if self.end is not None:
            rows = rows.filter(**{f"{field}__lt": self.end})
        return rows


def people_counted(rows: QuerySet, person: str) -> QuerySet:
    """The accounts `rows` point at through `person`, each with how many of the rows are theirs."""
    per_person = (
        rows.filter(**{person: OuterRef("pk")})
        .order_by()
        .values(person)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return get_user_model().objects.filter(pk__in=rows.values(person)).annotate(figure=Subquery(per_person))


def influencers(segment: Segment) -> QuerySet:
    if segment.group_id:
        scope = group_scope(segment.group_id)
    elif segment.locale:
        scope = locale_scope(segment.locale)
    else:
        scope = ALL
    ranked = InfluenceScore.objects.filter(scope=scope, rank__lte=segment.top or 0)
    score = ranked.filter(person=OuterRef("pk")).values("score")[:1]
    return (
        get_user_model()
        .objects.filter(pk__in=ranked.values("person"))
        .annotate(figure=Coalesce(Subquery(score), 0.0, output_field=FloatField()))
    )


def complaint_authors(segment: Segment) -> QuerySet:
    complaints = CommunityComment.objects.filter(
        kind=CommentKind.COMPLAINT, state=CommentState.PUBLISHED, user__isnull=False
    )
    if segment.complaint_status == ComplaintStatus.RESOLVED:
        complaints = complaints.filter(resolved_at__isnull=False)
    elif segment.complaint_status == ComplaintStatus.UNRESOLVED:
        complaints = complaints.filter(resolved_at__isnull=True)
    if segment.locale:
        complaints = complaints.filter(language=segment.locale)
    return people_counted(Period.of(segment).filter(complaints, "submit_date"), "user")


def idea_authors(segment: Segment) -> QuerySet:
    ideas = IdeaPage.objects.filter(proposed_by__isnull=False)
    if segment.idea_status:
        ideas = ideas.filter(status=segment.idea_status)
    if segment.locale:
        ideas = ideas.filter(locale__language_code=segment.locale)
    return people_counted(Period.of(segment).filter(ideas, "submitted_at"), "proposed_by")


def referrers(segment: Segment) -> QuerySet:
    """Sharers whose links brought members who signed up in the period (recommendations' referrals)."""
    referrals = Referral.objects.filter(sharer__isnull=False)
    if segment.locale:
        referrals = referrals.filter(share_link__page__locale__language_code=segment.locale)
    return people_counted(Period.of(segment).filter(referrals, "signed_up_at"), "sharer")


@dataclass(frozen=True)
class Rule:
    pick: Callable[[Segment], QuerySet]
    #: What the figure is, for machines (the API) and for people (a CSV's column, the admin).
    figure: str
    figure_label: str


RULES: dict[str, Rule] = {
    SegmentRule.INFLUENCERS: Rule(influencers, "influence_score", _("influence score")),
    SegmentRule.COMPLAINT_AUTHORS: Rule(complaint_authors, "complaints", _("complaints")),
    SegmentRule.IDEA_AUTHORS: Rule(idea_authors, "ideas", _("ideas")),
    SegmentRule.REFERRERS: Rule(
        referrers, "referred_signups", _("members who signed up through their shares")
    ),
}
