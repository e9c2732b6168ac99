"""The one catalogue of what happens in Brand Hub: the kinds are public (webhooks, live updates), keep them
stable."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    COMMENT_POSTED = "comment.posted", _("Comment posted")
    COMMENT_EDITED = "comment.edited", _("Comment edited")
    COMMENT_REMOVED = "comment.removed", _("Comment removed")
    REACTION_ADDED = "reaction.added", _("Reaction added")
    VOTE_CAST = "vote.cast", _("Vote cast")
    IDEA_SUBMITTED = "idea.submitted", _("Idea submitted")
    IDEA_STATUS_CHANGED = "idea.status_changed", _("Idea status changed")
    IDEA_MERGED = "idea.merged", _("Idea merged")
    IDEA_IMPLEMENTED = "idea.implemented", _("Idea implemented")
    COMPLAINT_RESOLVED = "complaint.resolved", _("Complaint resolved")
    MEMBER_JOINED = "member.joined", _("Member joined")
    PAGE_PUBLISHED = "page.published", _("Page published")
    PAGE_UNPUBLISHED = "page.unpublished", _("Page unpublished")
    ACCOUNT_ERASED = "account.erased", _("Account erased")
    NOTIFICATION_CREATED = "notification.created", _("Notification created")


class Audience(models.TextChoices):
    """Who may see an event: everyone who may see its page, the moderators, or one person."""

    PUBLIC = "public", _("Public")
    MODERATORS = "moderators", _("Moderators")
    PERSON = "person", _("One person")
