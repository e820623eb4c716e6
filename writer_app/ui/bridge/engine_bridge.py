"""Re-emit the engine's messages as Qt signals on the GUI thread (QtCore only).

The engine client calls back on its reader thread; emitting a signal of this object
from there queues delivery to the GUI thread, where the slots run. The bridge restarts
the engine, and reloads its model, on the next request after a crash.

A watchdog kills an engine that hangs: one that sends nothing, not even its heartbeat,
for `silence_limit_s` while it works (stopped, frozen), or whose llama.cpp makes no
progress for `stall_limit_s` while it generates. A load that crashes the engine is tried
once more; a second crash fails the load, so the window can fall back to another model,
as does a load still unfinished after `load_limit_s`.

A crash in native code (SIGSEGV, SIGILL, SIGBUS, SIGFPE, SIGABRT, or Windows' exception
codes) in the first decode after loading, or in two requests in a row with none finished
between them, loads the model again in safe mode (engine/safe_mode.py); only a crash in
safe mode too fails the load.
"""

from __future__ import annotations

import signal
import time

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from writer_app.engine.client.engine_client import EngineClient, EngineGoneError
from writer_app.engine.protocol import (
    Cancel,
    ChatMessage,
    Failed,
    Finished,
    Generate,
    Heartbeat,
    Loaded,
    LoadFailed,
    LoadModel,
    Message,
    Piece,
    Sampling,
    Status,
    StopRule,
)
from writer_app.engine.safe_mode import CHECKING, after_crash, fault_of, model_label
from writer_app.ui.bridge.engine_service import EngineSignals, EngineState
from writer_app.ui.bridge.generation import Generation
from writer_app.ui.i18n import say, tx

SILENCE_LIMIT_S = 10.0  # heartbeats come every second
STALL_LIMIT_S = 60.0  # a big model on a slow CPU may take this long over one prompt batch
LOAD_LIMIT_S = 600.0  # an 8B model from a slow disk loads in a minute or two


def exit_words(returncode: int | None) -> str:
    """Say how the engine process ended, to fit "The model engine …"."""
    if returncode is None:
        return tx("EngineBridge", "stopped answering")
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = str(-returncode)
        return tx("EngineBridge", "was stopped by signal {signal}").format(signal=name)
    return tx("EngineBridge", "exited with status {status}").format(status=returncode)


