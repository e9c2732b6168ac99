"""The roll-up refresh as a django-tasks task: queued by a read that finds the figures stale."""

import datetime

from django_tasks import task

from django.conf import settings

from .rollups import refresh


@task()
def refresh_rollups() -> int:
    """Refresh the recent roll-ups, unless another refresh did it since this was queued."""
    return refresh(unless_newer_than=datetime.timedelta(seconds=settings.INSIGHTS_MAX_AGE_SECONDS))
