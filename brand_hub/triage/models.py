"""The triage's record of each submitted idea: its scores, what fired and whether reviewers are warned."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TriageFlag(models.TextChoices):
    NONE = "", _("Nothing found")
    SPAM = "spam", _("Spam")
    ABUSE = "abuse", _("Abuse")


class IdeaTriage(models.Model):
    """Scores of an idea when it was submitted; a flagged idea is listed for its reviewers.

    The idea stays in its review workflow either way: triage only warns, reviewers decide.
    """

    idea = models.OneToOneField(
        "ideas.IdeaPage", on_delete=models.CASCADE, related_name="triage", verbose_name=_("idea")
    )
    spam = models.FloatField(_("spam score"))
    abuse = models.FloatField(_("abuse score"))
    flag = models.CharField(
        _("flagged as"), max_length=5, choices=TriageFlag.choices, blank=True, db_index=True
    )
    signals = models.JSONField(_("signals"), default=list, blank=True)
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        verbose_name = _("idea triage")
        verbose_name_plural = _("idea triage")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.flag or 'ok'} (spam {self.spam:.2f}, abuse {self.abuse:.2f})"
