"""Co-creation pages: the open ideas board, the brand's challenges and the ideas prosumers propose."""

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from brand_hub.core.models import BrandPage, InternalSpaceMixin, image_alt_text_field
from brand_hub.headless.fields import (
    ImageRenditionsField,
    RichTextHTMLField,
    TagNamesField,
    ValueField,
)
from brand_hub.sentiment.labels import Sentiment
from brand_hub.sentiment.scoring import idea_sentiment


class ChallengePhase(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    COLLECTING = "collecting", _("Collecting ideas")
    VOTING = "voting", _("Voting")
    REVIEW = "review", _("Review")
    CLOSED = "closed", _("Closed")


class IdeaStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    DECLINED = "declined", _("Declined")


#: The statuses in which the brand has committed to an idea: the complaints and questions it answers
#: count as resolved by it from the moment it reaches the first of them.
ANSWERING_STATUSES = frozenset({IdeaStatus.PLANNED, IdeaStatus.IN_PROGRESS, IdeaStatus.IMPLEMENTED})
#: The statuses whose news goes to the idea's voters and to the authors of what it answers.
CLOSING_THE_LOOP_STATUSES = frozenset({IdeaStatus.PLANNED, IdeaStatus.IMPLEMENTED})


class ValueKind(models.TextChoices):
    SAVINGS = "savings", _("Savings")
    REVENUE = "revenue", _("Revenue")


class IdeasIndexPage(BrandPage):
    """The co-creation landing: the open board and the challenges, in one language."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["ideas.IdeaBoardPage", "ideas.IdeaChallengePage"]
    max_count_per_parent = 1

    intro = models.TextField(_("introduction"), blank=True)

    search_fields = BrandPage.search_fields + [index.SearchField("intro")]
    api_fields = BrandPage.api_fields + [APIField("intro")]
    api_card_fields = ("intro",)
    content_panels = BrandPage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("co-creation index")


class IdeaBoardPage(BrandPage):
    """Open co-creation: prosumers propose anything, at any time."""

    parent_page_types = ["ideas.IdeasIndexPage"]
    subpage_types = ["ideas.IdeaPage"]

    intro = models.TextField(_("introduction"), blank=True)
    guidelines = RichTextField(_("guidelines"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    cover_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cover_image_alt = image_alt_text_field()
    accepts_ideas = models.BooleanField(_("accepts new ideas"), default=True)
    accepts_votes = models.BooleanField(_("accepts votes"), default=True)

    search_fields = BrandPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("guidelines"),
    ]
    api_fields = BrandPage.api_fields + [
        APIField("intro"),
        APIField("guidelines", serializer=RichTextHTMLField()),
        APIField("cover_image", serializer=ImageRenditionsField()),
        APIField("accepts_ideas"),
        APIField("accepts_votes"),
    ]
    api_card_fields = ("intro", "cover_image", "accepts_ideas", "accepts_votes")
    content_panels = BrandPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("guidelines"),
        FieldPanel("cover_image"),
        FieldPanel("cover_image_alt"),
        FieldRowPanel([FieldPanel("accepts_ideas"), FieldPanel("accepts_votes")]),
    ]

    class Meta:
        verbose_name = _("ideas board")


class IdeaChallengePage(InternalSpaceMixin, BrandPage):
    """Guided co-creation: a concrete question the brand asks, open for ideas and votes in phases."""

    parent_page_types = ["ideas.IdeasIndexPage"]
    subpage_types = ["ideas.IdeaPage"]

    question = models.CharField(_("question"), max_length=255)
    description = RichTextField(_("description"), features=["bold", "italic", "link", "ul", "ol"])
    cover_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cover_image_alt = image_alt_text_field()
    reward = RichTextField(_("what the winners get"), blank=True, features=["bold", "italic", "link", "ul"])
    collecting_starts_at = models.DateTimeField(_("collecting ideas from"))
    collecting_ends_at = models.DateTimeField(_("collecting ideas until"))
    voting_ends_at = models.DateTimeField(_("voting until"))
    review_ends_at = models.DateTimeField(_("review until"))

    search_fields = BrandPage.search_fields + [
        index.SearchField("question"),
        index.SearchField("description"),
        index.FilterField("collecting_ends_at"),
    ]
    api_fields = BrandPage.api_fields + [
        APIField("question"),
        APIField("description", serializer=RichTextHTMLField()),
        APIField("cover_image", serializer=ImageRenditionsField()),
        APIField("reward", serializer=RichTextHTMLField()),
        APIField("collecting_starts_at"),
        APIField("collecting_ends_at"),
        APIField("voting_ends_at"),
        APIField("review_ends_at"),
        APIField("phase", serializer=ValueField()),
    ]
    api_card_fields = ("question", "cover_image", "phase", "collecting_ends_at", "voting_ends_at")
    content_panels = BrandPage.content_panels + [
        FieldPanel("question"),
        FieldPanel("description"),
        FieldPanel("cover_image"),
        FieldPanel("cover_image_alt"),
        FieldPanel("reward"),
        MultiFieldPanel(
            [
                FieldPanel("collecting_starts_at"),
                FieldPanel("collecting_ends_at"),
                FieldPanel("voting_ends_at"),
                FieldPanel("review_ends_at"),
            ],
            heading=_("Phases"),
        ),
    ]

    class Meta:
        verbose_name = _("idea challenge")

    def clean(self):
        super().clean()
        dates = [
            self.collecting_starts_at,
            self.collecting_ends_at,
            self.voting_ends_at,
            self.review_ends_at,
        ]
        if all(dates) and dates != sorted(dates):
            raise ValidationError(
                {"collecting_ends_at": _("Phases must follow each other: collecting, voting, review.")}
            )

    #: What phase_at reads: enough of a challenge to say whether it takes ideas or votes.
    PHASE_FIELDS = ("collecting_starts_at", "collecting_ends_at", "voting_ends_at", "review_ends_at")

    def phase_at(self, moment) -> ChallengePhase:
        if moment < self.collecting_starts_at:
            return ChallengePhase.UPCOMING
        if moment < self.collecting_ends_at:
            return ChallengePhase.COLLECTING
        if moment < self.voting_ends_at:
            return ChallengePhase.VOTING
        if moment < self.review_ends_at:
            return ChallengePhase.REVIEW
        return ChallengePhase.CLOSED

    @property
    def phase(self) -> ChallengePhase:
        return self.phase_at(timezone.now())


class IdeaTopic(TaggedItemBase):
    content_object = ParentalKey("ideas.IdeaPage", on_delete=models.CASCADE, related_name="tagged_topics")


class IdeaPage(BrandPage):
    """One idea, proposed by a prosumer on the open board or in answer to a challenge."""

    parent_page_types = ["ideas.IdeaBoardPage", "ideas.IdeaChallengePage"]
    subpage_types: list[str] = []

    description = RichTextField(_("description"), features=["bold", "italic", "link", "ul", "ol"])
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_ideas",
        verbose_name=_("proposed by"),
    )
    topics = ClusterTaggableManager(through=IdeaTopic, blank=True, verbose_name=_("topics"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IdeaStatus.choices,
        default=IdeaStatus.SUBMITTED,
        db_index=True,
    )
    official_response = RichTextField(
        _("official response"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    official_response_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    estimated_value = models.DecimalField(
        _("estimated value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Estimated yearly savings or revenue once implemented"),
    )
    value_kind = models.CharField(_("kind of value"), max_length=10, choices=ValueKind.choices, blank=True)
    value_currency = models.CharField(_("currency"), max_length=3, default="EUR")
    #: When the prosumer sent it (a page has no creation date of its own).
    submitted_at = models.DateTimeField(
        _("submitted at"), default=timezone.now, editable=False, db_index=True
    )
    sentiment = models.CharField(_("sentiment"), max_length=8, choices=Sentiment.choices, blank=True)
    sentiment_score = models.FloatField(_("sentiment score"), null=True, blank=True)
    #: Kept by the vote services with F() updates only; a page save never writes it (see `save`).
    vote_count = models.PositiveIntegerField(_("votes"), default=0, editable=False, db_index=True)

    search_fields = BrandPage.search_fields + [
        index.SearchField("description"),
        index.SearchField("official_response"),
        index.FilterField("status"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    api_fields = BrandPage.api_fields + [
        APIField("description", serializer=RichTextHTMLField()),
        APIField("author_name", serializer=ValueField()),
        APIField("author_id", serializer=ValueField()),
        APIField("topics", serializer=TagNamesField()),
        APIField("status"),
        APIField("official_response", serializer=RichTextHTMLField()),
        APIField("official_response_at"),
        APIField("estimated_value"),
        APIField("value_kind"),
        APIField("value_currency"),
    ]
    api_card_fields = ("author_name", "author_id", "topics", "status")
    content_panels = BrandPage.content_panels + [
        FieldPanel("description"),
        FieldPanel("topics"),
        FieldPanel("proposed_by"),
    ]
    review_panels = [
        FieldPanel("status"),
        FieldPanel("official_response"),
        FieldPanel("official_response_at"),
        FieldRowPanel(
            [FieldPanel("estimated_value"), FieldPanel("value_kind"), FieldPanel("value_currency")]
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Idea")),
            ObjectList(review_panels, heading=_("Review")),
            ObjectList(BrandPage.promote_panels, heading=_("Promote")),
            ObjectList(BrandPage.settings_panels, heading=_("Settings")),
        ]
    )

    api_select_related = BrandPage.api_select_related + ("proposed_by",)
    api_prefetch_related = ("topics",)

    class Meta:
        verbose_name = _("idea")
        indexes = [
            # The insights' cohort: the ideas of a period that reached a status.
            models.Index(fields=["status", "submitted_at"], name="ideas_status_submitted"),
        ]

    @property
    def author_name(self) -> str | None:
        return str(self.proposed_by) if self.proposed_by_id else None

    @property
    def author_id(self) -> int | None:
        """The proposer's id, whose public profile is /api/community/people/{id}/ (None once erased)."""
        return self.proposed_by_id

    def get_workflow(self):
        """The editors' idea review (`brand_hub.ideas.review`) wherever the idea is posted.

        The tree's own assignment (Wagtail's "Moderators approval" on the root) stays for the
        editors' pages; without the idea review (workflows turned off, or before the set-up ran)
        an idea falls back to it.
        """
        from ..review import idea_review_workflow

        return idea_review_workflow() or super().get_workflow()

    def save(self, *args, **kwargs):
        """Save without ever writing `vote_count`, and remember the review fields stored before.

        Publishing rebuilds the page from a revision that may be hours old; writing its vote count
        back would lose every vote cast since. The stored status and official response are what
        the publish receiver compares against to record a status change. Every full save (the
        submission, each publish from the admin or a service) scores the sentiment of the text it
        writes.
        """
        if kwargs.get("update_fields") is None:
            locale = self.locale if self.locale_id else self.get_default_locale()
            sentiment = idea_sentiment(self.title, self.description, locale=locale.language_code)
            self.sentiment, self.sentiment_score = sentiment.label, sentiment.score
        if self.pk and not self._state.adding and kwargs.get("update_fields") is None:
            stored = IdeaPage.objects.filter(pk=self.pk).values("status", "official_response").first()
            if stored is not None:
                self._stored_review = stored
                kwargs["update_fields"] = [
                    field.name
                    for field in self._meta.concrete_fields
                    if not field.primary_key and field.name != "vote_count"
                ]
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        # A revision's copy of the vote count is stale: the live one comes from this row.
        page = super().with_content_json(content)
        page.vote_count = self.vote_count
        return page

    def clean(self):
        super().clean()
        if self.estimated_value is not None and not self.value_kind:
            raise ValidationError({"value_kind": _("Say whether the estimated value is savings or revenue.")})
