"""The replay sends what the editor sends, in its order, and times what the writer waits."""

from __future__ import annotations

import itertools

import pytest

from writer_app.bench import typing_replay
from writer_app.bench.typing_replay import EditorReading, PauseSetup, PauseTiming, pause_at
from writer_app.core.context import ContextBudget, window_start
from writer_app.engine.client.suggestion_request import PREFILL_DELAY_MS
from writer_app.engine.client.timed_request import Timed
from writer_app.engine.protocol import Finished

TEXT = "The keeper climbed the stairs and lit the lamp. " * 40
SETUP = PauseSetup(ContextBudget(before_chars=400), fill_in_middle=False, pause_ms=350)


class Engine:
    """Records what the replay asks of the engine."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []
        self.ready: list[bool] = []
        self.prefilled: set[int] = set()
        self.sent: dict[int, str] = {}
        self.ahead: dict[str, bool] = {}  # sent as a window ahead (see Generate)?
        self._ids = 0

    def start(self, prompt: str, _sampling: object, _suffix: object, stop_rule: object, *,
              background: bool = False, ahead: bool = False) -> int:
        assert background
        self._ids += 1
        self.sent[self._ids] = prompt
        self.ahead[prompt] = ahead
        self.calls.append(("read", prompt))
        self.ready.append(stop_rule is not None)  # readied for the pause (see Generate)
        return self._ids

    def cancel(self, request_id: int) -> None:
        self.calls.append(("cancel", request_id))

    def take_prefilled(self) -> set[int]:
        ended, self.prefilled = self.prefilled, set()
        return ended

    def reads_done(self, prompt: str) -> None:
        """Say the reads of `prompt` sent so far have ended done."""
        self.prefilled |= {n for n, sent in self.sent.items() if sent == prompt}

    def wait_for_idle(self, seconds: float) -> bool:
        self.calls.append(("idle", round(seconds, 3)))
        return True


def fake_run_plan(first_ms: float | None, calls: list[tuple[str, object]]):  # type: ignore[no-untyped-def]
    def run_plan(_engine: object, plan: typing_replay.SuggestionPlan, *,
                 cancel_at_first_piece: bool = False) -> Timed:
        assert cancel_at_first_piece
        calls.append(("ask", plan.prompt))
        return Timed(" the", first_ms, (first_ms or 0) + 5, Finished(2, "cancelled"))

    return run_plan


def test_a_pause_reads_its_prompt_then_asks_and_times_only_the_answer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine()
    monkeypatch.setattr(typing_replay, "run_plan", fake_run_plan(9.0, engine.calls))
    cursor = len(TEXT) - 1
    whole = PauseSetup(ContextBudget(before_chars=4000), False, 350)  # no other window
    timing = pause_at(engine, EditorReading(engine), TEXT[:cursor], cursor,  # type: ignore[arg-type]
                      whole)
    prompt = engine.calls[0][1]
    assert isinstance(prompt, str)
    assert TEXT[:cursor].endswith(prompt)
    # The read is sent PREFILL_DELAY_MS after the last key; the engine has the rest of
    # the pause; the read, made ready for the suggestion, is left for the engine to end
    # (ReadAhead.give_way); the suggestion's answer is the wait.
    assert engine.calls == [("read", prompt), ("idle", (SETUP.pause_ms - PREFILL_DELAY_MS) / 1000),
                            ("ask", prompt)]
    assert engine.ready == [True]  # healed (and a short window at a new place) in time
    assert timing is not None
    assert timing.first_char_ms == 9.0


def test_every_word_typed_is_sent_and_the_engine_gets_its_typing_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine()
    reading = EditorReading(engine)
    # A window larger than the text: it never moves, so only the cursor's prompt is read.
    whole = PauseSetup(ContextBudget(before_chars=4000), False, 350, 20)
    cursor = typing_replay._type_to_next_pause(engine, reading, TEXT, 600,  # type: ignore[arg-type]
                                               whole)
    reads = [prompt for kind, prompt in engine.calls if kind == "read"]
    waits = [seconds for kind, seconds in engine.calls if kind == "idle"]
    assert cursor >= 620
    # One read per word ended before the pause, at the space that ends it (as the editor
    # sends it: ends_a_word), each continuing the one before (none cancelled: the engine
    # drops the older for it); between them, the typing time of each key.
    assert len(reads) >= 3
    assert all(prompt.endswith(" ") for prompt in reads)
    assert all(later.startswith(earlier) for earlier, later in itertools.pairwise(reads))
    assert not [kind for kind, _ in engine.calls if kind == "cancel"]
    assert not any(engine.ready)  # read as far as they go: the pause's read readies it
    assert waits[0] == round(len(TEXT[600:].split(" ", 1)[0]) / 5.0, 3)
    assert sum(waits) == pytest.approx((cursor - 600) / 5.0, abs=0.01)


def test_without_reading_while_typing_nothing_is_sent_between_pauses() -> None:
    engine = Engine()
    typing_replay._type_to_next_pause(engine, EditorReading(engine), TEXT, 600,  # type: ignore[arg-type]
                                      PauseSetup(SETUP.budget, False, 350, 20,
                                                 read_ahead=False))
    assert engine.calls == []


def test_no_piece_is_an_empty_suggestion_not_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine()
    monkeypatch.setattr(typing_replay, "run_plan", fake_run_plan(None, engine.calls))
    figures = typing_replay.replay(engine, TEXT, 600, 5, SETUP)  # type: ignore[arg-type]
    assert figures.pauses == 5
    assert figures.empty == 5
    assert figures.timings == []
    assert figures.summary()["first_char_ms"] == {
        "n": 0, "p50": None, "p95": None, "p99": None, "max": None}


def test_past_a_move_the_pause_keeps_the_window_read_until_the_new_one_is_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine()
    reading = EditorReading(engine)
    monkeypatch.setattr(typing_replay, "run_plan", fake_run_plan(9.0, engine.calls))
    budget = SETUP.budget
    before = TEXT.index(" ", 1000)
    start = window_start(TEXT, before, budget)
    pause_at(engine, reading, TEXT[:before], before, SETUP)  # type: ignore[arg-type]
    engine.reads_done(TEXT[start:before])  # the window at the cursor is read; no other
    after = TEXT.index(" ", before + 1)
    while window_start(TEXT, after, budget) == start:
        after = TEXT.index(" ", after + 1)
    moved_to = window_start(TEXT, after, budget)
    pause_at(engine, reading, TEXT[:after], after, SETUP)  # type: ignore[arg-type]
    asked = [prompt for kind, prompt in engine.calls if kind == "ask"]
    assert asked[-1] == TEXT[start:after]  # held: the window read, up to the cursor
    assert ("read", TEXT[moved_to:after]) in engine.calls  # the one moved to, read ahead
    assert engine.ahead[TEXT[moved_to:after]]
    assert not engine.ahead[TEXT[start:after]]
    engine.reads_done(TEXT[moved_to:after])
    on = TEXT.index(" ", after + 1)  # the writer types a word on
    pause_at(engine, reading, TEXT[:on], on, SETUP)  # type: ignore[arg-type]
    asked = [prompt for kind, prompt in engine.calls if kind == "ask"]
    assert asked[-1] == TEXT[moved_to:on]  # read: the window moves


def test_short_window_answers_are_counted_at_pauses_and_at_jumps_apart() -> None:
    short, whole = PauseTiming(9.0, 0.0, short_window=True), PauseTiming(3.0, 0.0)
    figures = typing_replay.ReplayFigures(timings=[whole, short], visited=[whole],
                                          new_places=[short, short])
    summary = figures.summary()
    assert (summary["short_window_answers"], summary["short_window_answers_at_jumps"]) == (1, 2)
