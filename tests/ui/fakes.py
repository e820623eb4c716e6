"""A stand-in for the engine bridge, for widget behaviour tests: the same signals (it
inherits EngineSignals), the same Generation handles, and checked against the same
EngineService protocol as the real bridge; the test decides which pieces arrive and when."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from writer_app.engine.protocol import (
    ChatMessage,
    Finished,
    Loaded,
    LoadModel,
    Sampling,
    StopRule,
)
from writer_app.ui.bridge.engine_service import EngineSignals, EngineState
from writer_app.ui.bridge.generation import Generation


@dataclass
class Request:
    id: int
    prompt: str
    suffix: str | None
    sampling: Sampling
    stop_rule: StopRule | None
    messages: tuple[ChatMessage, ...] | None = None
    ahead: bool = False


class FakeBridge(EngineSignals):
    """Records requests; the test delivers their pieces and ends."""

    def __init__(self) -> None:
        super().__init__()
        self.state = EngineState.READY
        self._loaded: Loaded | None = None
        self.requests: list[Request] = []
        self.prefills: list[Request] = []
        self.read_aheads: list[Request] = []  # background prefills
        self.generations: dict[int, Generation] = {}
        self._ids = itertools.count(1)
        self.cancelled: list[int] = []
        self.loads: list[LoadModel] = []

    @property
    def loaded(self) -> Loaded | None:
        return self._loaded

    @loaded.setter
    def loaded(self, value: Loaded | None) -> None:
        self._loaded = value

    def load(self, request: LoadModel) -> None:
        self.loads.append(request)

    def generate(self, prompt: str, sampling: Sampling, suffix: str | None = None,
                 stop_rule: StopRule | None = None, *, prefill: bool = False,
                 messages: tuple[ChatMessage, ...] | None = None,
                 background: bool = False, ahead: bool = False) -> Generation:
        request = Request(next(self._ids), prompt, suffix, sampling, stop_rule, messages,
                          ahead)
        kind = self.read_aheads if background else self.prefills if prefill else self.requests
        kind.append(request)
        generation = Generation(request.id, self.cancelled.append,
                                prefill=prefill or background)
        self.generations[request.id] = generation
        return generation

    def shutdown(self) -> None:
        self.state = EngineState.STOPPED

    # --- what the engine would send --------------------------------------------

    def piece(self, request_id: int, text: str) -> None:
        """Deliver a piece of request `request_id` (nothing, if it was cancelled)."""
        self.generations[request_id].deliver_piece(text)

    def finish(self, request_id: int, finished: Finished | None = None) -> None:
        """End request `request_id`, as the engine does (after a cancel too)."""
        finished = finished or Finished(request_id, "stop")
        self.request_finished.emit(finished)
        self.generations[request_id].deliver_finished(finished)

    def fail(self, request_id: int, error: str) -> None:
        self.request_failed.emit(error)
        self.generations[request_id].deliver_failed(error)

    def finish_prefill(self) -> None:
        """End the latest prefill, as the engine would once it has evaluated it."""
        request_id = self.prefills[-1].id
        self.finish(request_id, Finished(request_id, "prefilled"))

    def stream(self, *pieces: str, finish: bool = True) -> int:
        """Deliver pieces for the latest request, as the engine would."""
        request_id = self.requests[-1].id
        for text in pieces:
            self.piece(request_id, text)
        if finish:
            self.finish(request_id)
        return request_id

