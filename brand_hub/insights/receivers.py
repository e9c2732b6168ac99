"""What the insights do when another app's news changes figures already rolled up."""

from django.dispatch import receiver

from brand_hub.sentiment.signals import rescored

from .models import RollupState


@receiver(rescored)
def rebuild_every_day_after_a_sentiment_rescore(sender, changed: int, **kwargs) -> None:
    """Comments of any day may have changed label: the next refresh rebuilds every day (not only
    the recent ones), and the next read asks for it at once."""
    RollupState.objects.filter(pk=1).update(settled_before=None, refreshed_at=None)
