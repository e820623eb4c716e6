"""Safe mode: a model whose first decode crashed the engine is loaded the plainest way.

The engine process cannot catch its own crash, so the side that started it (the
bridge of the window, or the command line's blocking client) sees the process die by a
fault signal right after the engine said it was checking its first decode, and loads
the model again with `LoadModel.safe_mode` set. The engine remembers that choice per
model file and llama.cpp build, so the next start goes straight to safe mode. Plain
Python: both sides use it, and neither needs Qt or llama.cpp for it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

from writer_app.core.document_io import write_atomically
from writer_app.core.errors import WriterError
from writer_app.core.said import from_json, said, to_json
from writer_app.core.unreadable_files import read_json_object
from writer_app.engine.protocol import LoadModel, Status

# The Status state the engine sends before its first decode after a load.
CHECKING = "checking"
MEMORY_FILE = "engine-safe-mode.json"

# The signals by which the kernel or the C library ends a process whose native code
# failed: SIGABRT too, as llama.cpp's GGML_ABORT and assertions, a failed CUDA allocation,
# and two threads in one model end that way. A kill (SIGKILL, SIGTERM) is not a fault.
_FAULT_SIGNALS = ("SIGSEGV", "SIGILL", "SIGBUS", "SIGFPE", "SIGABRT")
# Windows reports a crash as an NTSTATUS exit code, not a signal; abort() in the
# Universal CRT ends by __fastfail, which reads as a stack buffer overrun.
_WINDOWS_FAULTS = {
    0xC0000005: "an access violation",
    0xC0000006: "a page of a mapped file that could not be read",
    0xC000001D: "an illegal instruction",
    0xC0000096: "a privileged instruction",
    0xC000008E: "a floating-point division by zero",
    0xC0000090: "an invalid floating-point operation",
    0xC0000094: "an integer division by zero",
    0xC00000FD: "a stack overflow",
    0xC0000374: "a corrupted heap",
    0xC0000409: "an abort or a stack buffer overrun",
    0x80000003: "a breakpoint",
}


def fault_of(returncode: int | None, *, windows: bool = sys.platform == "win32") -> str | None:
    """Name the fault if the engine died of a crash in native code (not a kill, not an
    exit), else return None."""
    if returncode is None:
        return None
    if returncode < 0:
        with contextlib.suppress(ValueError):
            name = signal.Signals(-returncode).name
            return name if name in _FAULT_SIGNALS else None
        return None
    if windows:
        return _WINDOWS_FAULTS.get(returncode & 0xFFFFFFFF)
    return None


def safe_mode_reason(fault: str, model: str, *, first_decode: bool = True) -> str:
    """Say why a model runs in safe mode, for the status bar's tooltip."""
    if first_decode:
        reason = said("Engine", "llama.cpp crashed ({fault}) in the first decode after loading "
                                "{model}, so it runs in safe mode: no repacked weights or "
                                "special matrix kernels, and no GPU. Suggestions are slower "
                                "on some processors, but they work.")
    else:
        reason = said("Engine", "llama.cpp crashed ({fault}) in two requests in a row while "
                                "writing with {model}, so it runs in safe mode: no repacked "
                                "weights or special matrix kernels, and no GPU. Suggestions "
                                "are slower on some processors, but they work.")
    return reason.format(fault=fault, model=model)


def safe_mode_failed_message(fault: str, model: str, cpu: str, build: str) -> str:
    """Say, for the writer and for a bug report, that even safe mode crashed."""
    unknown = said("Engine", "unknown")
    return said("Engine", "llama.cpp crashed ({fault}) on this computer while loading {model}, "
                          "even in safe mode. Processor: {cpu}. llama.cpp: {build}. Choose "
                          "another model; if every model fails, report this message.").format(
        fault=fault, model=model, cpu=cpu or unknown, build=build or unknown)


def model_label(request: LoadModel) -> str:
    """Name the model of a load request as messages do."""
    if request.model_path:
        return Path(request.model_path).name
    return said("Engine", "the embedded model")


def after_crash(request: LoadModel, fault: str | None, checking: Status | None, *,
                requests_in_a_row: int = 0) -> LoadModel | str | None:
    """Decide what an engine's death means for the model it had (both the bridge and the
    blocking client ask): the load to try next in safe mode, the message that fails the
    load, or None when safe mode has nothing to do with it.

    `checking` is the engine's last "checking" status if it died in the first decode
    after loading; `requests_in_a_row`, how many requests in a row it died in.
    """
    if fault is None or request.remote is not None:
        return None
    model = model_label(request)
    if checking is not None and request.safe_mode:
        return safe_mode_failed_message(fault, model, checking.cpu, checking.build)
    if request.safe_mode or (checking is None and requests_in_a_row < 2):
        return None
    reason = safe_mode_reason(fault, model, first_decode=checking is not None)
    return replace(request, safe_mode=reason)


def memory_key(model_path: Path, build_key: str) -> str:
    """Return the key of a model file (as it is now) under one llama.cpp build."""
    stat = model_path.stat()
    material = f"{model_path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{build_key}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:24]


class SafeModeMemory:
    """The models that need safe mode, kept in a small JSON file of the data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _entries(self) -> dict[str, dict[str, str]]:
        # A damaged file is set aside: the next choice must not be written over the others.
        return read_json_object(self.path)

    def reason_for(self, key: str) -> str | None:
        """Return why the model under `key` runs in safe mode, or None if it need not."""
        entry = self._entries().get(key)
        if not isinstance(entry, dict):
            return None
        reason = from_json(entry.get("reason", ""))  # kept translatable (core/said.py)
        return reason if isinstance(reason, str) and reason else None

    def remember(self, key: str, model: str, build: str, reason: str) -> None:
        """Keep the choice; a folder that cannot be written only costs the memory."""
        entries = self._entries()
        entries[key] = {"model": model, "build": build, "reason": to_json(reason),
                        "since": time.strftime("%Y-%m-%d %H:%M:%S")}
        with contextlib.suppress(OSError, WriterError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, json.dumps(entries, indent=1).encode("utf-8"))
