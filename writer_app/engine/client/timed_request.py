"""Requests to the app's engine process, timed from the client's side (the bench, the
speed probe)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from writer_app.core.said import said
from writer_app.engine.client.blocking_engine import BlockingEngine, EngineError
from writer_app.engine.client.suggestion_request import SuggestionPlan
from writer_app.engine.protocol import Finished, Piece, Sampling, StopRule


@dataclass(frozen=True)
class Timed:
    """One request as the client saw it."""

    text: str
    first_piece_ms: float | None
    total_ms: float
    finished: Finished


def run_plan(engine: BlockingEngine, plan: SuggestionPlan, *, prefill: bool = False,
             cancel_at_first_piece: bool = False) -> Timed:
    """Send the suggestion request `plan` and wait for the engine to finish it.

    With `cancel_at_first_piece`, cancel as soon as the first piece arrives, as the
    writer's next keystroke would; the engine is idle again when this returns.
    """
    return run_request(engine, plan.prompt, plan.sampling, plan.suffix, plan.stop_rule,
                       prefill=prefill, cancel_at_first_piece=cancel_at_first_piece)


def run_request(engine: BlockingEngine, prompt: str, sampling: Sampling,
                suffix: str | None = None, stop_rule: StopRule | None = None, *,
                prefill: bool = False, cancel_at_first_piece: bool = False) -> Timed:
    """Send a request and wait for the engine to finish it (see `run_plan`)."""
    started = time.perf_counter()
    request_id = engine.start(prompt, sampling, suffix, stop_rule, prefill=prefill)
    first: float | None = None
    text = ""
    for message in engine.stream(request_id):
        if isinstance(message, Piece):
            if first is None:
                first = (time.perf_counter() - started) * 1000
                if cancel_at_first_piece:
                    engine.cancel(request_id)
            text += message.text
        else:
            return Timed(text, first, (time.perf_counter() - started) * 1000, message)
    raise EngineError(said("Engine", "The engine ended a request without finishing it."))
