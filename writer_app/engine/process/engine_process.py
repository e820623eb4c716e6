"""The engine's child process: read requests on stdin, write replies on stdout.

Running llama.cpp in its own process means a native crash, an abort on out-of-memory or
a kill takes down only this process; the editor, and the writer's text, stay. A reader
thread takes messages as they come, so a cancel reaches a running generation at once,
while the main thread serves one request at a time.
"""

from __future__ import annotations

import faulthandler
import os
import queue
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from writer_app.core.errors import WriterError
from writer_app.core.said import message_of, said
from writer_app.engine import protocol
from writer_app.engine.process.background_reading import BackgroundReading
from writer_app.engine.process.generation import Engine, GenerationCancelledError, GenerationStats
from writer_app.engine.process.priority import lower_priority
from writer_app.engine.protocol import (
    Cancel,
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
    Shutdown,
    Status,
    StopRule,
    WhenIdle,
)

# Test hook: makes the engine sleep before each token, so tests can act mid-generation.
_SLOW_ENV = "WRITER_ENGINE_TEST_TOKEN_DELAY_S"
# Test hook: a real SIGSEGV where the first decode after loading runs, as a build whose
# kernels do not suit the processor gives: "unsafe" crashes unless in safe mode, "always"
# crashes in safe mode too. Honoured only under pytest, never in a writer's app.
_CRASH_ENV = "WRITER_ENGINE_TEST_CRASH_FIRST_DECODE"


def _stand_in_crash(safe: bool) -> None:
    mode = os.environ.get(_CRASH_ENV, "")
    if mode not in ("unsafe", "always") or "PYTEST_CURRENT_TEST" not in os.environ:
        return
    if mode == "always" or not safe:
        faulthandler._sigsegv()  # dereferences NULL: the kernel's SIGSEGV, not a kill
HEARTBEAT_S = 1.0
WARM_READ_LIMIT_S = 30.0  # reading the text around the cursor, as part of a load


