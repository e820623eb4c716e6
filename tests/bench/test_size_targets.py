"""The bench measures a model against its size's targets (issue 30's table): the
embedded model's own below half a billion weights, the 1B row up to 2.5 billion, the 4B
row above; each printed met or MISSED."""

from __future__ import annotations

import pytest

from writer_app.bench.runner import TARGETS, size_class, targets_for
from writer_app.core.model_shapes import SHAPES


def limits(parameters: int | None) -> dict[str, float]:
    return {t.name: t.limit for t in targets_for(parameters)}


@pytest.mark.parametrize(("name", "size"), [
    ("gemma3-270m", "embedded"), ("gemma3-1b", "1B"), ("llama3.2-1b", "1B"),
    ("qwen3-1.7b", "1B"), ("llama3.2-3b", "4B"), ("gemma3-4b", "4B"), ("qwen3-4b", "4B"),
])
def test_each_shape_has_its_sizes_targets(name: str, size: str) -> None:
    assert size_class(SHAPES[name].parameters) == size


def test_the_size_rows_replace_the_latency_limits_only() -> None:
    assert targets_for(None) == TARGETS
    one, four = limits(1_000_000_000), limits(3_900_000_000)
    pause = "pause to first character, p50 (ms)"
    assert (limits(None)[pause], one[pause], four[pause]) == (40, 10, 15)
    assert (one["jump to a new place, worst (ms)"],
            four["jump to a new place, worst (ms)"]) == (600, 1500)
    assert one["key press to paint while the engine reads, p95 (ms)"] == 16
    # What does not depend on the model's size stays as it is.
    assert one["decode, app / direct"] == four["decode, app / direct"] == 0.98


def test_a_4b_replay_is_marked_missed_where_it_is_slow() -> None:
    report = {"replay": {"first_char_ms": {"p50": 644.4, "p95": 786.4, "p99": 2736.6,
                                           "max": 2736.6}}}
    checked = {t.name: t.check(report) for t in targets_for(3_900_000_000)}
    assert checked["pause to first character, p50 (ms)"] == {
        "value": 644.4, "limit": 15, "met": False}
    assert checked["jump to a new place, worst (ms)"] is None  # not measured
