"""How far a rescore of stored texts has gone, so that an interrupted one goes on where it stopped."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RescoreProgress(models.Model):
    """The last run of `sentiment_rescore` over one kind of row ("comments", "ideas").

    A run goes by ascending id and moves `last_pk` after each stored batch; a run started again
    with the same method (`method_version`, a digest of the rules and lexicons) and the same
    `only_missing` goes on after `last_pk`, until `finished_at` is set.
    """

    name = models.CharField(max_length=50, unique=True)
    method_version = models.CharField(max_length=64)
    only_missing = models.BooleanField(default=False)
    last_pk = models.BigIntegerField(default=0)
    read = models.PositiveBigIntegerField(default=0)
    changed = models.PositiveBigIntegerField(default=0)
    started_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sentiment rescore progress")
        verbose_name_plural = _("sentiment rescore progress")

    def __str__(self) -> str:
        state = "finished" if self.finished_at else f"after id {self.last_pk}"
        return f"{self.name}: {self.read} read, {self.changed} changed, {state}"
