"""Run one GGUF model through llama.cpp: the only module that imports llama_cpp.

One `LlamaEngine` owns one `Llama` and serves one request at a time (a `Llama` is not
thread-safe). Consecutive prompts that share a prefix reuse llama.cpp's KV cache.
Cancellation is checked between tokens and, while a prompt is being evaluated, inside
llama.cpp through its abort callback, so a cancel lands within milliseconds either way.
"""

from __future__ import annotations

import codecs
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import llama_cpp

from writer_app.core.prose import SuggestionLength, shape_suggestion
from writer_app.engine.protocol import Generate

# Prompt tokens evaluated per llama_decode call. Smaller batches lose less finished
# work when a cancel aborts prompt evaluation half-way; 256 costs little throughput.
_N_BATCH = 256


class GenerationCancelledError(Exception):
    """The request was cancelled."""


@dataclass
class GenerationStats:
    reason: str
    prompt_tokens: int
    reused_tokens: int
    generated_tokens: int
    first_piece_ms: float | None


def default_thread_count() -> int:
    """Return how many threads llama.cpp should use: all cores on small machines."""
    cores = os.cpu_count() or 1
    return cores if cores <= 4 else max(4, cores // 2)


def detect_backend(n_gpu_layers: int) -> str:
    """Name the backend llama.cpp was built with and that this model uses."""
    if n_gpu_layers == 0 or not llama_cpp.llama_supports_gpu_offload():
        return "CPU"
    info = llama_cpp.llama_print_system_info().decode("utf-8", "replace").upper()
    for marker, name in (("CUDA", "CUDA"), ("METAL", "Metal"), ("VULKAN", "Vulkan"),
                         ("HIP", "ROCm"), ("SYCL", "SYCL")):
        if marker in info:
            return name
    return "GPU"


class LlamaEngine:
    """Own one llama.cpp model and generate text from it."""

    def __init__(self, model_path: Path, n_ctx: int, n_threads: int, n_gpu_layers: int) -> None:
        threads = n_threads or default_thread_count()
        self.model_path = model_path
        self._llm = llama_cpp.Llama(
            model_path=str(model_path),
            n_ctx=n_ctx,
            n_batch=_N_BATCH,
            n_threads=threads,
            n_threads_batch=threads,
            n_gpu_layers=n_gpu_layers,
            verbose=False,
        )
        self.backend = detect_backend(n_gpu_layers)
        self.n_ctx = self._llm.n_ctx()
        model = self._llm._model
        self._vocab = model.vocab
        self._fim = (model.token_prefix(), model.token_suffix(), model.token_middle())
        self.fill_in_middle = all(token >= 0 for token in self._fim)
        self._is_cancelled: Callable[[], bool] = lambda: False
        # Keep a reference: llama.cpp holds only the raw pointer.
        self._abort_callback = llama_cpp.ggml_abort_callback(self._on_abort_check)
        self._no_abort_callback = llama_cpp.ggml_abort_callback()

    @property
    def model_name(self) -> str:
        name = self._llm.metadata.get("general.name")
        return name or self.model_path.stem

    def _on_abort_check(self, _data: object) -> bool:
        return self._is_cancelled()

    def _set_abort_check(self, enabled: bool) -> None:
        # Checking inside llama.cpp costs a Python call per graph node, so it is on only
        # while a prompt is evaluated; between generated tokens a plain check suffices.
        callback = self._abort_callback if enabled else self._no_abort_callback
        llama_cpp.llama_set_abort_callback(self._llm.ctx, callback, None)

    def tokenize(self, text: str, add_bos: bool) -> list[int]:
        return self._llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=False)

    def prompt_tokens(self, prompt: str, suffix: str | None, max_tokens: int) -> list[int]:
        """Return the prompt's tokens, laid out for fill-in-the-middle when possible."""
        budget = max(16, self.n_ctx - max_tokens - 1)
        bos = [self._llm.token_bos()] if self._llm._model.add_bos_token() else []
        if suffix and self.fill_in_middle:
            prefix_id, suffix_id, middle_id = self._fim
            after = self.tokenize(suffix, add_bos=False)[: budget // 4]
            before = self.tokenize(prompt, add_bos=False)
            keep = budget - len(bos) - len(after) - 3
            return [*bos, prefix_id, *before[-keep:], suffix_id, *after, middle_id]
        before = self.tokenize(prompt, add_bos=False)
        return bos + before[-(budget - len(bos)) :]

    def generate(
        self, request: Generate, is_cancelled: Callable[[], bool]
    ) -> Iterator[str | GenerationStats]:
        """Yield text pieces as they are generated, then the request's statistics.

        Raise GenerationCancelledError if `is_cancelled()` turns true; the model stays usable.
        """
        sampling = request.sampling
        tokens = self.prompt_tokens(request.prompt, request.suffix, sampling.max_tokens)
        reused = self._llm.longest_token_prefix(self._llm._input_ids.tolist(), tokens)
        self._llm.set_seed(sampling.seed)
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        rule = request.stop_rule
        length = SuggestionLength(rule.length) if rule else None
        text = ""
        generated = 0
        first_piece_ms: float | None = None
        started = time.perf_counter()
        reason = "length"
        self._is_cancelled = is_cancelled
        self._set_abort_check(True)
        try:
            stream = self._llm.generate(
                tokens,
                temp=sampling.temperature,
                top_p=sampling.top_p,
                top_k=sampling.top_k,
                min_p=0.0,
                repeat_penalty=sampling.repeat_penalty,
            )
            for token in _abortable(stream, is_cancelled):
                self._set_abort_check(False)
                if is_cancelled():
                    raise GenerationCancelledError
                if llama_cpp.llama_vocab_is_eog(self._vocab, token):
                    reason = "stop"
                    break
                generated += 1
                piece = decoder.decode(self._llm._model.detokenize([token]))
                if piece:
                    if first_piece_ms is None:
                        first_piece_ms = (time.perf_counter() - started) * 1000
                    text += piece
                    yield piece
                if rule and length and shape_suggestion(text, rule.before_tail, rule.after,
                                                        length).complete:
                    reason = "complete"
                    break
                if generated >= sampling.max_tokens:
                    break
        finally:
            self._set_abort_check(False)
            self._is_cancelled = lambda: False
        yield GenerationStats(reason, len(tokens), reused, generated, first_piece_ms)


def _abortable(stream: Iterator[int], is_cancelled: Callable[[], bool]) -> Iterator[int]:
    """Turn llama.cpp's "decode aborted" error into GenerationCancelledError."""
    while True:
        try:
            token = next(stream)
        except StopIteration:
            return
        except RuntimeError as exc:
            # llama_decode returns 2 when the abort callback fired; llama-cpp-python
            # raises it as RuntimeError. The KV cache beyond n_tokens is dropped on the
            # next eval, so the model stays consistent.
            if is_cancelled():
                raise GenerationCancelledError from exc
            raise
        yield token
