"""Turn a document and a cursor into the engine request for a ghost-text suggestion.

The GUI and the benchmark both use this, so that what is measured is what writers get.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from writer_app.core.context import (
    ContextBudget,
    build_context,
    chars_to_move,
    next_window_start,
)
from writer_app.core.prose import SuggestionLength, has_words, is_inside_word
from writer_app.engine.protocol import Sampling, StopRule

MAX_TOKENS = {
    SuggestionLength.WORDS: 12,
    SuggestionLength.SENTENCE: 48,
    SuggestionLength.PARAGRAPH: 160,
}
SHAPING_CONTEXT = 200  # characters around the cursor the prose rules look at
# The editor asks the engine to evaluate the prompt this long after the last keystroke,
# well before the pause that asks for the suggestion: the suggestion then starts with
# nearly nothing left to evaluate. Shorter gaps between keys are typing, not pausing.
PREFILL_DELAY_MS = 100
# How far ahead of the window's next move its new window is read in the background, at
# least: a few seconds of typing, more than the second or two a small model takes to read
# it. A slower model starts earlier (see read_ahead_chars).
READ_AHEAD_CHARS = 150
# A quick writer's typing, in characters a second, and how many times over the time to
# read a window it should leave; prose has at least this many characters a token.
FAST_TYPING_CHARS_PER_S = 8
# The next window, once sent, is sent again as the writer types towards its move only
# every this many characters: the reads after the move catch up with the rest.
AHEAD_REFRESH_CHARS = 100
READ_AHEAD_MARGIN = 2
CHARS_PER_TOKEN = 2


@dataclass(frozen=True)
class SuggestionPlan:
    """What to send to the engine, and the text the prose rules shape against."""

    prompt: str
    suffix: str | None
    sampling: Sampling
    stop_rule: StopRule
    # Read in the background, a plan whose prompt continues the last one sent is sent
    # again only once it has grown by this many characters (0: at every change).
    refresh_chars: int = 0
    start: int = 0  # where the prompt starts in the document

    @property
    def before_tail(self) -> str:
        return self.stop_rule.before_tail

    @property
    def after_head(self) -> str:
        return self.stop_rule.after

    @property
    def window(self) -> str:
        """All the text the model is shown, which a suggestion never says again."""
        return self.prompt + "\n" + (self.suffix or self.after_head)


Planner = Callable[[str, int, ContextBudget, SuggestionLength, bool], "SuggestionPlan | None"]


def plan_suggestion(text: str, cursor: int, budget: ContextBudget, length: SuggestionLength,
                    fill_in_middle: bool, *, start: int | None = None) -> SuggestionPlan | None:
    """Return the request for a suggestion at `cursor`, or None where none makes sense:
    no words before the cursor yet, or the cursor inside a word. `start`: see
    build_context."""
    window = build_context(text, cursor, budget, start)
    if not has_words(window.before) or is_inside_word(window.before, window.after):
        return None
    return SuggestionPlan(
        prompt=window.before,
        suffix=window.after if fill_in_middle else None,
        sampling=Sampling(max_tokens=MAX_TOKENS[length]),
        stop_rule=StopRule(length.value, window.before[-SHAPING_CONTEXT:],
                           window.after[:SHAPING_CONTEXT]),
        start=window.start,
    )


def read_ahead_chars(reads_per_s: float, budget: ContextBudget) -> int:
    """Return how far before the window's move to start reading the next window, for a
    model that reads `reads_per_s` tokens a second (0: not known): READ_AHEAD_MARGIN
    times what a quick writer types while it reads a window, at least READ_AHEAD_CHARS,
    at most a step (the new window's start is not known earlier)."""
    if reads_per_s <= 0:
        return READ_AHEAD_CHARS
    seconds = budget.before_chars / CHARS_PER_TOKEN / reads_per_s
    wanted = round(seconds * FAST_TYPING_CHARS_PER_S * READ_AHEAD_MARGIN)
    return max(READ_AHEAD_CHARS, min(budget.step_chars, wanted))


def next_window_planner(reads_per_s: float) -> Planner:
    """Return plan_next_window for a model that reads `reads_per_s` tokens a second."""

    def plan(text: str, cursor: int, budget: ContextBudget, length: SuggestionLength,
             fill_in_middle: bool) -> SuggestionPlan | None:
        return plan_next_window(text, cursor, budget, length, fill_in_middle,
                                ahead_chars=read_ahead_chars(reads_per_s, budget))

    return plan


def plan_next_window(text: str, cursor: int, budget: ContextBudget,
                     length: SuggestionLength, fill_in_middle: bool, *,
                     ahead_chars: int = READ_AHEAD_CHARS) -> SuggestionPlan | None:
    """Return the request for the window the writer will need once they type on past the
    point where its start moves, if that is within `ahead_chars`; else None."""
    start = next_window_start(text, cursor, budget, ahead_chars)
    if start is None:
        return None
    plan = plan_suggestion(text[start:], cursor - start, budget, length, fill_in_middle)
    if plan is None:
        return None
    # Each read of a few more words costs a slow model a call (and a turn between
    # windows), so until the last stretch before the move the next window is sent again
    # only every AHEAD_REFRESH_CHARS; in that stretch at every word, so that a 4B model
    # finds it read up to the last words when the move comes.
    last_stretch = chars_to_move(cursor, budget) <= AHEAD_REFRESH_CHARS
    return replace(plan, refresh_chars=0 if last_stretch else AHEAD_REFRESH_CHARS,
                   start=start + plan.start)
