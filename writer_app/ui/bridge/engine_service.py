"""What the window and its controllers need of the engine, whoever provides it.

`EngineBridge` provides it with the engine process; the UI tests' stand-in provides it
with pieces the test chooses. Both inherit the signals of `EngineSignals` and are checked
against `EngineService`, so the stand-in cannot drift from the real thing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, Signal, SignalInstance

from writer_app.engine.protocol import ChatMessage, Loaded, LoadModel, Sampling, StopRule
from writer_app.ui.bridge.generation import Generation


class EngineState(StrEnum):
    STOPPED = "stopped"
    PREPARING = "preparing"
    LOADING = "loading"
    READY = "ready"
    WRITING = "writing"
    FAILED = "failed"
    CRASHED = "crashed"


class EngineSignals(QObject):
    """The engine's own events (a request's events are its Generation's)."""

    state_changed = Signal(object, str)  # EngineState, a detail for the writer
    model_loaded = Signal(object)  # Loaded
    # Any request failed, with the reason: for the status bar, which says a server's
    # trouble where the writer looks. Whoever made the request hears it on its handle.
    request_failed = Signal(str)
    # Any request ended, with its statistics (Finished): for measurements and tests.
    request_finished = Signal(object)


@runtime_checkable
class EngineService(Protocol):
    """The engine as the widgets see it."""

    state_changed: SignalInstance
    model_loaded: SignalInstance
    request_failed: SignalInstance
    request_finished: SignalInstance
    state: EngineState

    @property
    def loaded(self) -> Loaded | None: ...

    def load(self, request: LoadModel) -> None: ...

    def generate(self, prompt: str, sampling: Sampling, suffix: str | None = None,
                 stop_rule: StopRule | None = None, *, prefill: bool = False,
                 messages: tuple[ChatMessage, ...] | None = None,
                 background: bool = False, ahead: bool = False) -> Generation | None: ...

    def shutdown(self) -> None: ...
