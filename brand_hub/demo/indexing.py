"""Search and reference indexes during a bulk seed: updated once per object, not on every save."""

from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save

from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def indexing_deferred():
    """Switch off the per-save index updates for the duration; call index_objects() afterwards.

    On its way through creation, translation and publication a demo page is saved four or five
    times, and each save re-indexes it for search and references: two thirds of the seeding
    time. Wagtail has a switch for the reference index; the search handlers, connected per model
    by modelsearch, are disconnected here and always reconnected.
    """
    models = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def index_objects(objects: Iterable) -> None:
    """What the save signals would have done, once per object."""
    with transaction.atomic():
        for instance in objects:
            if index.class_is_indexed(type(instance)):
                index.insert_or_update_object(instance)
            if ReferenceIndex.is_indexed(type(instance)):
                ReferenceIndex.create_or_update_for_object(instance)
