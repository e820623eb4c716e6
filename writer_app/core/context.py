"""Choose the document text around the cursor that goes to the model.

llama.cpp reuses its KV cache for the longest token prefix a prompt shares with the one
before it, so the window's start must hold still while the writer types: re-evaluating
a whole window costs seconds on a laptop CPU, extending one costs milliseconds. The
start is a pure function of the cursor offset, snapped to a grid of `step` characters
and then to the next paragraph (or sentence, or word) boundary. It therefore moves only
once every `step` characters typed, and a writer who returns to a place gets the same
window, and the same cached prefix, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# After a sentence mark, or a quote or bracket closing one.
_SENTENCE_START = re.compile(r"(?<=[.!?…\"'”’)\]])\s+(?=\S)")
_WORD_START = re.compile(r"(?<=\s)(?=\S)")


@dataclass(frozen=True)
class ContextWindow:
    """The text the model sees: `before` ends at the cursor, `after` starts there."""

    before: str
    after: str
    start: int


@dataclass(frozen=True)
class ContextBudget:
    """How much text goes to the model, in characters."""

    before_chars: int = 2000
    after_chars: int = 400

    @property
    def step_chars(self) -> int:
        """Return how far the window start jumps when it must move: a quarter window."""
        return max(1, self.before_chars // 4)


def window_start(text: str, cursor: int, budget: ContextBudget) -> int:
    """Return the document offset where the model's view of the text begins."""
    overflow = cursor - budget.before_chars
    if overflow <= 0:
        return 0
    step = budget.step_chars
    grid = -(-overflow // step) * step  # overflow rounded up to a multiple of step
    search_end = min(cursor, grid + step)
    paragraph = text.find("\n", grid - 1, search_end - 1)
    if paragraph != -1:
        return paragraph + 1
    for pattern in (_SENTENCE_START, _WORD_START):
        match = pattern.search(text, grid, search_end)
        if match is not None:
            return match.end()
    return grid


def chars_to_move(cursor: int, budget: ContextBudget) -> int:
    """Return how many characters the writer types on from `cursor` before the window's
    start moves."""
    overflow = cursor - budget.before_chars
    grid = max(0, -(-overflow // budget.step_chars) * budget.step_chars)
    return grid + 1 - overflow


def next_window_start(text: str, cursor: int, budget: ContextBudget,
                      lead_chars: int) -> int | None:
    """Return where the window will start once the writer has typed on past the point
    where its start moves, if that point is within `lead_chars` of `cursor`; else None.

    The new start depends only on text a step behind that point, all of it written
    already, so the window the writer is about to need can be read ahead of time.
    """
    to_move = chars_to_move(cursor, budget)
    if to_move > lead_chars:
        return None
    ahead = cursor + to_move
    start = window_start(text[:cursor] + " " * to_move, ahead, budget)
    return start if start < cursor else None


def _clip_after(after: str, limit: int) -> str:
    if len(after) <= limit:
        return after
    clipped = after[:limit]
    space = clipped.rfind(" ")
    return clipped[:space] if space > limit // 2 else clipped


def build_context(text: str, cursor: int, budget: ContextBudget,
                  start: int | None = None) -> ContextWindow:
    """Return the window of `text` around `cursor` that fits the budget, or that starts
    at `start` (an earlier start held while the window moved to is read: see
    engine/client/window_hold.py)."""
    if start is None:
        start = window_start(text, cursor, budget)
    return ContextWindow(
        before=text[start:cursor],
        after=_clip_after(text[cursor:], budget.after_chars),
        start=start,
    )
