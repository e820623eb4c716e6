"""The replay's timings add up as the writer would wait."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from writer_app.bench import typing_replay
from writer_app.bench.engine_session import Timed
from writer_app.bench.typing_replay import PauseSetup, pause_at
from writer_app.core.context import ContextBudget
from writer_app.engine.client.suggestion_request import PREFILL_DELAY_MS
from writer_app.engine.protocol import Finished

TEXT = "The keeper climbed the stairs and lit the lamp. " * 40
SETUP = PauseSetup(ContextBudget(before_chars=400), fill_in_middle=False, pause_ms=350)


def fake_run_plan(prefill_ms: float, first_ms: float | None):  # type: ignore[no-untyped-def]
    calls: list[bool] = []

    def run_plan(_engine: object, _plan: object, *, prefill: bool = False,
                 cancel_at_first_piece: bool = False) -> Timed:
        calls.append(prefill)
        if prefill:
            return Timed("", None, prefill_ms, Finished(1, "prefilled"))
        assert cancel_at_first_piece
        return Timed(" the", first_ms, (first_ms or 0) + 5, Finished(2, "cancelled"))

    return run_plan, calls


@pytest.mark.parametrize(("prefill_ms", "expected"), [
    (120.0, 9.0),  # done well before the pause: the writer waits for the request only
    (SETUP.pause_ms - PREFILL_DELAY_MS + 300.0, 309.0),  # 300 ms past the pause, then 9
])
def test_a_prefill_that_outlasts_the_pause_is_counted(
        monkeypatch: pytest.MonkeyPatch, prefill_ms: float, expected: float) -> None:
    run_plan, calls = fake_run_plan(prefill_ms, 9.0)
    monkeypatch.setattr(typing_replay, "run_plan", run_plan)
    cursor = len(TEXT) - 1
    timing = pause_at(object(), TEXT[:cursor], cursor, SETUP)  # type: ignore[arg-type]
    assert calls == [True, False]  # prefill first, then the suggestion, as the editor does
    assert timing is not None
    assert timing.first_char_ms == expected
    assert (timing.prefill_ms, timing.engine_first_char_ms) == (prefill_ms, 9.0)


def test_no_piece_is_an_empty_suggestion_not_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    run_plan, _calls = fake_run_plan(50.0, None)
    monkeypatch.setattr(typing_replay, "run_plan", run_plan)
    monkeypatch.setattr(typing_replay, "read_ahead", lambda *_args: 0)
    idle = SimpleNamespace(wait_for_idle=lambda _seconds: True)
    figures = typing_replay.replay(idle, TEXT, 600, 5, SETUP)  # type: ignore[arg-type]
    assert figures.pauses == 5
    assert figures.empty == 5
    assert figures.timings == []
    assert figures.summary()["first_char_ms"] == {
        "n": 0, "p50": None, "p95": None, "p99": None, "max": None}
