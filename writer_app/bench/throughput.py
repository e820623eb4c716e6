"""Throughput: prompt and decode tokens per second through the app's engine process,
and the same model driven directly through llama-cpp-python, in the same run.

The two take turns in ABBA order (app first, then direct first, and so on), so that a
machine that slows down or speeds up during the run, and whichever goes second after a
pause, weigh on both alike. Each pair of trials gives a ratio; the figure is their
median, with the lowest and highest beside it, so that a reader sees how much one shared
machine's noise moves it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path

from writer_app.engine.client.blocking_engine import BlockingEngine
from writer_app.engine.client.timed_request import run_request
from writer_app.engine.protocol import Sampling

PROMPT_CHARS = 1500
DECODE_TOKENS = 128


@dataclass
class ThroughputFigures:
    app_prompt_tps: list[float] = field(default_factory=list)
    app_decode_tps: list[float] = field(default_factory=list)
    direct_prompt_tps: list[float] = field(default_factory=list)
    direct_decode_tps: list[float] = field(default_factory=list)
    decode_tokens: list[int] = field(default_factory=list)
    trials: int = 0

    def summary(self) -> dict[str, object]:
        def median(values: list[float]) -> float | None:
            return round(statistics.median(values), 1) if values else None

        return {
            "trials": self.trials,
            "decode_tokens": self.decode_tokens,
            "app_decode_tps": median(self.app_decode_tps),
            "direct_decode_tps": median(self.direct_decode_tps),
            **_pair_ratios("decode", self.app_decode_tps, self.direct_decode_tps),
            "app_prompt_tps": median(self.app_prompt_tps),
            "direct_prompt_tps": median(self.direct_prompt_tps),
            **_pair_ratios("prompt", self.app_prompt_tps, self.direct_prompt_tps),
        }


def _pair_ratios(name: str, app: list[float], direct: list[float]) -> dict[str, object]:
    """Return the median of the trials' app / direct ratios, and their range."""
    ratios = [a / d for a, d in zip(app, direct, strict=False) if a and d]
    if not ratios:
        return {f"{name}_ratio": None, f"{name}_ratio_range": None}
    return {f"{name}_ratio": round(statistics.median(ratios), 3),
            f"{name}_ratio_range": [round(min(ratios), 3), round(max(ratios), 3)]}


def prompts(text: str, trials: int) -> list[str]:
    """Return one prompt per trial, each from another part of `text`, so that none
    shares its beginning with another and each is evaluated whole, ending at a
    sentence's end."""
    step = max(1, (len(text) - PROMPT_CHARS) // trials)
    return [f"Part {trial + 1}.\n\n" + _to_sentence_end(text[trial * step :
                                                            trial * step + PROMPT_CHARS])
            for trial in range(trials)]


def _to_sentence_end(part: str) -> str:
    """Cut `part` after its last full stop: a prompt that ends mid-word has its last
    word written again by token healing (a decode or two, not prompt reading), which the
    direct baseline does not do."""
    end = max(part.rfind(mark) for mark in ".!?。")
    return part[: end + 1] if end > len(part) // 2 else part


def _app_trial(engine: BlockingEngine, prompt: str) -> tuple[float, float | None]:
    """Measure the engine process, from its client, as the editor uses it; return
    prompt and decode tokens per second."""
    sampling = Sampling(max_tokens=DECODE_TOKENS)
    prefill = run_request(engine, prompt, sampling, prefill=True)
    evaluated = prefill.finished.prompt_tokens - prefill.finished.reused_tokens
    written = run_request(engine, prompt, sampling)
    tokens = written.finished.generated_tokens
    decode = None
    if written.first_piece_ms is not None and tokens > 1:
        decode = (tokens - 1) / ((written.total_ms - written.first_piece_ms) / 1000)
    return evaluated / (prefill.total_ms / 1000), decode


def measure(engine: BlockingEngine, model_path: Path, text: str, trials: int, *, n_ctx: int,
            n_batch: int, n_threads: int, n_gpu_layers: int) -> ThroughputFigures:
    """Alternate trials through the app's engine and through llama-cpp-python directly,
    loaded with the engine's settings."""
    from writer_app.bench.llama_baseline import DirectLlama

    figures = ThroughputFigures(trials=trials)
    direct = DirectLlama(model_path, n_ctx, n_batch, n_threads, n_gpu_layers)

    def direct_trial(prompt: str) -> tuple[float, float]:
        prompt_tps = direct.prompt_rate(prompt)[0]
        decode_tps, tokens = direct.decode_rate(prompt, DECODE_TOKENS)
        figures.decode_tokens.append(tokens)
        return prompt_tps, decode_tps

    try:
        for trial, prompt in enumerate(prompts(text, trials)):
            if trial % 2 == 0:
                app, theirs = _app_trial(engine, prompt), direct_trial(prompt)
            else:
                theirs, app = direct_trial(prompt), _app_trial(engine, prompt)
            if app[1] is None:
                continue  # the app wrote one token or none: no decode rate to pair
            figures.app_prompt_tps.append(app[0])
            figures.app_decode_tps.append(app[1])
            figures.direct_prompt_tps.append(theirs[0])
            figures.direct_decode_tps.append(theirs[1])
    finally:
        direct.close()
    return figures
