"""What the headless API keeps: the content generation behind ETags, and draft previews."""

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F
from django.utils import timezone


class ContentGeneration(models.Model):
    """A counter bumped whenever published content changes.

    ETags of public API responses derive from it, so a conditional GET is answered with a
    single indexed read, and every worker process sees a change at once (it lives in the
    database, not in a per-process cache).
    """

    number = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"generation {self.number}"

    @classmethod
    def current(cls) -> "ContentGeneration":
        generation = cls.objects.filter(pk=1).first()
        return generation or cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def bump(cls) -> None:
        from .memo import GenerationMemo

        # Other processes see the new number; this one also drops what it derived from the old.
        GenerationMemo.forget_all()
        if not cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now()):
            cls.objects.get_or_create(pk=1)


class HeadlessPreview(models.Model):
    """A snapshot of an unsaved or unpublished page, handed to a frontend through a signed token."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    page_id = models.PositiveIntegerField(null=True, blank=True)
    content = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["page_id"])]

    def __str__(self) -> str:
        return f"preview of {self.content_type} #{self.page_id}"

    def as_page(self):
        return self.content_type.model_class().from_serializable_data(self.content)
