"""Scoring stored contributions: each submitted idea gets its triage row."""

from brand_hub.community.markup import plain_text

from .models import IdeaTriage
from .scoring import score
from .screening import reason_for


def triage_idea(*, idea) -> IdeaTriage:
    """Score the idea's title and description in its page's language and keep the result."""
    text = f"{idea.title}.\n{plain_text(idea.description or '')}"
    scores = score(text, idea.locale.language_code)
    triage, _ = IdeaTriage.objects.update_or_create(
        idea=idea,
        defaults={
            "spam": scores.spam,
            "abuse": scores.abuse,
            "flag": reason_for(scores),
            "signals": scores.signals,
        },
    )
    return triage
