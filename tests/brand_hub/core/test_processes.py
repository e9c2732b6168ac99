"""A long-running process settles before its first request or task: what the first requests would load
is loaded, its start-up objects are frozen out of the garbage collector's full collections, and the
task worker is the project's command."""

import gc
import runpy
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.urls import clear_url_caches, get_resolver

from brand_hub.core.processes import settle


def test_settling_loads_the_url_map_and_freezes_what_is_loaded():
    clear_url_caches()  # as in a fresh process: no resolver built yet
    try:
        settle()
        assert gc.get_freeze_count() > 10_000  # the apps, the URL map, the API's schemas
        assert get_resolver()._populated
    finally:
        gc.unfreeze()


def test_settling_loads_the_lexicons_a_first_comment_would_load(monkeypatch):
    from brand_hub.sentiment import analyser
    from brand_hub.triage import scoring

    monkeypatch.setattr(analyser, "_loaded", {})
    scoring.lexicon.cache_clear()
    try:
        settle()
        assert set(analyser._loaded) == {"es", "en", "pl", "emoji"}
        assert scoring.lexicon.cache_info().currsize == 3
    finally:
        gc.unfreeze()


def test_settling_loads_each_languages_translation_catalogues(monkeypatch):
    from django.utils.translation import trans_real

    monkeypatch.setattr(trans_real, "_translations", {})
    try:
        settle()
        assert {code for code, _name in settings.LANGUAGES} <= set(trans_real._translations)
    finally:
        gc.unfreeze()


def test_the_task_worker_settles_first_and_keeps_the_librarys_options():
    from django_tasks_db.management.commands.db_worker import Command as LibraryWorker

    assert get_commands()["db_worker"] == "brand_hub.core"
    worker = load_command_class("brand_hub.core", "db_worker")
    assert isinstance(worker, LibraryWorker)
    options = {action.dest for action in worker.create_parser("manage.py", "db_worker")._actions}
    assert {"batch", "interval", "max_tasks", "worker_id", "queue_name"} <= options


@pytest.mark.parametrize("entry_point", ["wsgi.py", "asgi.py"])
def test_the_web_entry_points_settle_before_the_first_request(entry_point):
    gc.unfreeze()
    try:
        runpy.run_path(str(Path(settings.BASE_DIR) / "brand_hub" / entry_point))
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
