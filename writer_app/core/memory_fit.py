"""Estimate the memory a model needs and judge whether it fits this machine.

need = weights (the file's size: llama.cpp maps it whole)
     + KV cache (keys and values in f16 for every layer and every token of the context)
     + a fixed allowance for llama.cpp's compute buffers and runtime.

For models with sliding-window layers (Gemma 3) llama.cpp keeps a smaller cache on those
layers, so the estimate is an upper bound there. A writer's machine also runs the OS,
the editor and a browser: only part of its RAM is counted as available.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from writer_app.core.said import said

MiB = 1024 * 1024
GiB = 1024 * MiB
KV_BYTES_PER_VALUE = 2  # llama.cpp's default cache type is f16
RUNTIME_BYTES = 300 * MiB  # compute buffers, logits, scratch: measured 190-280 MiB at 2-4k
RAM_RESERVE_MIN = 2 * GiB  # the OS and the editor itself
VRAM_USABLE_SHARE = 0.9  # drivers and the desktop hold the rest


@dataclass(frozen=True)
class Architecture:
    """The few shape facts the KV cache depends on."""

    layers: int
    kv_heads: int
    head_dim: int


@dataclass(frozen=True)
class MemoryEstimate:
    weights: int
    kv_cache: int
    runtime: int

    @property
    def total(self) -> int:
        return self.weights + self.kv_cache + self.runtime


@dataclass(frozen=True)
class Machine:
    """What the model runs on: RAM, and a GPU's memory when the backend can use one."""

    ram_total: int
    backend: str = "CPU"  # CPU, CUDA, Metal, Vulkan, ROCm
    gpu_memory: int | None = None  # None: no GPU, or its size is unknown
    unified_memory: bool = False  # Apple silicon: the GPU shares RAM

    @property
    def usable_ram(self) -> int:
        return max(0, self.ram_total - max(RAM_RESERVE_MIN, self.ram_total // 4))

    @property
    def usable_vram(self) -> int:
        if self.gpu_memory is None or self.backend == "CPU":
            return 0
        return int(self.gpu_memory * VRAM_USABLE_SHARE)


class Fit(StrEnum):
    FITS = "fits"
    PARTIAL = "partial"  # fits with some layers on the GPU and the rest on the CPU
    NO = "no"


@dataclass(frozen=True)
class FitVerdict:
    fit: Fit
    gpu_layers: int  # how many layers to offload: 0 (CPU), N, or all of them
    text: str


def kv_cache_bytes(arch: Architecture, n_ctx: int) -> int:
    """Bytes of the f16 KV cache for `n_ctx` tokens: keys and values, every layer."""
    return 2 * arch.layers * n_ctx * arch.kv_heads * arch.head_dim * KV_BYTES_PER_VALUE


def estimate_memory(file_size: int, arch: Architecture | None, n_ctx: int) -> MemoryEstimate:
    """Estimate what loading a model file with an `n_ctx` context takes.

    Without the architecture (a Hub file not yet downloaded), the cache is left out and
    the verdict says the estimate is rough.
    """
    kv = kv_cache_bytes(arch, n_ctx) if arch is not None else 0
    return MemoryEstimate(weights=file_size, kv_cache=kv, runtime=RUNTIME_BYTES)


def _size(value: int) -> str:
    return f"{value / 1e9:.1f} GB"


def judge_fit(estimate: MemoryEstimate, machine: Machine, layers: int) -> FitVerdict:
    """Say whether a model with this estimate fits `machine`, and how many layers to offload."""
    need = estimate.total
    ram = machine.usable_ram
    if machine.unified_memory and machine.backend == "Metal":
        if need <= ram:
            return FitVerdict(Fit.FITS, layers, said("Models", "fits: needs {need} of {has}")
                              .format(need=_size(need), has=_size(ram)))
        return FitVerdict(Fit.NO, 0, _does_not_fit(need, ram))
    vram = machine.usable_vram
    if vram and need <= vram:
        return FitVerdict(Fit.FITS, layers,
                          said("Models", "fits on the GPU: needs {need} of {has}").format(
                              need=_size(need), has=_size(vram)))
    if vram and layers > 0:
        per_layer = (estimate.weights + estimate.kv_cache) / layers
        on_gpu = min(layers, int((vram - estimate.runtime) // per_layer))
        if on_gpu > 0 and need - on_gpu * per_layer <= ram:
            return FitVerdict(Fit.PARTIAL, on_gpu,
                              said("Models", "fits with {on_gpu} of {layers} layers on the "
                                             "GPU").format(on_gpu=on_gpu, layers=layers))
    if need <= ram:
        return FitVerdict(Fit.FITS, 0, said("Models", "fits in memory: needs {need} of {has}")
                          .format(need=_size(need), has=_size(ram)))
    return FitVerdict(Fit.NO, 0, _does_not_fit(need, ram))


def _does_not_fit(need: int, has: int) -> str:
    return said("Models", "does not fit: needs {need}, has {has}").format(need=_size(need),
                                                                          has=_size(has))


def fit_of(file_size: int, arch: Architecture | None, machine: Machine,
           n_ctx: int) -> FitVerdict:
    """Judge a model file of `file_size` bytes at an `n_ctx` context on `machine`."""
    verdict = judge_fit(estimate_memory(file_size, arch, n_ctx), machine,
                        arch.layers if arch else 0)
    if arch is None:
        verdict = replace(verdict, text=said("Models", "{verdict} (rough: the context's cache "
                                                       "is known once downloaded)").format(
            verdict=verdict.text))
    return verdict


GPU_LAYER_CHOICES = ("auto", "all", "none")


def parse_gpu_layers(value: str) -> str:
    """Normalise a GPU layers setting: "auto", "all", "none" or a whole number."""
    value = value.strip().lower()
    if value in GPU_LAYER_CHOICES or (value.isdigit() and int(value) <= 100_000):
        return value
    raise ValueError(f"GPU layers must be auto, all, none or a number, not {value!r}")


def resolve_gpu_layers(setting: str, verdict: FitVerdict | None, machine: Machine,
                       layers: int | None) -> int:
    """Turn the setting into llama.cpp's n_gpu_layers (-1: all) for one model.

    "auto" offloads what the estimate says fits: every layer, some, or none.
    """
    if setting == "none" or machine.backend == "CPU":
        return 0
    if setting == "all":
        return -1
    if setting.isdigit():
        return int(setting)
    if verdict is None:
        return -1
    if layers and verdict.gpu_layers >= layers:
        return -1
    return verdict.gpu_layers
