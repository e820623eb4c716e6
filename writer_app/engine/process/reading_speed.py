"""How fast the loaded model reads a prompt on this computer, learnt as it reads.

A 270M model reads about 600 tokens a second on two cores, a 4B one under 40: sizes fixed
in tokens suit one and not the other. What must take a certain time (a background chunk
the writer may wait behind, the short window of a new place) is sized from this instead.
"""

from __future__ import annotations

# Batches shorter than this say more about llama.cpp's fixed costs than about reading.
MEASURED_FROM_TOKENS = 8
# How much a new measurement moves the estimate: a few batches settle it, and one slow
# batch (the machine busy for a moment) does not swing it.
_WEIGHT = 0.3


class ReadingSpeed:
    """An estimate of prompt tokens read per second, from timed batches."""

    def __init__(self, tokens_per_s: float = 0.0,
                 measured_from: int = MEASURED_FROM_TOKENS) -> None:
        self.tokens_per_s = tokens_per_s
        self._measured_from = measured_from  # 1: decodes, a token at a time

    def note(self, tokens: int, seconds: float) -> None:
        """Learn from a batch of `tokens` read in `seconds`."""
        if tokens < self._measured_from or tokens <= 0 or seconds <= 0:
            return
        measured = tokens / seconds
        if self.tokens_per_s <= 0:
            self.tokens_per_s = measured
        else:
            self.tokens_per_s += _WEIGHT * (measured - self.tokens_per_s)

    def tokens_in(self, seconds: float, low: int, high: int) -> int:
        """Return the tokens read in `seconds`, kept within [`low`, `high`] (`high` while
        nothing is known yet)."""
        if self.tokens_per_s <= 0:
            return high
        return max(low, min(high, round(self.tokens_per_s * seconds)))
