"""What happens to ideas after they are proposed: the community's votes and the brand's status changes."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import IdeaStatus


class IdeaVote(models.Model):
    """One person's support for one idea.

    The vote stays when the account is deleted (voter set to NULL) so the idea's count stays exact.
    """

    idea = models.ForeignKey("ideas.IdeaPage", on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="idea_votes"
    )
    created_at = models.DateTimeField(_("voted at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idea vote")
        constraints = [models.UniqueConstraint(fields=["idea", "voter"], name="ideas_one_vote_per_voter")]
        indexes = [models.Index(fields=["idea", "created_at"], name="ideas_vote_idea_created")]

    def __str__(self) -> str:
        return f"{self.voter_id} → {self.idea_id}"


class IdeaStatusChange(models.Model):
    """The brand's answer moving on: one entry per published change of status or official response."""

    idea = models.ForeignKey("ideas.IdeaPage", on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from status"), max_length=20, choices=IdeaStatus.choices)
    to_status = models.CharField(_("to status"), max_length=20, choices=IdeaStatus.choices)
    official_response = models.TextField(_("official response"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="idea_status_changes",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("idea status change")
        ordering = ["changed_at", "pk"]
        get_latest_by = ["changed_at", "pk"]
        indexes = [models.Index(fields=["to_status", "changed_at"], name="ideas_status_change_to")]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.from_status} → {self.to_status}"


class IdeaAnswerLink(models.Model):
    """An editor's word that an idea answers a complaint or a question: one idea per comment.

    When the idea is planned (or moves on to in progress or implemented) the comment counts as
    resolved by it (the community resolves it, the insights count it) and its author is told.
    """

    idea = models.ForeignKey("ideas.IdeaPage", on_delete=models.CASCADE, related_name="answer_links")
    comment = models.OneToOneField(
        "community.CommunityComment",
        on_delete=models.CASCADE,
        related_name="answer_link",
        verbose_name=_("complaint or question"),
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("linked by"),
    )
    linked_at = models.DateTimeField(_("linked at"), default=timezone.now)

    class Meta:
        verbose_name = _("idea answering a comment")
        indexes = [models.Index(fields=["idea", "linked_at"], name="ideas_answer_idea_linked")]

    def __str__(self) -> str:
        return f"{self.idea_id} answers comment {self.comment_id}"
