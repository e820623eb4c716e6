"""The summaries the benchmark prints are the usual statistics of its samples."""

from __future__ import annotations

import pytest

from writer_app.bench.figures import distribution, percentile, ratio


def test_percentiles_are_nearest_rank() -> None:
    samples = [float(n) for n in range(100, 0, -1)]  # 1..100, unordered
    assert percentile(samples, 0.5) == 50
    assert percentile(samples, 0.95) == 95
    assert percentile(samples, 0.99) == 99
    assert percentile(samples, 1.0) == 100
    assert percentile([7.0], 0.95) == 7


def test_distribution_of_samples_and_of_none() -> None:
    assert distribution([3.0, 1.0, 2.0, 10.0]) == {
        "n": 4, "p50": 2.5, "p95": 10.0, "p99": 10.0, "max": 10.0}
    assert distribution([]) == {"n": 0, "p50": None, "p95": None, "p99": None, "max": None}
    with pytest.raises(ValueError, match="no samples"):
        percentile([], 0.5)


def test_ratio_needs_both_figures() -> None:
    assert ratio(57.0, 60.0) == 0.95
    assert ratio(None, 60.0) is None
    assert ratio(57.0, 0.0) is None
