"""Each prosumer's reputation as last computed from the outcomes other apps record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reputation(models.Model):
    """The counts behind a person's score (rules.COMPONENTS), the score and the badges they earn.

    Recomputed from the stored outcomes whenever one of them changes (receivers.py), so it can always
    be rebuilt from scratch (`manage.py recompute_reputation`). Goes with the account.
    """

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="reputation",
        verbose_name=_("person"),
    )
    ideas_planned = models.PositiveIntegerField(_("ideas planned"), default=0)
    ideas_implemented = models.PositiveIntegerField(_("ideas implemented"), default=0)
    answers_by_ideas = models.PositiveIntegerField(_("complaints and questions answered by ideas"), default=0)
    referred_contributors = models.PositiveIntegerField(_("referred members who took part"), default=0)
    score = models.PositiveIntegerField(_("score"), default=0, db_index=True)
    #: Codes of rules.BADGES, in their order.
    badges = models.JSONField(_("badges"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("reputation")
        verbose_name_plural = _("reputations")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.score}"
