"""Re-emit the engine's messages as Qt signals on the GUI thread (QtCore only).

The engine client calls back on its reader thread; emitting a signal of this object
from there queues delivery to the GUI thread, where the slots run. The bridge restarts
the engine, and reloads its model, on the next request after a crash.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, Signal, Slot

from writer_app.engine.engine_client import EngineClient, EngineGoneError
from writer_app.engine.protocol import (
    Cancel,
    ChatMessage,
    Failed,
    Finished,
    Generate,
    Loaded,
    LoadFailed,
    LoadModel,
    Message,
    Piece,
    Sampling,
    Status,
    StopRule,
)


class EngineState(StrEnum):
    STOPPED = "stopped"
    PREPARING = "preparing"
    LOADING = "loading"
    READY = "ready"
    WRITING = "writing"
    FAILED = "failed"
    CRASHED = "crashed"


class EngineBridge(QObject):
    """Own the engine process and talk to it from the GUI thread."""

    state_changed = Signal(str, str)  # EngineState value, detail for the writer
    model_loaded = Signal(object)  # Loaded
    piece_received = Signal(int, str)
    generation_finished = Signal(int, object)  # request id, Finished
    generation_failed = Signal(int, str)
    _message_arrived = Signal(object)
    _engine_exited = Signal(str)

    def __init__(self, extra_env: dict[str, str] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client = EngineClient(self._message_arrived.emit, self._engine_exited.emit,
                                    extra_env)
        self._message_arrived.connect(self._on_message_arrived)
        self._engine_exited.connect(self._on_engine_exited)
        self._load_request: LoadModel | None = None
        self._loaded: Loaded | None = None
        self._running: set[int] = set()
        self._prefills: set[int] = set()  # running, but writing nothing the writer sees
        self.state = EngineState.STOPPED
        self.detail = ""

    @property
    def loaded(self) -> Loaded | None:
        """Return what the engine reported for the model in use, once it is ready."""
        return self._loaded

    @property
    def client(self) -> EngineClient:
        return self._client

    def load(self, request: LoadModel) -> None:
        """Start the engine if needed and load a model; progress comes as state changes."""
        self._load_request = request
        self._loaded = None
        self._running.clear()
        self._prefills.clear()
        if not self._client.is_running():
            self._client.start()
        self._set_state(EngineState.LOADING, "Starting the engine")
        self._client.send(request)

    def generate(self, prompt: str, sampling: Sampling, suffix: str | None = None,
                 stop_rule: StopRule | None = None, *, prefill: bool = False,
                 messages: tuple[ChatMessage, ...] | None = None) -> int | None:
        """Send a generation (or prefill) request and return its id; None if no model
        can run."""
        if self._load_request is None or self.state is EngineState.FAILED:
            return None
        if not self._client.is_running():
            self.load(self._load_request)
        request_id = self._client.next_id()
        request = Generate(request_id, prompt, suffix, sampling, stop_rule, prefill, messages)
        try:
            self._client.send(request)
        except EngineGoneError:
            return None
        self._running.add(request_id)
        if prefill:
            self._prefills.add(request_id)
        elif self.state is EngineState.READY:
            self._set_state(EngineState.WRITING, "")
        return request_id

    def cancel(self, request_id: int) -> None:
        """Ask the engine to stop a request; its late messages are the caller's to drop."""
        if request_id in self._running:
            try:
                self._client.send(Cancel(request_id))
            except EngineGoneError:
                self._running.discard(request_id)

    def shutdown(self) -> None:
        self._client.stop()
        self._set_state(EngineState.STOPPED, "")

    def _set_state(self, state: EngineState, detail: str) -> None:
        self.state = state
        self.detail = detail
        self.state_changed.emit(state.value, detail)

    @Slot(object)
    def _on_message_arrived(self, message: Message) -> None:
        if isinstance(message, Piece):
            self.piece_received.emit(message.id, message.text)
        elif isinstance(message, Finished | Failed):
            self._running.discard(message.id)
            self._prefills.discard(message.id)
            if self.state is EngineState.WRITING and not self._running - self._prefills:
                self._set_state(EngineState.READY, "")
            if isinstance(message, Finished):
                self.generation_finished.emit(message.id, message)
            else:
                self.generation_failed.emit(message.id, message.error)
        elif isinstance(message, Status):
            state = EngineState.PREPARING if message.state == "preparing" else EngineState.LOADING
            self._set_state(state, message.detail)
        elif isinstance(message, Loaded):
            self._loaded = message
            self._set_state(EngineState.READY, "")
            self.model_loaded.emit(message)
        elif isinstance(message, LoadFailed):
            self._set_state(EngineState.FAILED, message.error)

    @Slot(str)
    def _on_engine_exited(self, how: str) -> None:
        lost = sorted(self._running)
        self._running.clear()
        self._prefills.clear()
        self._loaded = None
        self._set_state(
            EngineState.CRASHED,
            f"The model engine {how}. Your text is safe; the engine restarts on the next "
            "suggestion.",
        )
        for request_id in lost:
            self.generation_failed.emit(request_id, "The model engine stopped.")
