"""Typing replay: the time from a pause to the first ghost character.

A text is "typed" word by word from a point past the context budget (so the window's
start must hold still, as it does for a writer deep in a document). At each word the
replay does what the editor does: PREFILL_DELAY_MS after the last keystroke it asks the
engine to evaluate the prompt, and when the pause is reached it asks for the suggestion
and the writer's next keystroke cancels it at the first character. The debounce itself
is not counted; a prefill that outlasts the time before the pause is (the suggestion
would wait behind it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from writer_app.bench.engine_session import run_plan
from writer_app.bench.figures import distribution
from writer_app.core.context import ContextBudget
from writer_app.core.prose import SuggestionLength
from writer_app.engine.client.blocking_engine import BlockingEngine
from writer_app.engine.client.suggestion_request import PREFILL_DELAY_MS, plan_suggestion

WORD = re.compile(r"\s*\S+")
JUMP_FRACTIONS = (0.2, 0.8, 0.35, 0.65, 0.5)


@dataclass(frozen=True)
class PauseSetup:
    """What the editor would use at a pause."""

    budget: ContextBudget
    fill_in_middle: bool
    pause_ms: int


@dataclass(frozen=True)
class PauseTiming:
    first_char_ms: float  # from the pause, including any wait behind the prefill
    prefill_ms: float
    engine_first_char_ms: float  # the suggestion request alone


@dataclass
class ReplayFigures:
    pauses: int = 0
    timings: list[PauseTiming] = field(default_factory=list)
    jumps: list[PauseTiming] = field(default_factory=list)
    empty: int = 0
    cold_first_char_ms: float | None = None

    def summary(self) -> dict[str, object]:
        return {
            "pauses": self.pauses,
            "suggestions_with_text": len(self.timings),
            "empty_suggestions": self.empty,
            "first_char_ms": distribution([t.first_char_ms for t in self.timings]),
            "engine_first_char_ms": distribution(
                [t.engine_first_char_ms for t in self.timings]),
            "prefill_ms": distribution([t.prefill_ms for t in self.timings]),
            "cold_first_char_ms": self.cold_first_char_ms,
            "jump_first_char_ms": distribution([t.first_char_ms for t in self.jumps]),
        }


def replay_start(text: str, budget: ContextBudget) -> int:
    """Return where typing starts: three windows in, or half-way through a short text."""
    return min(len(text) // 2, budget.before_chars * 3)


def pause_at(engine: BlockingEngine, text: str, cursor: int,
             setup: PauseSetup) -> PauseTiming | None:
    """Pause at `cursor` after typing `text[:cursor]`; None if no suggestion came."""
    plan = plan_suggestion(text, cursor, setup.budget, SuggestionLength.SENTENCE,
                           setup.fill_in_middle)
    if plan is None:
        return None
    prefill = run_plan(engine, plan, prefill=True)
    waited = max(0.0, prefill.total_ms - (setup.pause_ms - PREFILL_DELAY_MS))
    asked = run_plan(engine, plan, cancel_at_first_piece=True)
    if asked.first_piece_ms is None:
        return None
    return PauseTiming(round(waited + asked.first_piece_ms, 2), round(prefill.total_ms, 2),
                       round(asked.first_piece_ms, 2))


def replay(engine: BlockingEngine, text: str, start: int, pauses: int,
           setup: PauseSetup) -> ReplayFigures:
    """Type `pauses` words of `text` from `start` with a pause after each, then jump."""
    figures = ReplayFigures()
    cursor = start
    cold = pause_at(engine, text[:cursor], cursor, setup)
    figures.cold_first_char_ms = cold.first_char_ms if cold else None
    for match in WORD.finditer(text, cursor):
        if figures.pauses >= pauses:
            break
        cursor = match.end()
        figures.pauses += 1
        # Typing at the end of what is written so far, as a draft grows.
        timing = pause_at(engine, text[:cursor], cursor, setup)
        if timing is None:
            figures.empty += 1
        else:
            figures.timings.append(timing)
    for fraction in JUMP_FRACTIONS:
        # A click at the end of a paragraph elsewhere in the whole document.
        spot = text.find("\n", int(len(text) * fraction))
        if spot > 0:
            timing = pause_at(engine, text, spot, setup)
            if timing is not None:
                figures.jumps.append(timing)
    return figures
