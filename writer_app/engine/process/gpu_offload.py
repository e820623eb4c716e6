"""Choose how many layers go to the GPU, and fall back to the CPU when offload fails."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from writer_app.core.errors import ModelTooLargeError
from writer_app.core.gguf_file import GGUFInfo
from writer_app.core.hardware import detect_machine
from writer_app.core.memory_fit import Fit, fit_of, resolve_gpu_layers
from writer_app.core.said import said

T = TypeVar("T")


def plan_gpu_layers(path: Path, info: GGUFInfo, setting: str, n_ctx: int) -> int:
    """Return llama.cpp's n_gpu_layers for this model under the writer's setting.

    Raise ModelTooLargeError, before llama.cpp allocates anything, when the estimate says
    the model cannot fit: an attempt could push the computer into swap or the engine
    into the out-of-memory killer.
    """
    machine = detect_machine()
    shape = info.shape
    verdict = fit_of(path.stat().st_size, shape, machine, n_ctx)
    if verdict.fit is Fit.NO:
        raise ModelTooLargeError(said(
            "Engine", "“{name}” with a {context}-token context {verdict}, so Local Writer did "
            "not load it: trying could freeze this computer. Choose a smaller model (Model → "
            "Get Models… shows what fits) or a smaller context size in Preferences → "
            "Model.").format(name=path.name, context=f"{n_ctx:,}", verdict=verdict.text))
    return resolve_gpu_layers(setting, verdict, machine, shape.layers if shape else None)


def load_with_cpu_fallback(load: Callable[[int], T], gpu_layers: int) -> tuple[T, int, str]:
    """Load with `gpu_layers`; if that fails with layers on the GPU, load on the CPU.

    Return the engine, the layers it got, and a note for the writer ("" if none).
    """
    try:
        return load(gpu_layers), gpu_layers, ""
    except (ValueError, RuntimeError, OSError) as exc:
        if gpu_layers == 0:
            raise
        engine = load(0)
        return engine, 0, said("Engine", "The GPU could not take this model ({problem}), so "
                                         "it runs on the CPU. Lower GPU layers in Preferences "
                                         "→ Model to try again.").format(problem=exc)
