"""Detect what a model can run on: RAM, llama.cpp's backend and the GPU's memory.

The backend is read from the native libraries llama-cpp-python installed (libggml-cuda,
libggml-metal, …) without importing llama_cpp, so the editor can ask without loading it.
"""

from __future__ import annotations

import importlib.util
import platform
import shutil
import subprocess
from pathlib import Path

import psutil

from writer_app.core.memory_fit import Machine

# Library name fragment -> backend name, the GPU ones first.
_BACKEND_LIBRARIES = (("ggml-cuda", "CUDA"), ("ggml-metal", "Metal"),
                      ("ggml-vulkan", "Vulkan"), ("ggml-hip", "ROCm"), ("ggml-sycl", "SYCL"))


def llama_library_dir() -> Path | None:
    """Return llama_cpp's folder of native libraries, without importing llama_cpp."""
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "lib"
    return folder if folder.is_dir() else None


def backends_in(folder: Path | None) -> list[str]:
    """Name the GPU backends whose libraries are in `folder`; the CPU one is always there."""
    names = [path.name.lower() for path in folder.iterdir()] if folder else []
    found = [backend for fragment, backend in _BACKEND_LIBRARIES
             if any(fragment in name for name in names)]
    return [*found, "CPU"]


def nvidia_memory() -> int | None:
    """Return the largest NVIDIA GPU's memory in bytes, from nvidia-smi, or None."""
    tool = shutil.which("nvidia-smi")
    if tool is None:
        return None
    try:
        result = subprocess.run(
            [tool, "--query-gpu=memory.total", "--format=csv,noheader,nounits"],
            capture_output=True, text=True, timeout=3, check=True)
        sizes = [int(line) for line in result.stdout.split() if line.strip().isdigit()]
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return max(sizes) * 1024 * 1024 if sizes else None


def detect_machine() -> Machine:
    """Describe this computer for the memory estimate."""
    ram = psutil.virtual_memory().total
    backend = backends_in(llama_library_dir())[0]
    if backend == "Metal" or (platform.system() == "Darwin" and platform.machine() == "arm64"
                              and backend == "CPU"):
        # On Apple silicon llama.cpp builds Metal in by default, into libggml itself.
        return Machine(ram_total=ram, backend="Metal", gpu_memory=ram, unified_memory=True)
    if backend == "CUDA":
        return Machine(ram_total=ram, backend=backend, gpu_memory=nvidia_memory())
    return Machine(ram_total=ram, backend=backend)
