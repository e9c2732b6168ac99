"""Reputations as the public may read them: only of people who show theirs."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model

from .models import Reputation
from .rules import BADGES, COMPONENTS


def public_reputation(reputation: Reputation | None) -> dict:
    """Score, badges and the breakdown that explains the score, labelled in the active language."""
    counts = {component.name: getattr(reputation, component.name, 0) for component in COMPONENTS}
    earned = set(reputation.badges if reputation else [])
    return {
        "score": reputation.score if reputation else 0,
        "badges": [
            {"code": badge.code, "label": str(badge.label), "description": str(badge.description)}
            for badge in BADGES
            if badge.code in earned
        ],
        "breakdown": [
            {
                "component": component.name,
                "label": str(component.label),
                "count": counts[component.name],
                "points_each": component.points_each,
                "points": counts[component.name] * component.points_each,
            }
            for component in COMPONENTS
        ],
    }


def reputation_for(user_ids: Iterable[int]) -> dict[int, dict]:
    """{user id: public reputation} for the active people among `user_ids` who show their reputation,
    in two queries; people who opted out are left out, so nothing about them reaches the public."""
    shown = list(
        get_user_model()
        .objects.filter(pk__in=set(user_ids), is_active=True, show_reputation=True)
        .values_list("pk", flat=True)
    )
    stored = Reputation.objects.in_bulk(shown)
    return {person: public_reputation(stored.get(person)) for person in shown}