class EngineBridge(EngineSignals):
    """Own the engine process and talk to it from the GUI thread."""

    _message_arrived = Signal(object)
    _engine_exited = Signal(str, object)  # in words, the return code

    def __init__(self, extra_env: dict[str, str] | None = None,
                 parent: QObject | None = None, *, silence_limit_s: float = SILENCE_LIMIT_S,
                 stall_limit_s: float = STALL_LIMIT_S,
                 load_limit_s: float = LOAD_LIMIT_S) -> None:
        super().__init__(parent)
        self.silence_limit_s = silence_limit_s
        self.stall_limit_s = stall_limit_s
        self.load_limit_s = load_limit_s
        self._load_started = 0.0
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(250)
        self._watchdog.timeout.connect(self._check_alive)
        self._last_heard = 0.0
        self._progress = -1
        self._last_progress = 0.0
        self._loading = False
        self._load_crashes = 0  # of the load under way
        self._load_timed_out = False
        self._checking: Status | None = None  # the first decode of the load under way
        self._request_faults = 0  # requests crashed in native code since one finished
        self._hang: str | None = None
        self._client = EngineClient(self._message_arrived.emit, self._engine_exited.emit,
                                    extra_env)
        self._message_arrived.connect(self._on_message_arrived)
        self._engine_exited.connect(self._on_engine_exited)
        self._load_request: LoadModel | None = None
        self._loaded: Loaded | None = None
        # Requests the engine works on, cancelled ones too until it confirms their end.
        self._running: dict[int, Generation] = {}
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
        self._request_faults = 0
        self._restart(request)

    def _restart(self, request: LoadModel) -> None:
        self._load_crashes = 0
        self._load_timed_out = False
        self._start_load(request)

    def _start_load(self, request: LoadModel) -> None:
        self._stop_running(tx("EngineBridge", "Stopped: another model is loading."))
        self._load_request = request
        self._loaded = None
        self._checking = None
        if not self._client.is_running():
            self._client.start()
        self._set_state(EngineState.LOADING, tx("EngineBridge", "Starting the engine"))
        self._loading = True
        self._load_started = time.monotonic()
        self._watch()
        try:
            self._client.send(request)
        except EngineGoneError:
            pass  # it died at once: its exit is reported like any crash

    def _stop_running(self, why: str) -> None:
        """Cancel every running request and end it for whoever waits on it.

        The engine serves one queue: a new load would wait behind a long Continue, and
        the old model's pieces would arrive under "Loading…". Late messages of these
        requests are dropped (their ids are no longer running).
        """
        lost = self._take_running()  # prefills too: whoever started one waits for its end
        for generation in lost:
            try:
                self._client.send(Cancel(generation.request_id))
            except EngineGoneError:
                break
        self._fail(lost, why)

    def _take_running(self) -> list[Generation]:
        lost = [self._running[request_id] for request_id in sorted(self._running)]
        self._running.clear()
        return lost

    def _fail(self, lost: list[Generation], why: str) -> None:
        for generation in lost:
            if generation.is_open:
                self.request_failed.emit(why)
            generation.deliver_failed(why)

    def _watch(self) -> None:
        """Start timing the engine's silence and progress from now."""
        now = time.monotonic()
        self._last_heard = self._last_progress = now
        if not self._watchdog.isActive():
            self._watchdog.start()

    @Slot()
    def _check_alive(self) -> None:
        if not self._loading and not self._running:
            self._watchdog.stop()
            return
        now = time.monotonic()
        if now - self._last_heard > self.silence_limit_s:
            self._hang = tx("EngineBridge", "stopped answering for {seconds} s").format(
                seconds=f"{self.silence_limit_s:.0f}")
        elif self._running and not self._loading \
                and now - self._last_progress > self.stall_limit_s:
            self._hang = tx("EngineBridge", "made no progress for {seconds} s").format(
                seconds=f"{self.stall_limit_s:.0f}")
        elif self._loading and now - self._load_started > self.load_limit_s:
            self._hang = tx("EngineBridge", "was still loading after {seconds} s").format(
                seconds=f"{self.load_limit_s:.0f}")
            self._load_timed_out = True  # no second try: it would hang the same way
        else:
            return
        self._watchdog.stop()
        self._client.kill()  # its exit is then reported with the reason above

    def generate(self, prompt: str, sampling: Sampling, suffix: str | None = None,
                 stop_rule: StopRule | None = None, *, prefill: bool = False,
                 messages: tuple[ChatMessage, ...] | None = None,
                 background: bool = False, ahead: bool = False) -> Generation | None:
        """Send a generation (or prefill) request and return its handle; None if no
        model can run. A `background` prefill is read only while nothing else waits;
        `ahead`: see Generate."""
        if self._load_request is None or self.state is EngineState.FAILED:
            return None
        if not self._client.is_running():
            self._restart(self._load_request)
        request_id = self._client.next_id()
        reading = prefill or background  # the engine only reads the prompt: nothing is written
        request = Generate(request_id, prompt, suffix, sampling, stop_rule, reading, messages,
                           background, ahead)
        try:
            self._client.send(request)
        except EngineGoneError:
            return None
        if not self._running and not self._loading:
            self._watch()
        generation = Generation(request_id, self._cancel, prefill=reading)
        self._running[request_id] = generation
        if not reading and self.state is EngineState.READY:
            self._set_state(EngineState.WRITING, "")
        return generation

    def _cancel(self, request_id: int) -> None:
        """Ask the engine to stop a request (its handle delivers nothing more)."""
        if request_id in self._running:
            try:
                self._client.send(Cancel(request_id))
            except EngineGoneError:
                self._running.pop(request_id).release()

    def shutdown(self) -> None:
        self._watchdog.stop()
        self._loading = False
        self._client.stop()
        self._set_state(EngineState.STOPPED, "")

    def _set_state(self, state: EngineState, detail: str) -> None:
        self.state = state
        self.detail = say(detail)  # a Qt signal carries plain text: translate first
        self.state_changed.emit(state, self.detail)

    @Slot(object)
    def _on_message_arrived(self, message: Message) -> None:
        now = time.monotonic()
        self._last_heard = now
        if isinstance(message, Heartbeat):
            if message.progress != self._progress:
                self._progress = message.progress
                self._last_progress = now
            return
        self._last_progress = now
        if isinstance(message, Piece):
            generation = self._running.get(message.id)
            if generation is not None:  # else it ended here already (a load cancelled it)
                generation.deliver_piece(message.text)
        elif isinstance(message, Finished | Failed):
            ended = self._running.pop(message.id, None)
            if ended is None:
                return
            if isinstance(message, Finished) and message.reason != "cancelled":
                self._request_faults = 0
            if self.state is EngineState.WRITING and all(
                    g.prefill for g in self._running.values()):
                self._set_state(EngineState.READY, "")
            if isinstance(message, Finished):
                self.request_finished.emit(message)
                ended.deliver_finished(message)
            else:
                self._fail([ended], say(message.error))
        elif isinstance(message, Status):
            if message.state == CHECKING:
                self._checking = message
            state = EngineState.PREPARING if message.state == "preparing" else EngineState.LOADING
            self._set_state(state, message.detail)
        elif isinstance(message, Loaded):
            self._loading = False
            self._checking = None
            self._loaded = message
            self._set_state(EngineState.READY, "")
            self.model_loaded.emit(message)
        elif isinstance(message, LoadFailed):
            self._loading = False
            self._set_state(EngineState.FAILED, message.error)

    @Slot(str, object)
    def _on_engine_exited(self, how: str, returncode: int | None) -> None:
        if self._client.is_running():
            return  # an earlier process's exit, reported after its successor started
        how, self._hang = self._hang or exit_words(returncode), None
        fault = fault_of(returncode)
        lost = self._take_running()
        was_loaded, self._loaded = self._loaded, None
        was_loading, self._loading = self._loading, False
        checking, self._checking = self._checking, None
        request = self._load_request
        model = model_label(request) if request else ""
        if fault and lost and not was_loading:
            self._request_faults += 1
        if request is not None and not (was_loaded is not None and was_loaded.safe_mode):
            step = after_crash(request, fault, checking if was_loading else None,
                               requests_in_a_row=self._request_faults)
            if isinstance(step, str):
                self._set_state(EngineState.FAILED, step)
                return
            if step is not None:
                self._fail(lost, tx("EngineBridge", "The model engine stopped."))
                self._load_crashes = 0
                self._start_load(step)
                self._set_state(EngineState.LOADING,
                                tx("EngineBridge", "The engine {how}; loading {model} again in "
                                                   "safe mode").format(how=how, model=model))
                return
        if was_loading and request is not None:
            self._load_crashes += 1
            if self._load_crashes > 1 or self._load_timed_out:
                twice = "" if self._load_timed_out else tx("EngineBridge", " twice")
                self._set_state(EngineState.FAILED, tx(
                    "EngineBridge", "The model engine {how}{twice} while loading {model}. The "
                    "model may need more memory than this computer can give it, or the file "
                    "may be damaged. Choose another model, or a smaller context size in "
                    "Preferences → Model.").format(how=how, twice=twice, model=model))
                return
            self._start_load(self._load_request)  # once more: a one-off fault passes
            self._set_state(EngineState.LOADING, tx(
                "EngineBridge", "The engine {how}; loading {model} again").format(
                how=how, model=model))
            return
        self._set_state(
            EngineState.CRASHED,
            tx("EngineBridge", "The model engine {how}. Your text is safe; the engine restarts "
                               "on the next suggestion.").format(how=how),
        )
        self._fail(lost, tx("EngineBridge", "The model engine stopped."))
