"""What the insights keep: daily roll-ups of the community's activity, page views and influence scores."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    """What a roll-up row counts, each on the day it happened (definitions in README.md, "Insights")."""

    COMMENT = "comment", _("Comments written")
    COMMENT_RESOLVED = "comment_resolved", _("Comments resolved")
    IDEA = "idea", _("Ideas received")
    IDEA_IMPLEMENTED = "idea_implemented", _("Ideas implemented")
    REACTION = "reaction", _("Reactions")
    VOTE = "vote", _("Votes")
    SHARE = "share", _("Shares created")
    SHARE_VISIT = "share_visit", _("Visits through shares")
    PAGE_VIEW = "page_view", _("Page views")


class ScopeType(models.TextChoices):
    """Where an item lives: a community group, an ideas board (open) or a challenge (guided)."""

    NONE = "", _("Elsewhere")
    GROUP = "group", _("Community group")
    BOARD = "board", _("Ideas board")
    CHALLENGE = "challenge", _("Idea challenge")


#: What a roll-up row is unique by: its day and its dimensions.
ROLLUP_DIMENSIONS = ("day", "metric", "locale", "scope_type", "scope_id", "kind", "sentiment")


class ActivityCounts(models.Model):
    """What a roll-up row counts and where: a metric in one locale and scope, of one kind and sentiment."""

    metric = models.CharField(max_length=20, choices=Metric.choices)
    locale = models.CharField(max_length=8)
    scope_type = models.CharField(max_length=10, choices=ScopeType.choices, blank=True)
    #: The group, board or challenge page; 0 when the item lives elsewhere.
    scope_id = models.PositiveIntegerField(default=0)
    #: The comment kind, reaction value, share channel or kind of value, by metric.
    kind = models.CharField(max_length=16, blank=True)
    sentiment = models.CharField(max_length=8, blank=True)
    count = models.PositiveBigIntegerField(default=0)
    #: Estimated savings or revenue, for implemented ideas.
    amount = models.DecimalField(max_digits=16, decimal_places=2, default=0)

    class Meta:
        abstract = True


class DailyActivity(ActivityCounts):
    """One count (and amount) per day, metric and dimension; rebuilt from the stored data by
    `insights_refresh`, so it can always be recomputed from scratch."""

    day = models.DateField()

    class Meta:
        verbose_name = _("daily activity")
        verbose_name_plural = _("daily activity")
        permissions = [("view_insights", _("Can see the co-creation insights"))]
        constraints = [
            models.UniqueConstraint(
                fields=list(ROLLUP_DIMENSIONS),
                name="insights_one_row_per_dimension",
            )
        ]
        indexes = [
            models.Index(fields=["metric", "day"], name="insights_metric_day"),
            # A period's rows summed per dimension (kpis.Tally) from the index alone, on PostgreSQL.
            models.Index(
                fields=["day"],
                include=[*ROLLUP_DIMENSIONS[1:], "count", "amount"],
                name="insights_day_covering",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.metric} {self.locale} {self.kind} {self.sentiment}: {self.count}"


class WeeklyActivity(ActivityCounts):
    """The daily rows summed per week, Monday to Sunday, rebuilt from them with every refresh: a
    period's full weeks are read here (a year: some 30,000 rows instead of 180,000 at 1M comments)."""

    #: The week's Monday.
    week = models.DateField()

    class Meta:
        verbose_name = _("weekly activity")
        verbose_name_plural = _("weekly activity")
        constraints = [
            models.UniqueConstraint(
                fields=["week", *ROLLUP_DIMENSIONS[1:]], name="insights_one_row_per_week_dimension"
            )
        ]
        indexes = [
            models.Index(
                fields=["week"],
                include=[*ROLLUP_DIMENSIONS[1:], "count", "amount"],
                name="insights_week_covering",
            ),
        ]

    def __str__(self) -> str:
        return f"week of {self.week} {self.metric} {self.locale} {self.kind} {self.sentiment}: {self.count}"


