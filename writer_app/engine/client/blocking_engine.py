"""A blocking way to use the engine process, for the command line and the benchmark."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator
from pathlib import Path

from writer_app.engine.client.engine_client import EngineClient
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
    RemoteTarget,
    Sampling,
    Status,
    StopRule,
    WhenIdle,
)
from writer_app.engine.safe_mode import CHECKING, after_crash, fault_of


class EngineError(RuntimeError):
    """The engine stopped, did not answer, or failed a request."""


class ModelLoadError(EngineError):
    """The model could not be loaded; the message says why, for the writer."""


class EngineExitedError(EngineError):
    """The engine process ended; `returncode` says how."""

    def __init__(self, message: str, returncode: int | None) -> None:
        super().__init__(message)
        self.returncode = returncode


class _CrashedInFirstDecodeError(EngineError):
    def __init__(self, fault: str, checking: Status) -> None:
        super().__init__(fault)
        self.fault = fault
        self.checking = checking

    def next_step(self, request: LoadModel) -> LoadModel:
        """Return the safe-mode load to try; raise ModelLoadError if that was one."""
        step = after_crash(request, self.fault, self.checking)
        if isinstance(step, str):
            raise ModelLoadError(step) from None
        assert step is not None  # a crash of native code in the first decode
        return step


class BlockingEngine:
    """Start an engine process and wait for its answers, one request at a time."""

    def __init__(self, timeout_s: float = 600) -> None:
        self._inbox: queue.Queue[Message | EngineError] = queue.Queue()
        self._timeout_s = timeout_s
        # Background reads that ended done, whichever wait saw them (see take_prefilled).
        self._prefilled: set[int] = set()
        self.client = EngineClient(
            self._inbox.put,
            lambda how, code: self._inbox.put(EngineExitedError(f"the engine {how}", code)))
        self.client.start()

    def __enter__(self) -> BlockingEngine:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.client.stop()

    def _next(self, timeout_s: float | None = None) -> Message:
        try:
            message = self._inbox.get(timeout=timeout_s or self._timeout_s)
        except queue.Empty:
            raise EngineError("the engine did not answer in time") from None
        if isinstance(message, EngineError):
            raise message
        return message

    def load(self, model_path: str | None, data_dir: Path, *, gpu_layers: str = "auto",
             remote: RemoteTarget | None = None, warm_prompt: str = "",
             warm_max_tokens: int = 48, n_threads: int = 0) -> Loaded:
        """Load a model (None: the embedded one), or connect to `remote` instead; raise
        ModelLoadError if it fails. `warm_prompt` is read as part of loading.

        A crash in the first decode after loading loads the model again in safe mode, in
        a new engine process (see engine/safe_mode.py), as the window does.
        """
        request = LoadModel(model_path, str(data_dir), n_threads=n_threads,
                            gpu_layers=gpu_layers, remote=remote, warm_prompt=warm_prompt,
                            warm_max_tokens=warm_max_tokens)
        try:
            return self._load(request)
        except _CrashedInFirstDecodeError as crash:
            safe = crash.next_step(request)
        self.client.start()
        try:
            return self._load(safe)
        except _CrashedInFirstDecodeError as again:
            again.next_step(safe)  # raises: safe mode crashed too
            raise

    def _load(self, request: LoadModel) -> Loaded:
        self.client.send(request)
        checking: Status | None = None
        while True:
            try:
                message = self._next()
            except EngineExitedError as exc:
                fault = fault_of(exc.returncode)
                if fault and checking is not None:
                    raise _CrashedInFirstDecodeError(fault, checking) from exc
                raise
            if isinstance(message, Status) and message.state == CHECKING:
                checking = message
            if isinstance(message, LoadFailed):
                raise ModelLoadError(message.error)
            if isinstance(message, Loaded):
                return message

    def start(self, prompt: str, sampling: Sampling, suffix: str | None = None,
              stop_rule: StopRule | None = None, *, prefill: bool = False,
              messages: tuple[ChatMessage, ...] | None = None,
              background: bool = False, ahead: bool = False) -> int:
        """Send a generation (or prefill) request and return its id (`ahead`: see
        Generate)."""
        request_id = self.client.next_id()
        self.client.send(Generate(request_id, prompt, suffix, sampling, stop_rule,
                                  prefill or background, messages, background, ahead))
        return request_id

    def cancel(self, request_id: int) -> None:
        self.client.send(Cancel(request_id))

    def wait(self, request_id: int, timeout_s: float) -> Finished | None:
        """Wait up to `timeout_s` for the request's end; None if it has not ended."""
        deadline = time.monotonic() + timeout_s
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = self._inbox.get(timeout=left)
            except queue.Empty:
                return None
            if isinstance(message, EngineError):
                raise message
            self._note(message)
            if isinstance(message, Finished | Failed) and message.id == request_id:
                return message if isinstance(message, Finished) else None
        return None

    def _note(self, message: Message) -> None:
        if isinstance(message, Finished) and message.reason == "prefilled":
            self._prefilled.add(message.id)

    def take_prefilled(self) -> set[int]:
        """Return the ids of the background reads that ended done since the last call."""
        ended, self._prefilled = self._prefilled, set()
        return ended

    def wait_for_idle(self, timeout_s: float) -> bool:
        """Wait up to `timeout_s` for the engine to have nothing left to read in the
        background; return whether it came to that."""
        request_id = self.client.next_id()
        self.client.send(WhenIdle(request_id))
        if self.wait(request_id, timeout_s) is not None:
            return True
        self.cancel(request_id)
        self.wait(request_id, self._timeout_s)
        return False

    def stream(self, request_id: int) -> Iterator[Piece | Finished]:
        """Yield the request's pieces and, last, its Finished message."""
        while True:
            message = self._next()
            self._note(message)
            if isinstance(message, Piece) and message.id == request_id:
                yield message
            elif isinstance(message, Finished) and message.id == request_id:
                yield message
                return
            elif isinstance(message, Failed) and message.id == request_id:
                raise EngineError(message.error)
