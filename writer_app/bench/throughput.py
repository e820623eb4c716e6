"""Throughput: prompt and decode tokens per second through the app's engine process,
and the same model driven directly through llama-cpp-python, in the same run.

The two take turns, trial by trial, so that a machine that slows down or speeds up
during the run weighs on both alike; the ratio is of the medians.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path

from writer_app.bench.engine_session import run_request
from writer_app.bench.figures import ratio
from writer_app.engine.client.blocking_engine import BlockingEngine
from writer_app.engine.protocol import Sampling

PROMPT_CHARS = 1500
DECODE_TOKENS = 128
TRIALS = 5


@dataclass
class ThroughputFigures:
    app_prompt_tps: list[float] = field(default_factory=list)
    app_decode_tps: list[float] = field(default_factory=list)
    direct_prompt_tps: list[float] = field(default_factory=list)
    direct_decode_tps: list[float] = field(default_factory=list)
    decode_tokens: list[int] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        def median(values: list[float]) -> float | None:
            return round(statistics.median(values), 1) if values else None

        app_decode, direct_decode = median(self.app_decode_tps), median(self.direct_decode_tps)
        app_prompt, direct_prompt = median(self.app_prompt_tps), median(self.direct_prompt_tps)
        return {
            "trials": TRIALS,
            "decode_tokens": self.decode_tokens,
            "app_decode_tps": app_decode,
            "direct_decode_tps": direct_decode,
            "decode_ratio": ratio(app_decode, direct_decode),
            "app_prompt_tps": app_prompt,
            "direct_prompt_tps": direct_prompt,
            "prompt_ratio": ratio(app_prompt, direct_prompt),
        }


def prompts(text: str) -> list[str]:
    """Return one prompt per trial, each from another part of `text`, so that none
    shares its beginning with another and each is evaluated whole, ending at a
    sentence's end."""
    step = max(1, (len(text) - PROMPT_CHARS) // TRIALS)
    return [f"Part {trial + 1}.\n\n" + _to_sentence_end(text[trial * step :
                                                            trial * step + PROMPT_CHARS])
            for trial in range(TRIALS)]


def _to_sentence_end(part: str) -> str:
    """Cut `part` after its last full stop: a prompt that ends mid-word has its last
    word written again by token healing (a decode or two, not prompt reading), which the
    direct baseline does not do."""
    end = max(part.rfind(mark) for mark in ".!?。")
    return part[: end + 1] if end > len(part) // 2 else part


def _app_trial(engine: BlockingEngine, prompt: str, figures: ThroughputFigures) -> None:
    """Measure the engine process, from its client, as the editor uses it."""
    sampling = Sampling(max_tokens=DECODE_TOKENS)
    prefill = run_request(engine, prompt, sampling, prefill=True)
    evaluated = prefill.finished.prompt_tokens - prefill.finished.reused_tokens
    figures.app_prompt_tps.append(evaluated / (prefill.total_ms / 1000))
    written = run_request(engine, prompt, sampling)
    tokens = written.finished.generated_tokens
    if written.first_piece_ms is not None and tokens > 1:
        seconds = (written.total_ms - written.first_piece_ms) / 1000
        figures.app_decode_tps.append((tokens - 1) / seconds)


def measure(engine: BlockingEngine, model_path: Path, text: str, *, n_ctx: int,
            n_batch: int, n_threads: int, n_gpu_layers: int) -> ThroughputFigures:
    """Alternate trials through the app's engine and through llama-cpp-python directly,
    loaded with the engine's settings."""
    from writer_app.bench.llama_baseline import DirectLlama

    figures = ThroughputFigures()
    direct = DirectLlama(model_path, n_ctx, n_batch, n_threads, n_gpu_layers)
    try:
        for prompt in prompts(text):
            _app_trial(engine, prompt, figures)
            figures.direct_prompt_tps.append(direct.prompt_rate(prompt)[0])
            rate, tokens = direct.decode_rate(prompt, DECODE_TOKENS)
            figures.direct_decode_tps.append(rate)
            figures.decode_tokens.append(tokens)
    finally:
        direct.close()
    return figures
