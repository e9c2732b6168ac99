"""The word dictionaries (simplemma's, seconds of CPU to load) are loaded once per process, before a
web process serves its first request, and never once per waiting thread."""

import os
import subprocess
import sys
import threading
import time

from search import prepared


class SlowDictionary:
    """simplemma's lookup, counting the loads (a word looked up in a language not loaded yet)."""

    def __init__(self):
        self.loads = 0
        self.loaded: set[str] = set()
        self.lock = threading.Lock()

    def get_lemma(self, word, language):
        if language not in self.loaded:
            with self.lock:
                self.loads += 1
            time.sleep(0.2)
            self.loaded.add(language)
        return None


def test_threads_asking_together_wait_for_one_load(monkeypatch):
    dictionary = SlowDictionary()
    monkeypatch.setattr(prepared, "_dictionary", dictionary)
    monkeypatch.setattr(prepared, "_loaded", set())
    prepared.lemma.cache_clear()
    try:
        threads = [threading.Thread(target=prepared.lemma, args=(f"word{n}", "pl")) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        prepared.lemma.cache_clear()
    assert dictionary.loads == 1


def test_a_web_process_has_its_dictionaries_before_its_first_request():
    for entry_point in ("brand_hub.asgi", "brand_hub.wsgi"):
        check = (
            f"import {entry_point}; from search import prepared; "
            "from brand_hub.core.text import SNOWBALL_ALGORITHMS; "
            "assert prepared._loaded == set(SNOWBALL_ALGORITHMS), prepared._loaded"
        )
        result = subprocess.run(
            [sys.executable, "-c", check],
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "brand_hub.settings.test"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
