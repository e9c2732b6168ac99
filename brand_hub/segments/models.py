"""A segment is a rule with its parameters; an export is the log line of one download of its members."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brand_hub.ideas.models import IdeaStatus

#: The most influencers a segment may take from a ranking.
MAX_TOP = 10_000


class SegmentRule(models.TextChoices):
    INFLUENCERS = "influencers", _("Influencers")
    COMPLAINT_AUTHORS = "complaint_authors", _("Authors of complaints")
    IDEA_AUTHORS = "idea_authors", _("Idea authors")
    REFERRERS = "referrers", _("Referrers")


class ComplaintStatus(models.TextChoices):
    ANY = "", _("Resolved or not")
    RESOLVED = "resolved", _("Resolved")
    UNRESOLVED = "unresolved", _("Unresolved")


class Segment(models.Model):
    """Who a campaign reaches: the people one rule picks, always only those who consented to marketing.

    The parameters a rule does not use stay empty (`clean` says which is which): influencers take the
    top N of a locale's or a group's ranking (or everyone's); the others may narrow to a locale and a
    period (complaints and ideas by when they were written, referrers by when the members their links
    brought signed up).
    """

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    rule = models.CharField(_("rule"), max_length=20, choices=SegmentRule.choices)
    locale = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Leave empty for every language."),
    )
    group = models.ForeignKey(
        "community_groups.CommunityGroupPage",
        null=True,
        blank=True,
        # A group's segment means nothing without the group (SET_NULL would widen it to everyone);
        # the export log keeps the segment's name.
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("community group"),
        help_text=_("Influencers only: the group's own ranking."),
    )
    top = models.PositiveIntegerField(
        _("how many influencers"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TOP)],
        help_text=_("Influencers only: the top N of the ranking (those without consent are left out)."),
    )
    complaint_status = models.CharField(
        _("complaints"), max_length=10, blank=True, choices=ComplaintStatus.choices
    )
    idea_status = models.CharField(
        _("idea status"),
        max_length=20,
        blank=True,
        choices=IdeaStatus.choices,
        help_text=_("Idea authors only: leave empty for any status."),
    )
    date_from = models.DateField(_("from"), null=True, blank=True)
    date_to = models.DateField(_("to"), null=True, blank=True, help_text=_("Included."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        ordering = ["name"]
        permissions = [("export_segment", _("Can export a segment's members"))]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        errors = {}
        influencers = self.rule == SegmentRule.INFLUENCERS
        if influencers:
            if self.top is None:
                errors["top"] = _("Say how many influencers the segment takes.")
            if self.group_id and self.locale:
                errors["group"] = _("Choose a language or a group: a ranking is of one or the other.")
            if self.date_from or self.date_to:
                errors["date_from"] = _("Influence is ranked over its own window; leave the period empty.")
        else:
            if self.top is not None:
                errors["top"] = _("Only a segment of influencers takes a top N.")
            if self.group_id:
                errors["group"] = _("Only a segment of influencers is chosen by group.")
        if self.complaint_status and self.rule != SegmentRule.COMPLAINT_AUTHORS:
            errors["complaint_status"] = _("Only a segment of complaint authors is chosen by resolution.")
        if self.idea_status and self.rule != SegmentRule.IDEA_AUTHORS:
            errors["idea_status"] = _("Only a segment of idea authors is chosen by idea status.")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            errors["date_to"] = _("The period ends before it starts.")
        if errors:
            raise ValidationError(errors)


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    JSON = "json", "JSON (API)"


class SegmentExport(models.Model):
    """One download of a segment's members: who (an editor or an API key), when, how and how many."""

    segment = models.ForeignKey(
        Segment, null=True, on_delete=models.SET_NULL, related_name="exports", verbose_name=_("segment")
    )
    #: Kept when the segment is deleted, so the log still says what was exported.
    segment_name = models.CharField(_("segment name"), max_length=120)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("exported by"),
    )
    #: The editor's user name or the API key's name, as shown in the log.
    by_name = models.CharField(_("exported by"), max_length=150)
    at = models.DateTimeField(_("exported at"), default=timezone.now, db_index=True)
    format = models.CharField(_("format"), max_length=8, choices=ExportFormat.choices)
    row_count = models.PositiveIntegerField(_("rows"))

    class Meta:
        verbose_name = _("segment export")
        verbose_name_plural = _("segment exports")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.segment_name} ({self.at:%Y-%m-%d %H:%M}, {self.by_name})"
