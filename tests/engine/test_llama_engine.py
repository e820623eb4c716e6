"""LlamaEngine in this process, where a test can reach inside llama.cpp's evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.engine.llama_engine import GenerationCancelledError, LlamaEngine
from writer_app.engine.protocol import Generate, Sampling

pytestmark = pytest.mark.model

STORY = ("The lighthouse stood at the edge of the world, white against the grey sky. "
         "Every evening the old keeper climbed its hundred and twelve steps to light the lamp.")


@pytest.fixture(scope="module")
def engine(model_path: Path) -> LlamaEngine:
    return LlamaEngine(model_path, n_ctx=2048, n_threads=0, n_gpu_layers=-1)


def generate(engine: LlamaEngine, prompt: str, cancelled: object = lambda: False) -> str:
    request = Generate(1, prompt, sampling=Sampling(max_tokens=16))
    return "".join(item for item in engine.generate(request, cancelled)  # type: ignore[arg-type]
                   if isinstance(item, str))


class CancelAfter:
    """Say "not cancelled" `checks` times, then "cancelled": the abort callback asks
    once per graph node, so the cancel lands inside llama_decode."""

    def __init__(self, checks: int) -> None:
        self.remaining = checks
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        self.remaining -= 1
        return self.remaining < 0


def test_a_cancel_inside_prompt_evaluation_aborts_it(engine: LlamaEngine) -> None:
    reference = generate(engine, STORY)
    long_prompt = STORY + " " + " ".join(["The waves came and went."] * 150)
    cancel = CancelAfter(50)
    with pytest.raises(GenerationCancelledError):
        generate(engine, long_prompt, cancel)
    # Stopped within a few checks of the cancel, inside the first batch's graph: far
    # less than the whole prompt was kept.
    assert cancel.asked < 60
    assert engine._llm.n_tokens < len(engine.tokenize(long_prompt, add_bos=True)) // 2
    # And the model gives exactly what it gave before.
    assert generate(engine, STORY) == reference


def test_cancelling_between_tokens_stops_generation(engine: LlamaEngine) -> None:
    pieces: list[str] = []
    request = Generate(1, STORY, sampling=Sampling(max_tokens=40))

    def consume() -> None:
        for item in engine.generate(request, lambda: len(pieces) >= 2):
            if isinstance(item, str):
                pieces.append(item)

    with pytest.raises(GenerationCancelledError):
        consume()
    assert len(pieces) == 2
