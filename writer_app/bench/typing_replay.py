"""Typing replay: the time from a pause to the first ghost character, tail included.

A text is "typed" from a point past the context budget, as a draft grows. The writer
pauses every `every_chars` characters or so (at a word's end), and the replay does what
the editor does: PREFILL_DELAY_MS after the last keystroke it asks the engine to read
the prompt, and at the pause it asks for the suggestion, which the writer's next
keystroke cancels at the first character. The debounce itself is not counted; a
prefill that outlasts the time before the pause is (the suggestion would wait behind
it).

Between pauses the writer types, and the engine may read ahead in the background, as
the editor has it do (ui/bridge/read_ahead.py): near the point where the window's start
moves, the next window is sent at every word. The replay gives the engine the time the
writer takes to type those words, at `chars_per_s`, and no more: it waits for the
background read to end, or for that time, whichever comes first.

Then the writer jumps: back to places visited in the last few minutes (where they
paused, and the end of the draft after looking elsewhere), and to new places.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from writer_app.bench.engine_session import run_plan
from writer_app.bench.figures import distribution
from writer_app.core.context import ContextBudget, window_start
from writer_app.core.prose import SuggestionLength
from writer_app.engine.client.blocking_engine import BlockingEngine
from writer_app.engine.client.suggestion_request import (
    PREFILL_DELAY_MS,
    SuggestionPlan,
    plan_next_window,
    plan_suggestion,
)

WORD = re.compile(r"\s*\S+")
NEW_PLACE_FRACTIONS = (0.2, 0.8, 0.35, 0.65, 0.5)
VISITED_PLACES = 5
# "The last few minutes" of writing, in characters at the replay's typing speed.
RECENT_SECONDS = 300


@dataclass(frozen=True)
class PauseSetup:
    """What the editor would use at a pause, and how the writer types between pauses."""

    budget: ContextBudget
    fill_in_middle: bool
    pause_ms: int
    every_chars: int = 0  # at least this many characters typed between pauses (0: a word)
    chars_per_s: float = 5.0  # a brisk writer, composing (60 words a minute)
    read_ahead: bool = True  # False: as the app did before it read ahead (comparisons)


@dataclass(frozen=True)
class PauseTiming:
    first_char_ms: float  # from the pause, including any wait behind the prefill
    prefill_ms: float
    engine_first_char_ms: float  # the suggestion request alone
    short_window: bool = False  # answered from a short window first
    window_moved: bool = False  # the window's start moved since the last pause
    kept_bytes: int = 0  # what the engine keeps in states of windows read


@dataclass
class ReplayFigures:
    pauses: int = 0
    chars_typed: int = 0
    timings: list[PauseTiming] = field(default_factory=list)
    visited: list[PauseTiming] = field(default_factory=list)
    new_places: list[PauseTiming] = field(default_factory=list)
    empty: int = 0
    cold_first_char_ms: float | None = None
    kept_mib: float = 0.0

    def summary(self) -> dict[str, object]:
        moved = [t.first_char_ms for t in self.timings if t.window_moved]
        return {
            "pauses": self.pauses,
            "chars_typed": self.chars_typed,
            "suggestions_with_text": len(self.timings),
            "empty_suggestions": self.empty,
            "first_char_ms": distribution([t.first_char_ms for t in self.timings]),
            "first_char_ms_where_window_moved": distribution(moved),
            "engine_first_char_ms": distribution(
                [t.engine_first_char_ms for t in self.timings]),
            "prefill_ms": distribution([t.prefill_ms for t in self.timings]),
            "cold_first_char_ms": self.cold_first_char_ms,
            "visited_jump_first_char_ms": distribution(
                [t.first_char_ms for t in self.visited]),
            "new_place_first_char_ms": distribution(
                [t.first_char_ms for t in self.new_places]),
            "short_window_answers": sum(t.short_window for t in self.timings),
            "kept_states_mib_at_most": self.kept_mib,
        }


def replay_start(text: str, budget: ContextBudget) -> int:
    """Return where typing starts: three windows in, or half-way through a short text."""
    return min(len(text) // 2, budget.before_chars * 3)


def _plan(text: str, cursor: int, setup: PauseSetup) -> SuggestionPlan | None:
    return plan_suggestion(text, cursor, setup.budget, SuggestionLength.SENTENCE,
                           setup.fill_in_middle)


def pause_at(engine: BlockingEngine, text: str, cursor: int,
             setup: PauseSetup) -> PauseTiming | None:
    """Pause at `cursor` after typing `text[:cursor]`; None if no suggestion came."""
    plan = _plan(text, cursor, setup)
    if plan is None:
        return None
    prefill = run_plan(engine, plan, prefill=True)
    waited = max(0.0, prefill.total_ms - (setup.pause_ms - PREFILL_DELAY_MS))
    asked = run_plan(engine, plan, cancel_at_first_piece=True)
    if asked.first_piece_ms is None:
        return None
    return PauseTiming(round(waited + asked.first_piece_ms, 2), round(prefill.total_ms, 2),
                       round(asked.first_piece_ms, 2),
                       prefill.finished.short_window or asked.finished.short_window,
                       kept_bytes=prefill.finished.kept_bytes)


def read_ahead(engine: BlockingEngine, plan: SuggestionPlan | None,
               seconds: float | None) -> int:
    """Have `plan` read in the background for up to `seconds` of the writer's typing, as
    the editor does (None: send it and go on); return the bytes the engine keeps in
    states put aside."""
    if plan is None:
        return 0
    request_id = engine.start(plan.prompt, plan.sampling, plan.suffix, plan.stop_rule,
                              background=True)
    if seconds is None:
        return 0
    finished = engine.wait(request_id, seconds)
    if finished is None:  # the writer typed on: the editor sends the next one instead
        engine.cancel(request_id)
        finished = engine.wait(request_id, 600)
    return finished.kept_bytes if finished is not None else 0


def _type_to_next_pause(engine: BlockingEngine, text: str, cursor: int,
                        setup: PauseSetup) -> tuple[int, int]:
    """Type words from `cursor` until the next pause, reading ahead where the editor
    would, and giving the engine the rest of the typing time for what it reads in the
    background; return the new cursor and the bytes of kept states."""
    started = time.perf_counter()
    typing_s = 0.0
    target = cursor + max(1, setup.every_chars)
    kept = 0
    for match in WORD.finditer(text, cursor):
        word_s = (match.end() - cursor) / setup.chars_per_s
        typing_s += word_s
        cursor = match.end()
        if cursor >= target:
            break
        if setup.read_ahead:
            ahead = plan_next_window(text[:cursor], cursor, setup.budget,
                                     SuggestionLength.SENTENCE, setup.fill_in_middle)
            kept = max(kept, read_ahead(engine, ahead, word_s))
    left = typing_s - (time.perf_counter() - started)
    if setup.read_ahead and left > 0:
        engine.wait_for_idle(left)
    return cursor, kept


def replay(engine: BlockingEngine, text: str, start: int, pauses: int,
           setup: PauseSetup) -> ReplayFigures:
    """Type from `start` with `pauses` pauses, then jump to visited and new places."""
    figures = ReplayFigures()
    cursor = start
    # The model has just loaded with the document open: the editor reads the cursor's
    # window in the background, and this writer pauses at once.
    if setup.read_ahead:
        read_ahead(engine, _plan(text[:cursor], cursor, setup), None)
    cold = pause_at(engine, text[:cursor], cursor, setup)
    figures.cold_first_char_ms = cold.first_char_ms if cold else None
    visited: list[int] = []
    kept = 0
    while figures.pauses < pauses and cursor < len(text):
        before = window_start(text, cursor, setup.budget)
        cursor, kept_now = _type_to_next_pause(engine, text, cursor, setup)
        kept = max(kept, kept_now)
        figures.pauses += 1
        timing = pause_at(engine, text[:cursor], cursor, setup)
        if timing is None:
            figures.empty += 1
            continue
        moved = window_start(text, cursor, setup.budget) != before
        figures.timings.append(PauseTiming(**{**timing.__dict__, "window_moved": moved}))
        visited.append(cursor)
    figures.chars_typed = cursor - start
    draft = text[:cursor]
    recent = [spot for spot in visited if cursor - spot <= RECENT_SECONDS * setup.chars_per_s]
    places = recent[:: max(1, len(recent) // VISITED_PLACES)][:VISITED_PLACES]
    for fraction in NEW_PLACE_FRACTIONS:
        # A click at the end of a paragraph elsewhere in the draft, then back to where
        # the writer was, and to a place they paused at a few minutes ago.
        spot = draft.find("\n", int(len(draft) * fraction))
        if spot > 0 and (timing := pause_at(engine, draft, spot, setup)) is not None:
            figures.new_places.append(timing)
        for back in (cursor, places.pop(0) if places else None):
            if back is not None and (timing := pause_at(engine, draft, back, setup)):
                figures.visited.append(timing)
    every = [*figures.timings, *figures.visited, *figures.new_places]
    kept = max([kept, *(timing.kept_bytes for timing in every)])
    figures.kept_mib = round(kept / 2**20, 1)
    return figures
