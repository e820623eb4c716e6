"""Start the engine process and exchange protocol messages with it (no Qt).

Callbacks run on the client's reader thread; the Qt bridge re-emits them as signals on
the GUI thread, and the command line collects them in a queue.
"""

from __future__ import annotations

import collections
import itertools
import os
import shlex
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

from writer_app.core.said import said
from writer_app.engine import protocol
from writer_app.engine.protocol import Message, Shutdown

ENGINE_FLAG = "--engine-process"
WRAPPER_ENV = "LOCAL_WRITER_ENGINE_WRAPPER"


class EngineGoneError(RuntimeError):
    """The engine process is not running."""


def engine_command() -> list[str]:
    """Return the command that starts the engine process, from a checkout or a bundle.

    A bundle has two executables: the windowed app and the console command line beside
    it. The engine runs as the console one, since a windowed Windows executable has no
    standard streams to speak the protocol on.
    """
    # A command to run the engine under (gdb, valgrind, an emulated older CPU): for
    # developers; see the README.
    wrapper = shlex.split(os.environ.get(WRAPPER_ENV, ""))
    if getattr(sys, "frozen", False):
        here = Path(sys.executable)
        console = here.with_name("writer-app" + here.suffix)
        return [*wrapper, str(console if console.exists() else here), ENGINE_FLAG]
    # -P: the working directory does not go first on the path (a folder holding a
    # writer_app, a checkout, would run its code instead of the installed app's).
    return [*wrapper, sys.executable, "-P", "-m", "writer_app.engine.process.engine_process"]


def describe_exit(returncode: int | None) -> str:
    """Say in words how the engine process ended."""
    if returncode is None:
        return "stopped answering"
    if returncode < 0:
        try:
            import signal

            return f"was stopped by signal {signal.Signals(-returncode).name}"
        except ValueError:
            return f"was stopped by signal {-returncode}"
    return f"exited with status {returncode}"


class EngineClient:
    """Own one engine process; deliver its messages and its exit (in words, and the
    return code) to callbacks."""

    def __init__(
        self,
        on_message: Callable[[Message], None],
        on_exit: Callable[[str, int | None], None],
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self._on_message = on_message
        self._on_exit = on_exit
        self._extra_env = extra_env or {}
        self._process: subprocess.Popen[bytes] | None = None
        self._write_lock = threading.Lock()
        # Room for a crash's stack of every thread (faulthandler, in the engine).
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=80)
        self._ids = itertools.count(1)
        self._stopping = False

    def next_id(self) -> int:
        """Return a fresh request id."""
        return next(self._ids)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start the engine process (stopping any previous one)."""
        self.stop()
        self._stopping = False
        env = {**os.environ, **self._extra_env}
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        process = subprocess.Popen(
            engine_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            creationflags=flags,
        )
        self._process = process
        assert process.stdout is not None
        assert process.stderr is not None
        errors = threading.Thread(
            target=self._read_errors, args=(process.stderr,),
            name="engine-client-stderr", daemon=True,
        )
        errors.start()
        threading.Thread(
            target=self._read_messages, args=(process, process.stdout, errors),
            name="engine-client-reader", daemon=True,
        ).start()

    def send(self, message: Message) -> None:
        """Send one message; raise EngineGoneError if the process is not running."""
        process = self._process
        if process is None or process.stdin is None or process.poll() is not None:
            raise EngineGoneError(said("Engine", "The engine is not running."))
        with self._write_lock:
            try:
                process.stdin.write(protocol.encode(message))
                process.stdin.flush()
            except (BrokenPipeError, OSError, ValueError) as exc:
                raise EngineGoneError(said("Engine", "The engine is not running.")) from exc

    def stop(self, timeout: float = 3.0) -> None:
        """Ask the engine to quit, and kill it if it does not within `timeout`."""
        process = self._process
        if process is None:
            return
        self._stopping = True
        self._process = None
        if process.poll() is None:
            try:
                with self._write_lock:
                    assert process.stdin is not None
                    process.stdin.write(protocol.encode(Shutdown()))
                    process.stdin.close()
            except (OSError, ValueError):
                pass
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def kill(self) -> None:
        """Kill the engine process at once, as a crash would (for tests and hangs)."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()

    def stderr_tail(self) -> str:
        return "".join(self._stderr_tail)

    def _read_messages(self, process: subprocess.Popen[bytes], stream: IO[bytes],
                       errors: threading.Thread) -> None:
        for line in stream:
            try:
                message = protocol.decode(line)
            except ValueError:
                self._stderr_tail.append(line.decode("utf-8", "replace"))
                continue
            self._on_message(message)
        returncode = process.wait()
        # A crash's last words (faulthandler's stack) are read before anyone is told.
        errors.join(timeout=1.0)
        if not self._stopping and process is self._process:
            self._on_exit(describe_exit(returncode), returncode)

    def _read_errors(self, stream: IO[bytes]) -> None:
        for line in stream:
            self._stderr_tail.append(line.decode("utf-8", "replace"))
