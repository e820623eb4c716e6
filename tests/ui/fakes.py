"""A stand-in for the engine bridge, with the same signals, for widget behaviour tests."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from writer_app.engine.protocol import Finished, Loaded, LoadModel, Sampling, StopRule
from writer_app.ui.engine_bridge import EngineState


@dataclass
class Request:
    id: int
    prompt: str
    suffix: str | None
    sampling: Sampling
    stop_rule: StopRule | None
    messages: object = None


class FakeBridge(QObject):
    """Records requests; the test decides which pieces arrive and when."""

    state_changed = Signal(str, str)
    model_loaded = Signal(object)
    piece_received = Signal(int, str)
    generation_finished = Signal(int, object)
    generation_failed = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.state = EngineState.READY
        self.loaded: Loaded | None = None
        self.requests: list[Request] = []
        self.prefills: list[Request] = []
        self._ids = itertools.count(1)
        self.cancelled: list[int] = []
        self.loads: list[LoadModel] = []

    def load(self, request: LoadModel) -> None:
        self.loads.append(request)

    def generate(self, prompt: str, sampling: Sampling, suffix: str | None = None,
                 stop_rule: StopRule | None = None, *, prefill: bool = False,
                 messages: object = None) -> int:
        request = Request(next(self._ids), prompt, suffix, sampling, stop_rule, messages)
        (self.prefills if prefill else self.requests).append(request)
        return request.id

    def finish_prefill(self) -> None:
        """End the latest prefill, as the engine would once it has evaluated it."""
        request_id = self.prefills[-1].id
        self.generation_finished.emit(request_id, Finished(request_id, "prefilled"))

    def cancel(self, request_id: int) -> None:
        self.cancelled.append(request_id)

    def shutdown(self) -> None:
        self.state = EngineState.STOPPED

    def stream(self, *pieces: str, finish: bool = True) -> int:
        """Deliver pieces for the latest request, as the engine would."""
        request_id = self.requests[-1].id
        for piece in pieces:
            self.piece_received.emit(request_id, piece)
        if finish:
            self.generation_finished.emit(request_id, Finished(request_id, "stop"))
        return request_id
