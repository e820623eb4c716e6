"""The baseline: the same model driven directly through llama-cpp-python.

This and the engine are the only modules that import llama_cpp: the baseline must be
the library as anyone would call it, with none of the app's code in between.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import llama_cpp

from writer_app.engine.process.llama_build import load_backends, safe_model_params


class DirectLlama:
    """One `Llama`, loaded with the engine's context, batch and thread settings.

    `safe` loads it as the engine's safe mode does (no extra buffer types). A build whose
    backends are libraries of their own needs them loaded first, by anyone.
    """

    def __init__(self, model_path: Path, n_ctx: int, n_batch: int, n_threads: int,
                 n_gpu_layers: int, *, safe: bool = False) -> None:
        load_backends()
        with safe_model_params() if safe else contextlib.nullcontext():
            self._llm = llama_cpp.Llama(
                model_path=str(model_path), n_ctx=n_ctx, n_batch=n_batch,
                n_threads=n_threads, n_threads_batch=n_threads,
                n_gpu_layers=n_gpu_layers, verbose=False)

    def prompt_rate(self, prompt: str) -> tuple[float, int]:
        """Evaluate `prompt` from an empty cache; return tokens per second and tokens.

        Tokenizing counts, as it does in the app's figure: a program that hands the
        library a prompt has it tokenized too."""
        self._llm.reset()
        started = time.perf_counter()
        tokens = self._llm.tokenize(prompt.encode("utf-8"), add_bos=True)
        self._llm.eval(tokens)
        return len(tokens) / (time.perf_counter() - started), len(tokens)

    def decode_rate(self, prompt: str, max_tokens: int) -> tuple[float, int]:
        """Stream a greedy completion; return tokens per second after the first token,
        and the tokens generated (without stop strings, each chunk but the last is one
        token)."""
        first: float | None = None
        count = 0
        stream = self._llm.create_completion(prompt, max_tokens=max_tokens, temperature=0.0,
                                             top_k=40, top_p=0.95, repeat_penalty=1.05,
                                             stream=True)
        last = 0.0
        for chunk in stream:
            if chunk["choices"][0]["finish_reason"] is not None:
                break  # the closing chunk carries no token
            count += 1
            last = time.perf_counter()
            if first is None:
                first = last
        if first is None or count < 2:
            return 0.0, count
        return (count - 1) / (last - first), count

    def close(self) -> None:
        self._llm.close()
