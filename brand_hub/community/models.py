"""Comments (django-comments-xtd), their reactions and reports, the blocklist, follows, mutes and
notifications."""

from django_comments_xtd.models import (
    MaxThreadLevelExceededException,
    XtdComment,
    max_thread_level_for_content_type,
)

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from brand_hub.sentiment.labels import Sentiment

from .threads import place_reply


class CommentKind(models.TextChoices):
    QUESTION = "question", _("Question")
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")
    PRAISE = "praise", _("Praise")
    OTHER = "other", _("Other")


class CommentState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for review")
    REMOVED = "removed", _("Removed")


class HoldReason(models.TextChoices):
    NONE = "", _("None")
    FLAGS = "flags", _("Flagged by several people")
    BLOCKLIST = "blocklist", _("Matches the blocklist")
    NEW_MEMBER = "new_member", _("A new member's first contributions")
    SPAM = "spam", _("Looks like spam")
    ABUSE = "abuse", _("Looks abusive")
    SUSPENDED = "suspended", _("Hidden while its author is suspended")


class CommunityComment(XtdComment):
    """A prosumer's comment on a page, threaded by django-comments-xtd.

    `state` is the moderation truth; xtd's `is_public` and `is_removed` follow it so that
    django-comments' own managers agree. The page is kept as a real foreign key (besides the
    generic object_pk) so that listings filter and join on it.
    """

    # Wagtail's admin viewset would register comments in its reference index, which then re-reads
    # and rewrites a comment's references on both of xtd's saves: nobody asks which comments point at
    # a page or a user, and that bookkeeping was about half of a comment's write.
    wagtail_reference_index_ignore = True

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="community_comments")
    language = models.CharField(_("language"), max_length=8, db_index=True)
    kind = models.CharField(_("kind"), max_length=12, choices=CommentKind.choices, default=CommentKind.OTHER)
    state = models.CharField(
        _("moderation state"),
        max_length=10,
        choices=CommentState.choices,
        default=CommentState.PUBLISHED,
        db_index=True,
    )
    hold_reason = models.CharField(_("held because"), max_length=10, choices=HoldReason.choices, blank=True)
    hold_detail = models.CharField(_("hold detail"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True, db_index=True)
    #: Resolved because the idea linked to it (ideas.IdeaAnswerLink) was planned: reopened when the
    #: link is taken back or the idea falls back, unlike a moderator's own resolution.
    resolved_by_idea = models.BooleanField(_("resolved by an idea"), default=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    like_count = models.PositiveIntegerField(default=0)
    dislike_count = models.PositiveIntegerField(default=0)
    flag_count = models.PositiveIntegerField(_("flags"), default=0, db_index=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False, help_text=_("No more replies in this thread."))
    #: Scored offline from the text, in the text's own language, whenever the text is written.
    sentiment = models.CharField(_("sentiment"), max_length=8, choices=Sentiment.choices, blank=True)
    sentiment_score = models.FloatField(_("sentiment score"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comment", _("Can moderate community comments"))]
        indexes = [
            models.Index(fields=["page", "state"]),
            # The insights' alert list and their resolution times read comments by kind.
            models.Index(fields=["kind", "sentiment", "resolved_at"], name="community_kind_sentiment"),
        ]

    def __str__(self) -> str:
        return f"{self.user_name or _('Former member')}: {self.comment[:60]}"

    @property
    def is_root(self) -> bool:
        return self.parent_id == self.pk

    def save(self, *args, **kwargs):
        """Insert a new comment in one write rather than xtd's insert and full second save.

        xtd inserts first and then saves every column of the three tables again: a thread's first
        comment only to copy its new id into `thread_id` and `parent_id`, a reply to store the thread
        position it works out after the insert. A reply's position does not need its id, so it is
        worked out first (`threads.place_reply`: xtd's numbering in two statements, in the caller's
        transaction) and inserted with it; a new thread gets its ids in one UPDATE of xtd's table.
        post_save fires once, as created.
        """
        if self.pk is not None:
            return super().save(*args, **kwargs)
        # No savepoint: inside a caller's transaction (post_comment) a failure undoes it all anyway.
        with transaction.atomic(savepoint=False):
            if self.parent_id:
                if not max_thread_level_for_content_type(self.content_type):
                    raise MaxThreadLevelExceededException(self)
                place_reply(self)
                super(XtdComment, self).save(*args, **kwargs)
            else:
                super(XtdComment, self).save(*args, **kwargs)
                self.parent_id = self.thread_id = self.pk
                XtdComment.norel_objects.filter(pk=self.pk).update(parent_id=self.pk, thread_id=self.pk)


class ReactionValue(models.TextChoices):
    LIKE = "like", _("Like")
    DISLIKE = "dislike", _("Dislike")


class CommentReaction(models.Model):
    """One reaction per person per comment; kept (without the person) when an account is erased."""

    comment = models.ForeignKey(CommunityComment, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comment_reactions"
    )
    value = models.CharField(max_length=8, choices=ReactionValue.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="one_reaction_per_person")]
        indexes = [models.Index(fields=["created_at"], name="community_reaction_created")]

    def __str__(self) -> str:
        return f"{self.value} on comment {self.comment_id}"


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    ABUSE = "abuse", _("Abuse")
    OFF_TOPIC = "off_topic", _("Off-topic")


class CommentReport(models.Model):
    """A person flags a comment for moderators, with a reason."""

    comment = models.ForeignKey(CommunityComment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comment_reports"
    )
    reason = models.CharField(max_length=10, choices=FlagReason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_person")]

    def __str__(self) -> str:
        return f"{self.reason} on comment {self.comment_id}"


class BlockedTerm(models.Model):
    """A word or phrase that holds a comment for review; matched case-insensitively on whole words."""

    term = models.CharField(_("term"), max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blocked term")
        verbose_name_plural = _("blocklist")
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term


class Follow(models.Model):
    """A prosumer follows an idea, a challenge or a group to hear of replies and status changes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="one_follow_per_page")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.page_id}"


class PersonFollow(models.Model):
    """A prosumer follows another person to see their new comments and ideas in the feed."""

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="people_followed"
    )
    followed = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person_followers"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person followed")
        verbose_name_plural = _("people followed")
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="one_follow_per_person"),
            models.CheckConstraint(condition=~models.Q(follower=models.F("followed")), name="no_self_follow"),
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} follows person {self.followed_id}"


class PersonMute(models.Model):
    """A prosumer mutes another: the muted person's comments no longer reach the muter (threads, feed,
    live stream, notifications). Private: the muted person is never told and sees nothing different."""

    muter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="people_muted")
    muted = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person muted")
        verbose_name_plural = _("people muted")
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="one_mute_per_person"),
            models.CheckConstraint(condition=~models.Q(muter=models.F("muted")), name="no_self_mute"),
        ]
        # Notifications and live streams ask who muted an author.
        indexes = [models.Index(fields=["muted"], name="community_mute_muted")]

    def __str__(self) -> str:
        return f"{self.muter_id} mutes person {self.muted_id}"


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("Reply")
    COMMENT = "comment", _("New comment")
    STATUS_CHANGE = "status_change", _("Status change")
    OFFICIAL_RESPONSE = "official_response", _("Official response")
    ANSWERED_BY_IDEA = "answered_by_idea", _("Answered by an idea")


class Notification(models.Model):
    """What a prosumer is told in the app (and by e-mail): kept until read, then until erased."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    page = models.ForeignKey(Page, null=True, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(CommunityComment, null=True, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.message


class NotificationChannel(models.TextChoices):
    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("In the app and by e-mail")
    NONE = "none", _("Not at all")


class NotificationPreference(models.Model):
    """How a person wants to hear of one kind of notification; no row means the kind's default
    (brand_hub.community.notifications.default_channel)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    channel = models.CharField(max_length=8, choices=NotificationChannel.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} by {self.channel}"


class DigestFrequency(models.TextChoices):
    OFF = "off", _("Never")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class DigestSubscription(models.Model):
    """Whether a person gets the e-mail digest, and how often; no row means off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscription"
    )
    frequency = models.CharField(
        _("digest"), max_length=8, choices=DigestFrequency.choices, default=DigestFrequency.OFF
    )
    #: When the digest was last turned on: a first digest tells of what happened since then, not before.
    subscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["frequency"], name="community_digest_frequency")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.frequency}"


class DigestSent(models.Model):
    """One digest of one period for one person: claimed before it is sent, in the claim's transaction,
    so that no two workers send it; a claim whose worker died is taken over once its lease runs out.

    `covered_until` is where its news end and the person's next digest's begin.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=8, choices=DigestFrequency.choices)
    period_start = models.DateTimeField()
    covered_until = models.DateTimeField()
    claimed_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=40)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [models.UniqueConstraint(fields=["user", "period_start"], name="one_digest_per_period")]

    def __str__(self) -> str:
        return f"{self.frequency} digest of {self.period_start:%Y-%m-%d} for {self.user_id}"
