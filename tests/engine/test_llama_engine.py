"""LlamaEngine in this process, where a test can reach inside llama.cpp's evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.engine.process.llama_engine import (
    GenerationCancelledError,
    GenerationStats,
    LlamaEngine,
)
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


def run(engine: LlamaEngine, prompt: str, prefill: bool = False,
        stop_after: int | None = None) -> tuple[str, GenerationStats]:
    """Generate (or prefill); return the text and the statistics."""
    request = Generate(1, prompt, sampling=Sampling(max_tokens=12), prefill=prefill)
    text = ""
    for item in engine.generate(request, lambda: False):
        if isinstance(item, GenerationStats):
            return text, item
        text += item
        if stop_after is not None and len(text) >= stop_after:
            break
    return text, GenerationStats("abandoned", 0, 0, 0, None)


def fresh(engine: LlamaEngine, prompt: str) -> str:
    """Generate from an empty cache, for reference."""
    engine._cache.clear()
    engine._cache.kept.clear()
    engine._healings.clear()
    return run(engine, prompt)[0]


def test_the_next_word_reuses_the_kept_logits_and_writes_the_same(
        engine: LlamaEngine) -> None:
    typed = STORY + " The"
    reference = fresh(engine, typed)
    fresh(engine, STORY)
    # The first request generated past its prompt, so the cache no longer ends where
    # the next prompt does: the kept logits stand in for a decode.
    evaluated: list[int] = []
    original_eval = engine._llm.eval
    engine._llm.eval = lambda tokens: (evaluated.append(len(tokens)),  # type: ignore[method-assign]
                                       original_eval(tokens))[1]
    try:
        text, stats = run(engine, typed)
    finally:
        del engine._llm.eval
    assert text == reference
    assert stats.reused_tokens == stats.prompt_tokens - 1  # only the healing token is new
    assert evaluated[0] == 1


def test_a_prefill_writes_nothing_and_the_request_after_it_starts_at_once(
        engine: LlamaEngine) -> None:
    typed = STORY + " Every night"
    # Same cache history both times: how a prompt is split into batches changes the
    # logits in their last digits, and greedy decoding can follow that.
    fresh(engine, STORY + " Something else entirely.")
    reference = run(engine, typed)[0]
    fresh(engine, STORY + " Something else entirely.")
    text, stats = run(engine, typed, prefill=True)
    assert (text, stats.reason, stats.generated_tokens) == ("", "prefilled", 0)
    assert stats.reused_tokens < stats.prompt_tokens
    text, stats = run(engine, typed)
    assert text == reference
    assert stats.reused_tokens == stats.prompt_tokens  # nothing was evaluated again


def test_kept_logits_are_dropped_once_the_cache_changes_below_them(
        engine: LlamaEngine) -> None:
    first = STORY + " The keeper"
    fresh(engine, first)
    reference = run(engine, first)[0]
    run(engine, first, prefill=True)
    run(engine, "A different beginning altogether, about a ship.")
    kept = engine._cache._logits
    assert kept
    assert all(logits.position < len(engine.tokenize(first, add_bos=True))
               for logits in kept)
    assert run(engine, first)[0] == reference


def test_the_first_token_is_never_one_that_writes_nothing(engine: LlamaEngine) -> None:
    engine.finish_loading()
    silent = [token for start, end in engine._silent for token in range(start, end)]
    # Gemma's <unused…> and image markers; not the end of generation (it ends a reply).
    assert len(silent) > 1000
    assert engine._llm.token_eos() not in set(silent)
    assert all(engine._piece(token) == b"" for token in silent[::97])
    assert len(engine._silent) < len(silent) / 10  # in runs: a few memmoves, not a loop
    prefill = Generate(2, STORY, sampling=Sampling(max_tokens=4), prefill=True)
    list(engine.generate(prefill, lambda: False))
    # The likeliest token now one that writes nothing: a random model's pick, say, which
    # would keep the writer waiting a decode more for the first character.
    engine._llm.logits()[int(silent[0])] = 1e4
    request = Generate(3, STORY, sampling=Sampling(max_tokens=1))
    pieces = [item for item in engine.generate(request, lambda: False) if isinstance(item, str)]
    assert "".join(pieces) != ""  # one token, and it wrote something (here "\n\n")

