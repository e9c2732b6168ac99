"""What triage does when other apps' things happen: a submitted idea is scored."""

from django.dispatch import receiver

from brand_hub.ideas.signals import idea_submitted

from .services import triage_idea


@receiver(idea_submitted)
def score_submitted_idea(sender, idea, **kwargs) -> None:
    triage_idea(idea=idea)
