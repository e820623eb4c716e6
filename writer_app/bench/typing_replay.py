"""Typing replay: the time from a pause to the first ghost character, tail included.

A text is "typed" from a point past the context budget, as a draft grows. The writer
pauses every `every_chars` characters or so (at a word's end), and the replay sends what
the editor sends (ui/bridge/prompt_prefill.py, read_ahead.py): at the space or line break
that ends each word, the prompt at the cursor as a background read, and near where the
window's start moves, the next window too; PREFILL_DELAY_MS after the last key the prompt
of the pause; at the pause, the suggestion, which the writer's next keystroke cancels at
the first character. The engine gets the time the writer takes to type each word at
`chars_per_s`, and the rest of the pause, and no more: the replay goes on once the engine
has nothing left to read, or once that time is up, whichever comes first.

Then the writer jumps: back to places visited in the last few minutes (where they
paused, and the end of the draft after looking elsewhere), and to new places.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace

from writer_app.bench.figures import distribution
from writer_app.core.context import ContextBudget, window_start
from writer_app.core.prose import SuggestionLength
from writer_app.engine.client.blocking_engine import BlockingEngine
from writer_app.engine.client.suggestion_request import (
    PREFILL_DELAY_MS,
    SuggestionPlan,
    plan_suggestion,
)
from writer_app.engine.client.timed_request import run_plan
from writer_app.engine.client.window_hold import WindowHold

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
    read_ahead: bool = True  # False: nothing read while the writer types (comparisons)
    reads_per_s: float = 0.0  # the model's reading speed, as the engine reported it
    context_tokens: int = 2048  # the model's context


@dataclass(frozen=True)
class PauseTiming:
    first_char_ms: float  # from the pause (the suggestion request) to its first piece
    prefill_ms: float  # the engine still reading after the last key, within the pause
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
            "prefill_ms": distribution([t.prefill_ms for t in self.timings]),
            "cold_first_char_ms": self.cold_first_char_ms,
            "visited_jump_first_char_ms": distribution(
                [t.first_char_ms for t in self.visited]),
            "new_place_first_char_ms": distribution(
                [t.first_char_ms for t in self.new_places]),
            # Answered from a short window first: at a pause (a window move not read in
            # time), and at a jump (a new place, as it should be).
            "short_window_answers": sum(t.short_window for t in self.timings),
            "short_window_answers_at_jumps": sum(
                t.short_window for t in [*self.visited, *self.new_places]),
            "kept_states_mib_at_most": self.kept_mib,
        }


def replay_start(text: str, budget: ContextBudget) -> int:
    """Return where typing starts: three windows in, or half-way through a short text."""
    return min(len(text) // 2, budget.before_chars * 3)


def _plan(text: str, cursor: int, setup: PauseSetup,
          hold: WindowHold | None = None) -> SuggestionPlan | None:
    plan = plan_suggestion if hold is None else hold.here
    return plan(text, cursor, setup.budget, SuggestionLength.SENTENCE, setup.fill_in_middle)


class EditorReading:
    """The background reads the editor sends, in two lanes: "here" (the prompt at the
    cursor) and "ahead" (the next window). A newer read that continues the running one
    replaces it in the engine; one of another place cancels it. As the editor, it tells
    its WindowHold which reads ended done."""

    def __init__(self, engine: BlockingEngine, context_tokens: int = 2048) -> None:
        self._engine = engine
        self._lanes: dict[str, tuple[int, str, bool]] = {}
        self.hold = WindowHold(context_tokens)
        self._sent: dict[int, SuggestionPlan] = {}

    def learn(self) -> None:
        """Tell the hold which of the reads sent have ended done."""
        for request_id in self._engine.take_prefilled():
            plan = self._sent.pop(request_id, None)
            if plan is not None:
                self.hold.note_read(plan)

    def want(self, lane: str, plan: SuggestionPlan | None, *, ready: bool = False) -> None:
        """As ReadAhead.want: only a `ready` read is made ready for the pause."""
        running = self._lanes.get(lane)
        if plan is None or (running is not None and running[1] == plan.prompt
                            and running[2] >= ready):
            return
        continued = running is not None and plan.prompt.startswith(running[1])
        if (continued and running is not None
                and len(plan.prompt) - len(running[1]) < plan.refresh_chars):
            return
        if running is not None and not continued:
            self._engine.cancel(running[0])
        request_id = self._engine.start(plan.prompt, plan.sampling, plan.suffix,
                                        plan.stop_rule if ready else None, background=True,
                                        ahead=lane == "ahead")
        self._lanes[lane] = (request_id, plan.prompt, ready)
        self._sent[request_id] = plan

    def make_way(self, plan: SuggestionPlan) -> None:
        """As ReadAhead.give_way: the read of the suggestion's place gives way, unless it
        is its prompt made ready for it."""
        running = self._lanes.pop("here", None)
        if running is not None and not (running[2] and running[1] == plan.prompt):
            self._engine.cancel(running[0])


def pause_at(engine: BlockingEngine, reading: EditorReading, text: str, cursor: int,
             setup: PauseSetup) -> PauseTiming | None:
    """Pause at `cursor` after typing `text[:cursor]`; None if no suggestion came."""
    reading.learn()
    plan = _plan(text, cursor, setup, reading.hold)
    if plan is None:
        return None
    # PREFILL_DELAY_MS after the last key: the next window, if near, and the prompt,
    # ready for the pause.
    _want_both(reading, text, cursor, setup, ready=True)
    started = time.perf_counter()
    engine.wait_for_idle((setup.pause_ms - PREFILL_DELAY_MS) / 1000)
    read_ms = (time.perf_counter() - started) * 1000
    reading.learn()  # the prompt, or the window moved to, may be read now
    plan = _plan(text, cursor, setup, reading.hold) or plan
    reading.make_way(plan)
    asked = run_plan(engine, plan, cancel_at_first_piece=True)
    if asked.first_piece_ms is None:
        return None
    return PauseTiming(round(asked.first_piece_ms, 2), round(read_ms, 2),
                       asked.finished.short_window, kept_bytes=asked.finished.kept_bytes)


def _type_to_next_pause(engine: BlockingEngine, reading: EditorReading, text: str,
                        cursor: int, setup: PauseSetup) -> int:
    """Type words from `cursor` until the next pause, giving the engine each word's
    typing time for what it was sent; return the new cursor."""
    target = cursor + max(1, setup.every_chars)
    for match in WORD.finditer(text, cursor):
        # The editor reads at the key that ends a word (ends_a_word): the space, or
        # line break, before the next one.
        spaced = match.start() + len(match.group()) - len(match.group().lstrip())
        if setup.read_ahead and spaced > cursor:
            engine.wait_for_idle((spaced - cursor) / setup.chars_per_s)
            _want_both(reading, text[:spaced], spaced, setup)
        if setup.read_ahead:
            engine.wait_for_idle((match.end() - max(cursor, spaced)) / setup.chars_per_s)
        cursor = match.end()
        if cursor >= target:
            break
    return cursor


def _want_both(reading: EditorReading, text: str, cursor: int, setup: PauseSetup, *,
               ready: bool = False) -> None:
    """Send what the editor sends when a read is due: the next window (if near), then
    the prompt at the cursor (`ready` a moment after the last key)."""
    reading.learn()
    if setup.read_ahead:
        planner = reading.hold.ahead(setup.reads_per_s)
        reading.want("ahead", planner(text, cursor, setup.budget, SuggestionLength.SENTENCE,
                                      setup.fill_in_middle))
    reading.want("here", _plan(text, cursor, setup, reading.hold), ready=ready)


def first_plan(text: str, cursor: int, setup: PauseSetup) -> SuggestionPlan | None:
    """The suggestion at the replay's start, which the engine reads as part of loading
    (without fill-in-the-middle: what the model can do is not known before it loads)."""
    return _plan(text, cursor, replace(setup, fill_in_middle=False))


def replay(engine: BlockingEngine, text: str, start: int, pauses: int,
           setup: PauseSetup) -> ReplayFigures:
    """Type from `start` with `pauses` pauses, then jump to visited and new places. The
    engine has just loaded (having read the window at `start`), and the writer pauses."""
    figures = ReplayFigures()
    reading = EditorReading(engine, setup.context_tokens)
    reading.hold.forget(setup.context_tokens, first_plan(text[:start], start, setup))
    cursor = start
    cold = pause_at(engine, reading, text[:cursor], cursor, setup)
    figures.cold_first_char_ms = cold.first_char_ms if cold else None
    visited: list[int] = []
    while figures.pauses < pauses and cursor < len(text):
        before = window_start(text, cursor, setup.budget)
        cursor = _type_to_next_pause(engine, reading, text, cursor, setup)
        figures.pauses += 1
        timing = pause_at(engine, reading, text[:cursor], cursor, setup)
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
        if spot > 0 and (timing := pause_at(engine, reading, draft, spot, setup)):
            figures.new_places.append(timing)
        for back in (cursor, places.pop(0) if places else None):
            if back is not None and (timing := pause_at(engine, reading, draft, back, setup)):
                figures.visited.append(timing)
    every = [*figures.timings, *figures.visited, *figures.new_places]
    figures.kept_mib = round(max([0, *(timing.kept_bytes for timing in every)]) / 2**20, 1)
    return figures