class EngineServer:
    """Serve engine requests from `inbox` and write replies to `outbox`."""

    def __init__(self, inbox: BinaryIO, outbox: BinaryIO) -> None:
        self._inbox = inbox
        self._outbox = outbox
        # None wakes the main loop for background work that just came.
        self._requests: queue.Queue[Message | None] = queue.Queue()
        self._reading = BackgroundReading(self.send)
        self._cancelled: set[int] = set()
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._token_delay = float(os.environ.get(_SLOW_ENV, "0") or 0)
        self._send_lock = threading.Lock()
        self._busy = threading.Event()

    def send(self, message: Message) -> None:
        # The heartbeat thread writes too: one whole line at a time.
        with self._send_lock:
            self._outbox.write(protocol.encode(message))
            self._outbox.flush()

    def _beat(self) -> None:
        """Tell the editor, every second of a load or a request, that work goes on."""
        while True:
            self._busy.wait()
            time.sleep(HEARTBEAT_S)
            if self._busy.is_set():
                engine = self._engine
                self.send(Heartbeat(engine.progress if engine is not None else 0))

    def _read_requests(self) -> None:
        for line in self._inbox:
            try:
                message = protocol.decode(line)
            except ValueError as exc:
                print(f"engine: ignoring malformed request: {exc}", file=sys.stderr)
                continue
            if isinstance(message, Cancel):
                if not self._reading.cancel(message.id):
                    with self._lock:
                        self._cancelled.add(message.id)
            elif isinstance(message, Generate) and message.background:
                self._reading.add(message)
                self._requests.put(None)
            elif isinstance(message, WhenIdle):
                self._reading.wait_for_idle(message.id)
                self._requests.put(None)
            else:
                self._reading.request_queued(message)
                self._requests.put(message)
        # The editor closed the pipe (it quit or died): nobody is left to serve.
        os._exit(0)

    def _is_cancelled(self, request_id: int) -> bool:
        with self._lock:
            return request_id in self._cancelled

    def run(self) -> None:
        threading.Thread(target=self._read_requests, name="engine-reader", daemon=True).start()
        threading.Thread(target=self._beat, name="engine-heartbeat", daemon=True).start()
        while True:
            message = self._next_request()
            if message is None:
                continue
            if isinstance(message, Shutdown):
                return
            self._reading.request_taken(message)
            self._busy.set()
            try:
                if isinstance(message, LoadModel):
                    self._load(message)
                elif isinstance(message, Generate):
                    self._generate(message)
            except Exception as exc:  # whatever failed, the request gets an answer
                self._report_unexpected(message, exc)
            finally:
                self._busy.clear()

    def _next_request(self) -> Message | None:
        """Return the next request; while none waits, read ahead and return None."""
        engine = self._engine
        if engine is None or not self._reading.has_work():
            if self._requests.empty():
                self._reading.answer_idle()
            return self._requests.get()
        try:
            # Just after a read made ready for a pause, the pause's suggestion is likely
            # next: wait a moment for it before reading elsewhere (see BackgroundReading).
            return self._requests.get(timeout=self._reading.held_for())
        except queue.Empty:
            pass
        self._busy.set()
        try:
            self._reading.read_one(engine, lambda: not self._requests.empty())
        except Exception as exc:  # background work must never take the engine down
            print(f"engine: reading ahead failed: {exc!r}", file=sys.stderr)
            self._reading.give_up()
        finally:
            self._busy.clear()
        return None

    def _report_unexpected(self, message: Message, error: Exception) -> None:
        """Answer a request that failed in a way no handler foresaw, in its own words,
        instead of dying (which the editor would take for a crash of llama.cpp)."""
        words = f"{type(error).__name__}: {error}"
        print(f"engine: unexpected failure: {words}", file=sys.stderr)
        if isinstance(message, LoadModel):
            self._engine = None
            self.send(LoadFailed(said("Engine", "The engine failed while loading ({problem}). "
                                                "Choose the model again, or another one.")
                                 .format(problem=words)))
        elif isinstance(message, Generate):
            self.send(Failed(message.id, said("Engine", "The engine failed while writing "
                                                        "({problem}).").format(problem=words)))

    def _load(self, request: LoadModel) -> None:
        if self._engine is not None:
            self._engine.close()
        self._engine = None
        self._reading.drop_all()
        if request.remote is not None:
            self._load_remote(request)
            return
        from writer_app.core.cpu_features import describe_cpu
        from writer_app.core.default_model import ensure_default_model
        from writer_app.core.gguf_file import check_model_file
        from writer_app.engine.process.gpu_offload import load_with_cpu_fallback, plan_gpu_layers
        from writer_app.engine.process.llama_build import current_build
        from writer_app.engine.process.llama_engine import LlamaEngine
        from writer_app.engine.safe_mode import (
            CHECKING,
            MEMORY_FILE,
            SafeModeMemory,
            memory_key,
        )

        started = time.perf_counter()
        self._engine = None
        try:
            if request.model_path is None:
                self.send(Status("preparing", said("Engine", "Preparing the embedded model")))
                path = ensure_default_model(Path(request.data_dir))
            else:
                path = Path(request.model_path)
            info = check_model_file(path)
            build = current_build()
            memory = SafeModeMemory(Path(request.data_dir) / MEMORY_FILE)
            key = memory_key(path, build.key)
            safe_mode = request.safe_mode or memory.reason_for(key) or ""
            loading = (said("Engine", "Loading {name} in safe mode") if safe_mode
                       else said("Engine", "Loading {name}"))
            self.send(Status("loading", loading.format(name=path.name)))
            engine, gpu_layers, note = load_with_cpu_fallback(
                lambda layers: LlamaEngine(path, request.n_ctx, request.n_threads, layers,
                                           safe=bool(safe_mode)),
                0 if safe_mode else plan_gpu_layers(path, info, request.gpu_layers,
                                                    request.n_ctx))
            self.send(Status(CHECKING, said("Engine", "Checking {name} on this computer")
                             .format(name=path.name),
                             build=build.words, cpu=describe_cpu()))
            _stand_in_crash(bool(safe_mode))
            engine.first_decode()
            engine.finish_loading()
            if request.warm_prompt:
                self.send(Status("loading", said("Engine", "Reading the text around the "
                                                           "cursor")))
                # A slow model on a slow computer stops reading there: the editor asks
                # for the rest in the background once the model is ready.
                until = time.monotonic() + WARM_READ_LIMIT_S
                warm = Generate(0, request.warm_prompt,
                                sampling=Sampling(request.warm_max_tokens))
                try:  # a head start only: whatever goes wrong, the model is loaded
                    # All of it, then ready for the pause (healed: see Generate).
                    for rule in (None, StopRule("sentence", "", "")):
                        if not engine.prepare(replace(warm, stop_rule=rule),
                                              lambda: not self._requests.empty()
                                              or time.monotonic() > until):
                            break
                except (RuntimeError, ValueError) as exc:
                    print(f"engine: reading the cursor's text failed: {exc!r}",
                          file=sys.stderr)
                engine.take_follow_up()  # the editor asks for the rest once it is ready
            if request.safe_mode:
                memory.remember(key, str(path), build.words, request.safe_mode)
        except WriterError as exc:  # a bad file, or one too large to try
            self.send(LoadFailed(message_of(exc)))
            return
        except (ValueError, RuntimeError, OSError) as exc:
            self.send(LoadFailed(said(
                "Engine", "llama.cpp could not load “{name}”: {problem}. The file may be "
                "damaged, or made for a newer llama.cpp. Choose another model.").format(
                name=Path(request.model_path or "model").name, problem=message_of(exc))))
            return
        self._engine = engine
        self.send(Loaded(
            model_name=engine.model_name,
            model_path=str(path),
            backend=engine.backend,
            n_ctx=engine.n_ctx,
            fill_in_middle=engine.fill_in_middle,
            load_seconds=round(time.perf_counter() - started, 3),
            n_threads=engine.n_threads,
            chat_template=engine.has_chat_template,
            gpu_layers=gpu_layers,
            note=note,
            safe_mode=safe_mode,
            build=build.words,
            reads_per_s=round(engine.reads_per_s, 1),
        ))

    def _load_remote(self, request: LoadModel) -> None:
        """Connect to a server instead of loading a model: no llama.cpp in this process."""
        from writer_app.engine.engine_choice import server_name
        from writer_app.engine.process.remote_engine import RemoteEngine

        assert request.remote is not None
        started = time.perf_counter()
        self._engine = None
        url = request.remote.url
        self.send(Status("loading", said("Engine", "Connecting to {server}").format(
            server=server_name(url))))
        try:
            engine = RemoteEngine(request.remote)
        except WriterError as exc:
            self.send(LoadFailed(message_of(exc)))
            return
        self._engine = engine
        self.send(Loaded(
            model_name=engine.model_name,
            model_path=f"{url}#{engine.model_id}",
            backend=engine.backend,
            n_ctx=engine.n_ctx,
            fill_in_middle=engine.fill_in_middle,
            load_seconds=round(time.perf_counter() - started, 3),
            chat_template=engine.has_chat_template,
            remote=url,
        ))

    def _generate(self, request: Generate) -> None:
        def cancelled() -> bool:
            return self._is_cancelled(request.id)

        engine = self._engine
        try:
            if cancelled():
                self.send(Finished(request.id, "cancelled"))
                return
            if engine is None:
                self.send(Failed(request.id, said("Engine", "No model is loaded.")))
                return
            for item in engine.generate(request, cancelled):
                if isinstance(item, GenerationStats):
                    self.send(Finished(
                        request.id, item.reason, item.prompt_tokens, item.reused_tokens,
                        item.generated_tokens, item.first_piece_ms, item.short_window,
                        item.kept_bytes,
                    ))
                else:
                    self.send(Piece(request.id, item))
                    if self._token_delay:
                        time.sleep(self._token_delay)
        except GenerationCancelledError as cancelled:
            self.send(Finished(request.id, "cancelled", short_window=cancelled.short_window,
                               kept_bytes=cancelled.kept_bytes))
        except WriterError as exc:  # a remote server failed: its message says how
            self.send(Failed(request.id, message_of(exc)))
        except (RuntimeError, ValueError) as exc:
            self.send(Failed(request.id, said("Engine", "The model failed while writing: "
                                                        "{problem}").format(
                problem=message_of(exc))))
        finally:
            with self._lock:
                self._cancelled.discard(request.id)
            if engine is not None and request.stop_rule is not None:
                # A suggestion elsewhere: the follow-up of an older one is of no use.
                self._reading.follow_up = engine.take_follow_up()


def main() -> None:
    """Serve on stdin/stdout, keeping stdout for the protocol alone."""
    protocol_out = os.fdopen(os.dup(1), "wb", buffering=0)
    # llama.cpp and any library may print to file descriptor 1: send that to stderr so
    # it can never corrupt the protocol stream.
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    # A crash in native code prints the Python stack of every thread to stderr, which
    # the app keeps (EngineClient.stderr_tail) and the self-test shows.
    faulthandler.enable(all_threads=True)
    lower_priority()  # before llama.cpp starts its threads, which inherit it
    EngineServer(sys.stdin.buffer, protocol_out).run()


if __name__ == "__main__":
    main()
