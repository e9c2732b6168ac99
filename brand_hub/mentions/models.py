"""What people say about the brand elsewhere, sent by listening tools: one row per post, by its URL."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brand_hub.sentiment.labels import Sentiment


class Network(models.TextChoices):
    """Where a mention was posted. `site` is the brand's own community and never a mention's network."""

    X = "x", "X (Twitter)"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    LINKEDIN = "linkedin", "LinkedIn"
    REDDIT = "reddit", "Reddit"
    NEWS = "news", _("News")
    BLOG = "blog", _("Blogs")
    FORUM = "forum", _("Forums")
    REVIEWS = "reviews", _("Review sites")
    OTHER = "other", _("Other")


class MentionLanguage(models.TextChoices):
    ES = "es", _("Spanish")
    EN = "en", _("English")
    PL = "pl", _("Polish")


class Mention(models.Model):
    """A post about the brand on another network. Its author's handle and text are personal data
    (erasable: brand_hub.mentions.services.erase_mentions)."""

    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    url = models.CharField(
        _("URL"), max_length=2000, unique=True, help_text=_("Normalised: the de-duplication key")
    )
    author_handle = models.CharField(_("author"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=2, choices=MentionLanguage.choices)
    published_at = models.DateTimeField(_("published at"))
    reach = models.PositiveBigIntegerField(_("reach"), default=0)
    sentiment = models.CharField(_("sentiment"), max_length=8, choices=Sentiment.choices, blank=True)
    sentiment_score = models.FloatField(_("sentiment score"), null=True, blank=True)
    ingested_at = models.DateTimeField(_("ingested at"), default=timezone.now)
    ingested_by = models.ForeignKey(
        "apikeys.ApiKey",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("key"),
    )

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        indexes = [
            models.Index(fields=["published_at", "network"], name="mentions_published_network"),
            models.Index(fields=["author_handle"], name="mentions_author_handle"),
            models.Index(fields=["sentiment", "reach"], name="mentions_sentiment_reach"),
        ]

    def __str__(self) -> str:
        return f"{self.network}: {self.url}"


class ErasedMention(models.Model):
    """A URL or an author erased on request, kept as a digest only, so a listening tool that sends
    the post again cannot bring it back."""

    class Kind(models.TextChoices):
        URL = "url", _("URL")
        HANDLE = "handle", _("author")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    digest = models.CharField(max_length=64)
    erased_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "digest"], name="mentions_erased_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.digest[:12]}"
