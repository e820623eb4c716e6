"""Run one GGUF model through llama.cpp (reached through llama_calls.py).

One `LlamaEngine` owns one `Llama` and serves one request at a time (a `Llama` is not
thread-safe). Consecutive prompts that share a prefix reuse llama.cpp's KV cache.
Cancellation is checked between tokens and, while a prompt is being evaluated, inside
llama.cpp through its abort callback, so a cancel lands within milliseconds either way.
"""

from __future__ import annotations

import codecs
import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
import numpy as np

from writer_app.core.said import message_of, said
from writer_app.core.template_sandbox import TemplateRenderError
from writer_app.engine.process.chat_format import format_chat
from writer_app.engine.process.generation import (
    GenerationCancelledError,
    GenerationStats,
    OutputShaper,
)
from writer_app.engine.process.llama_build import load_backends, safe_model_params
from writer_app.engine.process.llama_calls import (
    LlamaModel,
    default_thread_count,
    detect_backend,
)
from writer_app.engine.process.token_healing import (
    KEEP_WORD_MARGIN,
    VocabularyIndex,
    healing_split,
)
from writer_app.engine.protocol import ChatMessage, Generate

# Prompt tokens evaluated per llama_decode call. Smaller batches lose less finished
# work when a cancel aborts prompt evaluation half-way; 256 costs little throughput.
N_BATCH = 256
_HEALING_LOOKBACK_TOKENS = 16
# Decoded once after loading: a batch of a few dozen tokens, then a single one, so both of
# llama.cpp's paths (prompt and generation) have run before the writer waits on them.
_FIRST_DECODE_TEXT = ("The first decode after loading runs both paths of the model: a "
                      "short batch of tokens like this sentence, and then one token more.")


@dataclass
class _LogitsSnapshot:
    """The logits at the end of the last prompt, where the next request most likely
    resumes: the writer typed on, and the new prompt ends where the old one did."""

    position: int
    logits: np.ndarray


@dataclass(frozen=True)
class _Healing:
    """What token healing made of a prompt: the same prompt heals the same way, so a
    request after a prefill of its prompt skips the healing decode too."""

    tokens: tuple[int, ...]
    tail: bytes
    healed: list[int]
    first_bytes: bytes


