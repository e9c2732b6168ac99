"""The per-process memo of values derived from published content: one generation's values, bounded."""

import gc
import weakref

import pytest

from brand_hub.headless.memo import GenerationMemo
from brand_hub.headless.models import ContentGeneration


def test_a_value_is_computed_once_per_generation_and_key():
    memo = GenerationMemo(max_entries=10)
    calls = []

    def compute(value):
        def run():
            calls.append(value)
            return value

        return run

    assert memo.get(1, "a", compute("first")) == "first"
    assert memo.get(1, "a", compute("again")) == "first"
    assert memo.get(2, "a", compute("second")) == "second"
    assert memo.get(1, "b", compute(None)) is None
    assert memo.get(1, "b", compute("not remembered")) is None  # None is a remembered answer
    assert calls == ["first", "second", None]


def test_a_failed_computation_leaves_nothing_behind():
    memo = GenerationMemo(max_entries=10)

    def fail():
        raise LookupError("no such site")

    with pytest.raises(LookupError):
        memo.get(1, "x", fail)
    assert memo.get(1, "x", lambda: "found later") == "found later"


def test_made_up_keys_cannot_grow_it_past_its_bound():
    memo = GenerationMemo(max_entries=3)
    for port in range(10):
        memo.get(1, port, lambda port=port: port)
        assert len(memo._values) <= 3


@pytest.mark.django_db
def test_a_content_change_in_this_process_forgets_every_memo():
    first, second = GenerationMemo(max_entries=10), GenerationMemo(max_entries=10)
    number = ContentGeneration.current().number
    first.get(number, "k", lambda: "old")
    second.get(number, "k", lambda: "old")

    ContentGeneration.bump()

    # Even a request that read the old number just before the bump computes afresh.
    assert first.get(number, "k", lambda: "new") == "new"
    assert second.get(number, "k", lambda: "new") == "new"


def test_a_dropped_memo_is_not_kept_alive_by_the_register():
    memo = GenerationMemo(max_entries=10)
    memo.get(1, "key", lambda: "value")
    register = weakref.ref(memo)
    del memo
    gc.collect()
    assert register() is None
    kept = GenerationMemo(max_entries=10)
    kept.get(1, "key", lambda: "value")
    GenerationMemo.forget_all()  # still reaches the memos alive
    assert kept.get(1, "key", lambda: "computed again") == "computed again"
