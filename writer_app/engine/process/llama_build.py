"""Which llama.cpp this engine runs: its backends, its name in messages, its safe mode.

A portable build (packaging/llama_cpp_build.py) keeps each CPU variant of llama.cpp's
CPU backend, and any GPU backend, in a library of its own; llama.cpp picks the best one
the processor can run, but only when asked to load them, which llama-cpp-python 0.3.36
never does. `load_backends` asks, before any model loads.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import llama_cpp
import llama_cpp.llama_cpp as llama_cpp_api
from llama_cpp import _ggml

from writer_app.core.cpu_features import describe_cpu
from writer_app.core.errors import WriterError
from writer_app.core.said import said

BUILD_INFO = "local_writer_build.json"  # written into the wheel by the build recipe


class UnsupportedCpuError(WriterError):
    """No CPU backend of this build can run on this processor."""


def library_dir() -> Path:
    return Path(llama_cpp.__file__).resolve().parent / "lib"


@functools.cache
def load_backends() -> None:
    """Load llama.cpp's backends from llama_cpp's folder if they are libraries of their own.

    A build with the CPU backend linked in has it registered already; for the others,
    llama.cpp scores each CPU variant against the processor and loads the best. Raise
    UnsupportedCpuError if none can run here.
    """
    ggml = _libllama_ggml()
    ggml.ggml_backend_reg_count.restype = ctypes.c_size_t
    ggml.ggml_backend_reg_count.argtypes = []
    if ggml.ggml_backend_reg_count() > 0:
        return
    ggml.ggml_backend_load_all_from_path.restype = None
    ggml.ggml_backend_load_all_from_path.argtypes = [ctypes.c_char_p]
    ggml.ggml_backend_load_all_from_path(str(library_dir()).encode("utf-8"))
    if not _has_cpu_backend(ggml):
        variants = sorted(path.name for path in library_dir().glob("*ggml-cpu*"))
        raise UnsupportedCpuError(said(
            "Engine", "This build of Local Writer has no llama.cpp engine for this processor "
            "({cpu}; it carries {variants}). Install the build made for this kind of "
            "computer, or a newer one.").format(cpu=describe_cpu(),
                                                variants=", ".join(variants) or "none"))


def _libllama_ggml() -> ctypes.CDLL:
    """Return the copy of libggml that libllama uses, where its backends must be loaded.

    A wheel cannot hold symbolic links: on Linux libggml.so, libggml.so.0 and
    libggml.so.0.x.y are three copies of one file, and llama_cpp._ggml opened another
    copy than the libggml.so.0 libllama asked for, each with a registry of its own.
    Asked by its soname, without loading, the system hands back libllama's.
    """
    if sys.platform.startswith("linux"):
        for path in sorted(library_dir().glob("libggml.so.*")):
            if path.name.count(".") == 2:  # libggml.so.N, the soname
                with contextlib.suppress(OSError):
                    return ctypes.CDLL(path.name, mode=os.RTLD_NOLOAD | os.RTLD_NOW)
    return _ggml.libggml


def _has_cpu_backend(ggml: ctypes.CDLL) -> bool:
    ggml.ggml_backend_reg_get.restype = ctypes.c_void_p
    ggml.ggml_backend_reg_get.argtypes = [ctypes.c_size_t]
    ggml.ggml_backend_reg_name.restype = ctypes.c_char_p
    ggml.ggml_backend_reg_name.argtypes = [ctypes.c_void_p]
    names = [ggml.ggml_backend_reg_name(ggml.ggml_backend_reg_get(index))
             for index in range(ggml.ggml_backend_reg_count())]
    return b"CPU" in names


@dataclass(frozen=True)
class LlamaBuild:
    """What llama.cpp this is, as a writer's bug report would need it."""

    version: str
    profile: str  # "native", "portable", or "" when not built by Local Writer's recipe
    kernels: tuple[str, ...]  # what the CPU backend in use was compiled for
    key: str  # changes whenever the libraries or the chosen CPU variant change

    @property
    def words(self) -> str:
        kind = f"{self.profile} build" if self.profile else "a build not made by Local Writer"
        kernels = " ".join(self.kernels) or "baseline"
        return f"llama-cpp-python {self.version} ({kind}; CPU kernels: {kernels})"


@functools.cache
def current_build() -> LlamaBuild:
    """Describe the llama.cpp build of this process (after `load_backends`)."""
    load_backends()
    info_file = Path(llama_cpp.__file__).resolve().parent / BUILD_INFO
    info: dict[str, object] = {}
    with contextlib.suppress(OSError, ValueError):
        info = json.loads(info_file.read_text(encoding="utf-8"))
    system = llama_cpp.llama_print_system_info().decode("utf-8", "replace")
    kernels = tuple(part.split("=")[0].strip() for part in system.replace(":", "|").split("|")
                    if part.strip().endswith("= 1"))
    digest = hashlib.sha256(system.encode())
    digest.update(str(info.get("key", "")).encode())
    for path in sorted(library_dir().iterdir()):
        with contextlib.suppress(OSError):
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return LlamaBuild(str(llama_cpp.__version__), str(info.get("profile", "")), kernels,
                      digest.hexdigest()[:16])


@contextlib.contextmanager
def safe_model_params() -> Iterator[None]:
    """Make the `Llama` created inside use no extra buffer types (no repacked weights, no
    AMX): the plainest CPU path, for a model whose first decode crashed the engine.

    llama-cpp-python 0.3.36 has no argument for it; `Llama.__init__` reads the defaults
    from this function, so it is wrapped for the time of one construction. The engine
    process makes one `Llama` at a time on one thread.
    """
    original = llama_cpp_api.llama_model_default_params

    def plain_params() -> llama_cpp_api.llama_model_params:
        params = original()
        params.use_extra_bufts = False
        return params

    llama_cpp_api.llama_model_default_params = plain_params
    try:
        yield
    finally:
        llama_cpp_api.llama_model_default_params = original