class LlamaEngine:
    """Own one llama.cpp model and generate text from it."""

    def __init__(self, model_path: Path, n_ctx: int, n_threads: int, n_gpu_layers: int,
                 *, safe: bool = False) -> None:
        """Load the model; `safe` loads it the plainest way (see engine/safe_mode.py)."""
        threads = n_threads or default_thread_count()
        self.model_path = model_path
        self.n_threads = threads
        if safe:
            n_gpu_layers = 0
        load_backends()
        try:
            with safe_model_params() if safe else contextlib.nullcontext():
                self._llm = LlamaModel(
                    abort_check=self._on_abort_check,
                    model_path=str(model_path),
                    n_ctx=n_ctx,
                    n_batch=N_BATCH,
                    n_threads=threads,
                    n_threads_batch=threads,
                    n_gpu_layers=n_gpu_layers,
                    verbose=False,
                )
        except jinja2.TemplateError as exc:
            # llama-cpp-python compiles the file's chat template while loading (it never
            # runs it for us: tasks render it in our own sandbox), and a broken one stops
            # the load.
            raise ValueError(said("Engine", "its chat template is broken ({problem})").format(
                problem=exc)) from exc
        self.backend = detect_backend(n_gpu_layers)
        self.n_ctx = self._llm.n_ctx()
        self._fim = self._llm.fill_in_middle_tokens()
        self.fill_in_middle = all(token >= 0 for token in self._fim)
        template = self._llm.metadata.get("tokenizer.chat_template")
        self.chat_template: str | None = template if isinstance(template, str) else None
        self._vocab_index: VocabularyIndex | None = None
        self._decode_aborted = False
        self._snapshot: _LogitsSnapshot | None = None
        self._healing: _Healing | None = None
        # The index for token healing takes about two seconds to build on a small CPU;
        # build it while the writer types. It only reads the vocabulary, which llama.cpp
        # never changes after loading, so it is safe beside a running decode.
        self._vocab_thread = threading.Thread(target=self._build_vocabulary,
                                              name="vocabulary-index", daemon=True)
        self._vocab_thread.start()
        self._is_cancelled: Callable[[], bool] = lambda: False
        self.progress = 0  # llama.cpp's calls back into Python: see Engine.progress

    @property
    def model_name(self) -> str:
        name = self._llm.metadata.get("general.name")
        return name or self.model_path.stem

    @property
    def has_chat_template(self) -> bool:
        return self.chat_template is not None

    def first_decode(self) -> None:
        """Decode a short text and one token more, then forget them.

        A build whose kernels crash on this computer crashes here, while the engine is
        still loading, where the side that started it can load again in safe mode.
        """
        llm = self._llm
        tokens = self.tokenize(_FIRST_DECODE_TEXT, add_bos=llm.adds_bos)
        llm.reset()
        llm.eval(tokens[: max(1, self.n_ctx - 2)])
        llm.eval([int(np.argmax(self._logits()))])
        llm.reset()
        self._snapshot = None

    def close(self) -> None:
        """Nothing to free early: the vocabulary thread may still read the model, so
        llama.cpp's memory goes with this object once nothing refers to it."""

    def _on_abort_check(self, _data: object) -> bool:
        self.progress += 1
        return self._is_cancelled()

    def _set_abort_check(self, enabled: bool) -> None:
        # Checking inside llama.cpp costs a Python call per graph node, so it is on only
        # while a prompt is evaluated; between generated tokens a plain check suffices.
        self._llm.set_abort_check(enabled)

    def tokenize(self, text: str, add_bos: bool) -> list[int]:
        return self._llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=False)

    def prompt_tokens(self, prompt: str, suffix: str | None,
                      max_tokens: int) -> tuple[list[int], bytes]:
        """Return the prompt's tokens and the tail text that token healing will rewrite.

        With a suffix and a model that knows fill-in-the-middle, the tokens are laid out
        for it (and nothing is healed: the middle token ends the prompt).
        """
        budget = max(16, self.n_ctx - max_tokens - 1)
        bos = [self._llm.token_bos()] if self._llm.adds_bos else []
        if suffix and self.fill_in_middle:
            prefix_id, suffix_id, middle_id = self._fim
            after = self.tokenize(suffix, add_bos=False)[: budget // 4]
            before = self.tokenize(prompt, add_bos=False)
            keep = budget - len(bos) - len(after) - 3
            return [*bos, prefix_id, *before[-keep:], suffix_id, *after, middle_id], b""
        before = self.tokenize(prompt, add_bos=False)[-(budget - len(bos)) :]
        # The healed tail is a few characters: look only at the last tokens, not at
        # every token of a long prompt on every request.
        head, last = before[:-_HEALING_LOOKBACK_TOKENS], before[-_HEALING_LOOKBACK_TOKENS:]
        pieces = [self._piece(token) for token in last]
        keep = healing_split(pieces, b"".join(pieces))
        return bos + head + last[:keep], b"".join(pieces[keep:])

    def chat_tokens(self, messages: tuple[ChatMessage, ...], max_tokens: int) -> list[int]:
        """Return the tokens of `messages` laid out by the model's chat template.

        Raise ValueError if the model has none or its template fails (in the sandbox).
        """
        if self.chat_template is None:
            raise ValueError(said("Engine", "this model has no chat template: use a raw "
                                            "prompt"))
        bos_text = self._llm.token_text(self._llm.token_bos())
        try:
            prompt = format_chat(self.chat_template, messages, bos_token=bos_text,
                                 eos_token=self._llm.token_text(self._llm.token_eos()))
        except TemplateRenderError as exc:
            raise ValueError(said("Engine", "the model's chat template failed: {problem}")
                             .format(problem=message_of(exc))) from exc
        add_bos = self._llm.adds_bos and not prompt.startswith(bos_text)
        tokens = self._llm.tokenize(prompt.encode("utf-8"), add_bos=add_bos, special=True)
        budget = max(16, self.n_ctx - max_tokens - 1)
        if len(tokens) > budget:
            raise ValueError(said("Engine", "the text is too long for the model's context "
                                            "({tokens} tokens, at most {budget}): select "
                                            "less").format(tokens=f"{len(tokens):,}",
                                                           budget=f"{budget:,}"))
        return tokens

    def _piece(self, token: int) -> bytes:
        return self._llm.piece(token)

    def _build_vocabulary(self) -> None:
        # The index leaves the empty pieces (control tokens) out.
        self._vocab_index = VocabularyIndex(self._llm.vocabulary_pieces())

    def _vocabulary(self) -> VocabularyIndex:
        self._vocab_thread.join()
        assert self._vocab_index is not None
        return self._vocab_index

    def _logits(self) -> np.ndarray:
        """Return a view of the logits of the last evaluated token."""
        return self._llm.logits()

    def _evaluate(self, tokens: list[int]) -> int:
        """Bring the KV cache to exactly `tokens`, reusing the longest cached prefix.

        Return how many tokens were reused.
        """
        llm = self._llm
        cached = llm.cached_tokens()
        prefix = llm.longest_token_prefix(cached, tokens)
        if prefix == len(tokens) == llm.n_tokens and llm.logits_current:
            return prefix  # the logits of the last token are still current
        snapshot = self._snapshot
        if (prefix == len(tokens) and snapshot is not None and snapshot.position == prefix
                and llm.forget_from(prefix)):
            # The last request generated past this prompt; its logits were kept, so
            # nothing needs evaluating again (one decode saved on nearly every word).
            self._logits()[:] = snapshot.logits
            llm.logits_current = True
            return prefix
        reuse = min(prefix, len(tokens) - 1)  # re-evaluate one token for fresh logits
        if snapshot is not None and snapshot.position > reuse:
            self._snapshot = None
        if not (reuse > 0 and llm.forget_from(reuse)):
            llm.reset()
            reuse = 0
        llm.eval(tokens[llm.n_tokens :])
        return reuse

    def _evaluate_and_heal(self, tokens: list[int],
                           tail: bytes) -> tuple[int, list[int], bytes]:
        """Evaluate the prompt and heal its tail; return the tokens reused, all tokens
        evaluated and the bytes the healing wrote past the tail."""
        if not tail:
            return self._evaluate(tokens), tokens, b""
        memo = self._healing
        if memo is not None and memo.tail == tail and memo.tokens == tuple(tokens):
            return self._evaluate(memo.healed), memo.healed, memo.first_bytes
        reused = self._evaluate(tokens)
        healed, first_bytes = self._heal(tokens, tail)
        self._healing = _Healing(tuple(tokens), tail, healed, first_bytes)
        return reused, healed, first_bytes

    def _keep_snapshot(self) -> None:
        self._snapshot = _LogitsSnapshot(self._llm.n_tokens, self._logits().copy())

    def _heal(self, tokens: list[int], tail: bytes) -> tuple[list[int], bytes]:
        """Generate the tokens that spell `tail` again, choosing greedily among those
        agreeing with it. Return all tokens so far and the bytes written past the tail.

        A token that covers the whole remaining tail is preferred to a shorter piece of
        it: models like a bare space token, and a path through it leads to odd words.
        """
        vocabulary = self._vocabulary()
        tokens = list(tokens)
        remaining = tail
        while remaining:
            logits = self._logits()
            candidates = vocabulary.covering(remaining) or vocabulary.partial(remaining)
            if not candidates:
                break
            token = max(candidates, key=lambda candidate: logits[candidate])
            exact = vocabulary.exact(remaining) if remaining == tail else []
            if exact:
                # The typed word may already be whole: keep it unless a longer word is
                # clearly likelier ("sta" -> "stairs", but "sea" stays "sea").
                best_exact = max(exact, key=lambda candidate: logits[candidate])
                if logits[best_exact] >= logits[token] - KEEP_WORD_MARGIN:
                    token = best_exact
            piece = self._piece(token)
            tokens.append(token)
            self._llm.eval([token])
            if piece.startswith(remaining):
                return tokens, piece[len(remaining) :]
            remaining = remaining[len(piece) :]
        return tokens, b""

    @contextlib.contextmanager
    def _aborts_as_cancel(self, is_cancelled: Callable[[], bool]) -> Iterator[None]:
        """Turn llama.cpp's "decode aborted" error into GenerationCancelledError."""
        try:
            yield
        except RuntimeError as exc:
            # llama_decode returns 2 when the abort callback fired; llama.cpp itself
            # drops the aborted batch from the KV cache.
            if is_cancelled():
                self._decode_aborted = True
                raise GenerationCancelledError from exc
            raise

    def _abortable(self, stream: Iterator[int],
                   is_cancelled: Callable[[], bool]) -> Iterator[int]:
        """Yield from a token stream, turning an aborted decode into a cancel."""
        while True:
            with self._aborts_as_cancel(is_cancelled):
                try:
                    token = next(stream)
                except StopIteration:
                    return
            yield token

    def _recover_from_abort(self) -> None:
        if self._decode_aborted:
            self._decode_aborted = False
            self._snapshot = None
            self._llm.refresh_after_abort()

    def generate(
        self, request: Generate, is_cancelled: Callable[[], bool]
    ) -> Iterator[str | GenerationStats]:
        """Yield text pieces as they are generated, then the request's statistics.

        Raise GenerationCancelledError if `is_cancelled()` turns true; the model stays
        usable and keeps what it had evaluated.
        """
        sampling = request.sampling
        if request.messages is not None:
            tokens, tail = self.chat_tokens(request.messages, sampling.max_tokens), b""
        else:
            tokens, tail = self.prompt_tokens(request.prompt, request.suffix,
                                              sampling.max_tokens)
        self._llm.set_seed(sampling.seed)
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        generated = 0
        shaper = OutputShaper(request, time.perf_counter())
        reason = "length"
        self._is_cancelled = is_cancelled
        self._recover_from_abort()
        self._set_abort_check(True)
        try:
            with self._aborts_as_cancel(is_cancelled):
                reused, tokens, first_bytes = self._evaluate_and_heal(tokens, tail)
            self._keep_snapshot()
            if request.prefill:
                yield GenerationStats("prefilled", len(tokens), reused, 0, None)
                return
            stream = self._llm.generate(
                tokens,
                temp=sampling.temperature,
                top_p=sampling.top_p,
                top_k=sampling.top_k,
                min_p=0.0,
                repeat_penalty=sampling.repeat_penalty,
            )
            if first_bytes:
                # What the healing token wrote past the tail ("hen" of "kitchen").
                piece = shaper.feed(decoder.decode(first_bytes))
                if piece:
                    yield piece
            for token in self._abortable(stream, is_cancelled):
                self.progress += 1
                self._set_abort_check(False)
                if is_cancelled():
                    raise GenerationCancelledError
                if self._llm.is_end_of_generation(token):
                    reason = "stop"
                    break
                generated += 1
                piece = shaper.feed(decoder.decode(self._piece(token)))
                if piece:
                    yield piece
                if shaper.reason is not None:
                    reason = shaper.reason
                    break
                if generated >= sampling.max_tokens:
                    break
            held = shaper.flush()
            if held:
                yield held
        finally:
            self._set_abort_check(False)
            self._is_cancelled = lambda: False
        yield GenerationStats(reason, len(tokens), reused, generated, shaper.first_piece_ms)
