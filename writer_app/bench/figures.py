"""Summaries of timings: the figures a benchmark reports from its raw samples."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Return the nearest-rank percentile (0 < fraction <= 1) of non-empty `samples`."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = math.ceil(fraction * len(ordered) - 1e-9)  # 0.95 * 100 is 95.00000000000001
    return ordered[min(len(ordered), max(1, rank)) - 1]


def distribution(samples: Sequence[float], digits: int = 1) -> dict[str, float | int | None]:
    """Return count, median, p95, p99 and max of `samples` (None where there are none)."""
    if not samples:
        return {"n": 0, "p50": None, "p95": None, "p99": None, "max": None}
    return {
        "n": len(samples),
        "p50": round(statistics.median(samples), digits),
        "p95": round(percentile(samples, 0.95), digits),
        "p99": round(percentile(samples, 0.99), digits),
        "max": round(max(samples), digits),
    }


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """Return numerator / denominator to three places, None if either is missing."""
    if not numerator or not denominator:
        return None
    return round(numerator / denominator, 3)
