"""Which backend llama-cpp-python was built with, and the GPU's memory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from writer_app.core.hardware import backends_in, detect_machine, llama_library_dir, nvidia_memory


@pytest.mark.parametrize(("libraries", "expected"), [
    (["libggml-base.so", "libggml-cpu.so", "libllama.so"], ["CPU"]),
    (["libggml-cuda.so", "libggml-cpu.so"], ["CUDA", "CPU"]),
    (["libggml-metal.dylib", "libggml-cpu.dylib"], ["Metal", "CPU"]),
    (["ggml-vulkan.dll", "ggml-cpu.dll"], ["Vulkan", "CPU"]),
])
def test_backends_are_read_from_the_library_names(tmp_path: Path, libraries: list[str],
                                                  expected: list[str]):
    for name in libraries:
        (tmp_path / name).write_bytes(b"")
    assert backends_in(tmp_path) == expected


def test_this_install_is_found_without_importing_llama_cpp():

    folder = llama_library_dir()
    assert folder is not None
    assert any(path.name.startswith("libllama") or path.name.startswith("llama")
               for path in folder.iterdir())
    machine = detect_machine()
    assert machine.ram_total > 1024**3
    assert machine.backend in (backends_in(folder)[0], "Metal")


def fake_nvidia_smi(folder: Path, output: str, code: int = 0) -> None:
    tool = folder / "nvidia-smi"
    tool.write_text(f"#!/bin/sh\nprintf '{output}'\nexit {code}\n")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)


def test_gpu_memory_comes_from_nvidia_smi(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    fake_nvidia_smi(tmp_path, "81559\\n24576\\n")  # MiB, one line per GPU
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert nvidia_memory() == 81559 * 1024 * 1024


@pytest.mark.parametrize(("output", "code"), [("", 0), ("garbage\\n", 0), ("1024\\n", 9)])
def test_a_missing_or_failing_nvidia_smi_means_unknown(tmp_path: Path, output: str,
                                                       code: int,
                                                       monkeypatch: pytest.MonkeyPatch):
    fake_nvidia_smi(tmp_path, output, code)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert nvidia_memory() is None
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert nvidia_memory() is None
