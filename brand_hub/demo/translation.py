"""Translating demo content with wagtail-localize, through the calls its translation editor makes."""

import json
from collections.abc import Iterable

from django.db import models

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue, extract_strings

from .assets import SOURCE_LANGUAGE, DemoContentError, texts_in


class TranslationMemory:
    """What each Spanish string, as wagtail-localize extracts it, becomes in one other language.

    The assets hold whole texts (a paragraph of HTML, a title); wagtail-localize stores segments
    (one per block-level element, inline tags kept and attributes replaced by ids such as
    <a id="a1">). Running its own extractor over both versions of each text gives matching pairs.
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self.strings: dict[str, str] = {}

    @classmethod
    def for_spec(cls, spec, language: str, extra: Iterable[tuple[str, str]] = ()):
        memory = cls(language)
        for text in texts_in(spec):
            memory.learn(text[SOURCE_LANGUAGE], text[language])
        for source, target in extra:
            memory.learn(source, target)
        return memory

    def learn(self, source: str, target: str) -> None:
        # Plain text fields and blocks are stored escaped, with <br> for line breaks.
        self._remember(StringValue.from_plaintext(source).data, StringValue.from_plaintext(target).data)
        if source.lstrip().startswith("<"):
            source_template, source_strings = extract_strings(source)
            target_template, target_strings = extract_strings(target)
            if source_template != target_template:
                raise DemoContentError(
                    f"The {self.language} version of this text is not shaped like the Spanish "
                    f"one (different paragraphs or list items): {source!r}"
                )
            for (source_string, _), (target_string, _) in zip(source_strings, target_strings, strict=True):
                self._remember(source_string.data, target_string.data)

    def translate(self, source: str, *, where: str) -> str:
        try:
            return self.strings[source]
        except KeyError:
            raise DemoContentError(
                f"No {self.language} text in the demo assets for the Spanish string {source!r} of {where}"
            ) from None

    def _remember(self, source: str, target: str) -> None:
        known = self.strings.setdefault(source, target)
        if known != target:
            raise DemoContentError(
                f"The Spanish string {source!r} has two {self.language} versions in the demo "
                f"assets: {known!r} and {target!r}"
            )


def translate_missing(
    *, instance, locales: list[Locale], memories: dict[str, TranslationMemory], user
) -> list[Locale]:
    """Translate the instance into each locale that lacks it; return the locales translated.

    The steps of wagtail-localize's TranslationCreator.create_translations(), with the strings
    entered before the target is saved, so that its first revision is already in its own
    language: nothing Spanish is ever published under /en/ or /pl/.
    """
    missing = [locale for locale in locales if not instance.has_translation(locale)]
    if not missing:
        return []
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    if source.relatedobjectsegment_set.exists():
        raise DemoContentError(
            f"{source.object_repr!r} refers to translatable snippets, which the demo seeder does not "
            "translate; translate them first"
        )
    for locale in missing:
        fill_translation(source=source, locale=locale, memory=memories[locale.language_code], user=user)
        translation, _ = Translation.objects.update_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        save_and_publish(translation, user=user)
    return missing


def sync_translations(
    *, instance, locales: list[Locale], memories: dict[str, TranslationMemory], user
) -> None:
    """Carry a changed source over to its translations, as "Sync translated pages" does."""
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    for translation in Translation.objects.filter(source=source, target_locale__in=locales):
        locale = translation.target_locale
        fill_translation(source=source, locale=locale, memory=memories[locale.language_code], user=user)
        save_and_publish(translation, user=user)


def save_and_publish(translation: Translation, *, user) -> None:
    """Save the translated object and publish it now, as the user.

    save_target(publish=True) publishes pages only when the transaction commits, from the page
    as it was when translated: a parent whose children were translated since is written back
    with numchild=0, and its children vanish from routing and from the admin
    (wagtail-localize issue #773). Saving a draft and publishing its revision at once avoids it.
    """
    if not issubclass(translation.source.specific_content_type.model_class(), DraftStateMixin):
        translation.save_target(user=user, publish=True)  # saved at once: nothing to publish
        return
    translation.save_target(user=user, publish=False)
    translation.get_target_instance().get_latest_revision().publish(user=user)


def fill_translation(*, source: TranslationSource, locale: Locale, memory: TranslationMemory, user) -> None:
    """Enter every string of the source and point its page choosers at translated pages."""
    where = f"{source.specific_content_type.name} {source.object_repr!r}"
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        # The same call the translation editor makes when a translator saves a string.
        string_translation, _ = StringTranslation.objects.update_or_create(
            translation_of_id=segment.string_id,
            locale=locale,
            context_id=segment.context_id,
            defaults={
                "data": memory.translate(segment.string.data, where=where),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": "",
                "last_translated_by": user,
                "has_error": False,
                "field_error": "",
            },
        )
        if string_translation.has_error:
            raise DemoContentError(
                f"wagtail-localize rejects the {locale.language_code} text "
                f"{string_translation.data!r} for {segment.string.data!r} of {where}"
            )
    override_page_choosers(source=source, locale=locale, user=user)


def override_page_choosers(*, source: TranslationSource, locale: Locale, user) -> None:
    """Point page choosers at the page's translation, as a translator does in the editor.

    wagtail-localize keeps chosen pages synchronised with the source, so an English page would
    otherwise link to the Spanish one.
    """
    instance = source.get_source_instance()
    for segment in OverridableSegment.objects.filter(source=source).select_related("context"):
        if not points_at_a_page(type(instance), segment.context.get_field_path(instance)):
            continue
        chosen = Page.objects.get(pk=segment.data)
        translated = chosen.get_translation_or_none(locale)
        if translated is None:
            raise DemoContentError(
                f"{source.object_repr!r} links to {chosen.title!r}, which has no "
                f"{locale.language_code} translation yet"
            )
        SegmentOverride.objects.update_or_create(
            locale=locale,
            context=segment.context,
            defaults={"data_json": json.dumps(translated.pk), "last_translated_by": user},
        )


def points_at_a_page(model, field_path: str) -> bool:
    """Whether the field path (as TranslationContext.get_field_path gives it) is a page chooser."""
    name, *components = field_path.split(".")
    field = model._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        return issubclass(field.related_model, Page)
    if not isinstance(field, StreamField):
        return False
    block = field.stream_block
    for component in components:
        block = block.child_block if isinstance(block, blocks.ListBlock) else block.child_blocks[component]
    return isinstance(block, blocks.PageChooserBlock)
