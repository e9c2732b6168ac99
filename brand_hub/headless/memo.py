"""Values derived from published content, remembered in this process for one content generation."""

import weakref
from collections.abc import Callable, Hashable
from typing import Any, ClassVar


class GenerationMemo:
    """A per-process memo keyed by the content generation.

    Every change to published content bumps the generation, so an entry is never served stale; other
    processes move on when they read the new number, and `ContentGeneration.bump` forgets every memo
    of its own process at once. `max_entries` bounds what a client can grow it to with made-up keys.
    The memos are module-level objects; one made and dropped (a test's) is not kept by `forget_all`.
    """

    _every: ClassVar[weakref.WeakSet["GenerationMemo"]] = weakref.WeakSet()

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._values: dict[tuple, Any] = {}
        GenerationMemo._every.add(self)

    def get(self, generation_number: int, key: Hashable, compute: Callable[[], Any]) -> Any:
        full_key = (generation_number, key)
        try:
            return self._values[full_key]
        except KeyError:
            pass
        value = compute()  # raising leaves nothing remembered
        if len(self._values) >= self.max_entries:
            self._values.clear()
        self._values[full_key] = value
        return value

    def clear(self) -> None:
        self._values.clear()

    @classmethod
    def forget_all(cls) -> None:
        for memo in list(cls._every):
            memo.clear()
