"""Computing reputations from the outcomes the ideas, community and recommendations apps store."""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q

from brand_hub.community.models import CommentState
from brand_hub.core.selectors import public_page_q, public_pages
from brand_hub.ideas.models import IdeaAnswerLink, IdeaPage, IdeaStatus
from brand_hub.recommendations.models import Referral

from .models import Reputation
from .rules import COMPONENTS, OUTCOME_STATUSES, PLANNED_STATUSES, badges_of, score_of


def outcome_counts(person_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Each person's count of every component, in four grouped queries.

    Only what anyone can see counts: public ideas, published comments on public pages.
    """
    ids = list(person_ids)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys((c.name for c in COMPONENTS), 0))
    ideas = (
        public_pages(IdeaPage.objects.filter(proposed_by_id__in=ids, status__in=OUTCOME_STATUSES))
        .order_by()
        .values_list("proposed_by_id")
        .annotate(
            planned=Count("pk", filter=Q(status__in=PLANNED_STATUSES)),
            implemented=Count("pk", filter=Q(status=IdeaStatus.IMPLEMENTED)),
        )
    )
    for person, planned, implemented in ideas:
        counts[person].update(ideas_planned=planned, ideas_implemented=implemented)
    answered = (
        IdeaAnswerLink.objects.filter(
            public_page_q("idea__"),
            public_page_q("comment__page__"),
            comment__user_id__in=ids,
            comment__state=CommentState.PUBLISHED,
            idea__status__in=OUTCOME_STATUSES,
        )
        .order_by()
        .values_list("comment__user_id")
        .annotate(n=Count("comment", distinct=True))
    )
    for person, n in answered:
        counts[person]["answers_by_ideas"] = n
    referred = (
        Referral.objects.filter(sharer_id__in=ids, contributions__isnull=False)
        .order_by()
        .values_list("sharer_id")
        .annotate(n=Count("pk", distinct=True))
    )
    for person, n in referred:
        counts[person]["referred_contributors"] = n
    return {person: counts[person] for person in ids}


@transaction.atomic
def recompute(person_ids: Iterable[int | None]) -> int:
    """Store the reputation of these people from their outcomes now; how many were stored.

    Erased people (None, or no account any more) are skipped; people without any outcome keep a
    row of zeros only if they had one.
    """
    ids = set(
        get_user_model().objects.filter(pk__in=[pk for pk in person_ids if pk]).values_list("pk", flat=True)
    )
    stored = 0
    for person, counts in outcome_counts(ids).items():
        score = score_of(counts)
        if not score and not Reputation.objects.filter(person_id=person).exists():
            continue
        Reputation.objects.update_or_create(
            person_id=person, defaults={**counts, "score": score, "badges": badges_of(counts)}
        )
        stored += 1
    return stored


def people_with_outcomes() -> set[int]:
    """Everyone who may have a reputation: proposers of ideas taken up, authors of answered comments,
    sharers who brought members in, and everyone with a stored reputation."""
    people = set(
        IdeaPage.objects.filter(status__in=OUTCOME_STATUSES, proposed_by__isnull=False).values_list(
            "proposed_by_id", flat=True
        )
    )
    people |= set(
        IdeaAnswerLink.objects.filter(comment__user__isnull=False).values_list("comment__user_id", flat=True)
    )
    people |= set(Referral.objects.filter(sharer__isnull=False).values_list("sharer_id", flat=True))
    people |= set(Reputation.objects.values_list("person_id", flat=True))
    return people
