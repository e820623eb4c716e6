"""GPU layers: the setting, the automatic choice, and the fall back to the CPU."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.core.memory_fit import (
    Fit,
    FitVerdict,
    GiB,
    Machine,
    parse_gpu_layers,
    resolve_gpu_layers,
)
from writer_app.engine.process.gpu_offload import load_with_cpu_fallback

CUDA = Machine(ram_total=32 * GiB, backend="CUDA", gpu_memory=8 * GiB)
PARTIAL = FitVerdict(Fit.PARTIAL, 12, "fits with 12 of 32 layers on the GPU")
ALL = FitVerdict(Fit.FITS, 32, "fits on the GPU")


@pytest.mark.parametrize(("setting", "machine", "verdict", "expected"), [
    ("auto", CUDA, PARTIAL, 12),
    ("auto", CUDA, ALL, -1),
    ("all", CUDA, PARTIAL, -1),
    ("none", CUDA, ALL, 0),
    ("20", CUDA, PARTIAL, 20),
    ("all", Machine(ram_total=8 * GiB), ALL, 0),  # a CPU build offloads nothing
])
def test_the_setting_becomes_llama_cpp_s_layer_count(setting: str, machine: Machine,
                                                     verdict: FitVerdict, expected: int):
    assert resolve_gpu_layers(setting, verdict, machine, 32) == expected


@pytest.mark.parametrize("bad", ["some", "-3", "1.5", ""])
def test_bad_settings_are_refused(bad: str):
    with pytest.raises(ValueError, match="GPU layers"):
        parse_gpu_layers(bad)
    assert parse_gpu_layers(" All ") == "all"


def test_a_failed_offload_loads_on_the_cpu_and_says_so():
    attempts: list[int] = []

    def load(layers: int) -> str:
        attempts.append(layers)
        if layers:
            raise ValueError("Failed to load model from file")
        return "engine"

    engine, layers, note = load_with_cpu_fallback(load, -1)
    assert (engine, layers, attempts) == ("engine", 0, [-1, 0])
    assert "runs on the CPU" in note


def test_a_failure_on_the_cpu_is_not_hidden():
    def load(layers: int) -> str:
        raise ValueError(f"broken at {layers}")

    with pytest.raises(ValueError, match="broken at 0"):
        load_with_cpu_fallback(load, 0)


@pytest.mark.model
def test_the_engine_reports_the_layers_it_used(writer_home: Path, model_path: Path):
    from writer_app.core.hardware import detect_machine
    from writer_app.engine.client.blocking_engine import BlockingEngine

    with BlockingEngine() as engine:
        loaded = engine.load(str(model_path), writer_home / "data", gpu_layers="all")
    if detect_machine().backend == "CPU":
        # A CPU build of llama-cpp-python offloads nothing, whatever the setting says.
        assert (loaded.backend, loaded.gpu_layers, loaded.note) == ("CPU", 0, "")
    else:
        assert loaded.gpu_layers == -1