class RollupState(models.Model):
    """The one row saying how far the roll-ups have been rebuilt."""

    refreshed_at = models.DateTimeField(null=True, blank=True)
    #: Days before this one are rolled up; later days are rebuilt on every refresh.
    settled_before = models.DateField(null=True, blank=True)
    #: When a read found the roll-ups stale and queued a refresh, so that readers queue one at a time.
    refresh_queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("roll-up state")

    def __str__(self) -> str:
        return f"roll-ups settled before {self.settled_before}, refreshed {self.refreshed_at}"


class PageViewDay(models.Model):
    """Views of a page per day, as the frontends report them (one per visitor and day)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("page views per day")
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="insights_one_row_per_page_day")]
        indexes = [models.Index(fields=["day"], name="insights_page_view_day")]

    def __str__(self) -> str:
        return f"page {self.page_id} on {self.day}: {self.views}"


class InfluenceScore(models.Model):
    """A prosumer's influence in one scope (everyone, a locale or a group), with the figures behind it."""

    scope = models.CharField(
        _("scope"), max_length=32, help_text=_('"all", "locale:es" or "group:<page id>"')
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField(_("rank"))
    score = models.FloatField(_("influence"))
    comments = models.PositiveIntegerField(_("comments"), default=0)
    ideas = models.PositiveIntegerField(_("ideas"), default=0)
    replies_received = models.PositiveIntegerField(_("replies received"), default=0)
    reactions_received = models.PositiveIntegerField(_("reactions received"), default=0)
    votes_received = models.PositiveIntegerField(_("votes received"), default=0)
    share_visits = models.PositiveIntegerField(_("visits through their shares"), default=0)
    responders = models.PositiveIntegerField(_("people who responded"), default=0)
    referred_members = models.PositiveIntegerField(_("members their shares brought who took part"), default=0)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("influence score")
        constraints = [
            models.UniqueConstraint(fields=["scope", "person"], name="insights_one_score_per_scope")
        ]
        indexes = [models.Index(fields=["scope", "rank"], name="insights_scope_rank")]

    def __str__(self) -> str:
        return f"{self.scope} #{self.rank}: {self.person_id} ({self.score:.4f})"


class ResolvedComment(models.Model):
    """A question or complaint resolved, with how long it took: the medians read these few rows,
    not a million comments. Derived like `DailyActivity`, so ids are plain numbers, not keys."""

    comment_id = models.PositiveBigIntegerField(primary_key=True)
    kind = models.CharField(max_length=12)
    #: The day it was resolved.
    day = models.DateField()
    locale = models.CharField(max_length=8)
    scope_type = models.CharField(max_length=10, choices=ScopeType.choices, blank=True)
    scope_id = models.PositiveIntegerField(default=0)
    hours = models.FloatField()
    #: Resolved because an idea linked to it was planned (community's `resolved_by_idea`).
    by_idea = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("resolved comment")
        indexes = [models.Index(fields=["kind", "day"], name="insights_resolved_kind_day")]

    def __str__(self) -> str:
        return f"{self.kind} {self.comment_id} resolved {self.day} after {self.hours:.1f} h"


class ComplaintMade(models.Model):
    """A complaint and its author, for the retention figure."""

    comment_id = models.PositiveBigIntegerField(primary_key=True)
    person_id = models.PositiveBigIntegerField()
    posted_at = models.DateTimeField()
    day = models.DateField()
    locale = models.CharField(max_length=8)
    scope_type = models.CharField(max_length=10, choices=ScopeType.choices, blank=True)
    scope_id = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("complaint made")
        indexes = [models.Index(fields=["day"], name="insights_complaint_day")]

    def __str__(self) -> str:
        return f"complaint {self.comment_id} by {self.person_id} on {self.day}"


class LastSeen(models.Model):
    """When each person last commented, proposed an idea, voted or reacted."""

    person_id = models.PositiveBigIntegerField(primary_key=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("last seen")

    def __str__(self) -> str:
        return f"{self.person_id} last seen {self.at}"
