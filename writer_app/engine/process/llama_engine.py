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
from pathlib import Path

import jinja2
import numpy as np
import psutil

from writer_app.core.said import said
from writer_app.engine.process.chat_format import chat_tokens
from writer_app.engine.process.decode_aborts import DecodeAborts
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
from writer_app.engine.process.paragraph_tokens import ParagraphTokenizer
from writer_app.engine.process.sequence_cache import KEPT_WINDOWS, SequenceCache, common_prefix
from writer_app.engine.process.short_window import ShortWindow
from writer_app.engine.process.token_healing import (
    Healing,
    Healings,
    VocabularyIndex,
    heal,
)
from writer_app.engine.protocol import ChatMessage, Generate

# Prompt tokens evaluated per llama_decode call. Smaller batches lose less finished
# work when a cancel aborts prompt evaluation half-way; 256 costs little throughput.
N_BATCH = 256
# Background reading goes a chunk per llama.cpp call, of about this many seconds: a
# writer's request, or a read elsewhere, aborts the call at once (see BackgroundReading),
# and what was read in earlier calls stays. Within these tokens: a 270M model reads 32 in
# a twentieth of a second here, a 4B model 8 in half a second or more.
BACKGROUND_CHUNK_S = 0.1
BACKGROUND_CHUNK = 32
SMALLEST_CHUNK = 8
_HEALING_LOOKBACK_TOKENS = 16
_CUT_STEP = 64

# Decoded once after loading: a batch of a few dozen tokens, then a single one, so both of
# llama.cpp's paths (prompt and generation) have run before the writer waits on them.
_FIRST_DECODE_TEXT = ("The first decode after loading runs both paths of the model: a "
                      "short batch of tokens like this sentence, and then one token more.")


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
        self._text_tokens = ParagraphTokenizer(lambda text: self.tokenize(text, False))
        template = self._llm.metadata.get("tokenizer.chat_template")
        self.chat_template: str | None = template if isinstance(template, str) else None
        self._vocab_index: VocabularyIndex | None = None
        # Tokens that write nothing and end nothing (Gemma's <unused…>, image markers).
        self._silent: list[tuple[int, int]] = []  # runs [start, end) of token ids
        self._cache = SequenceCache(self._llm, psutil.virtual_memory().available)
        self._aborts = DecodeAborts(self._cache.forget_logits)
        self._follow_up: list[int] | None = None
        # The sizes the last prompt's short window was read with: the suggestion its read
        # was made ready for must cut the same window, though the speed moved since.
        self._short_sizes: tuple[list[int], ShortWindow] | None = None
        self._healings = Healings(KEPT_WINDOWS)  # one per place the writer may go back to
        # The index for token healing takes a second or so to build on a small CPU;
        # build it while the first decode runs. It only reads the vocabulary, which
        # llama.cpp never changes after loading, so it is safe beside a running decode.
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

    @property
    def reads_per_s(self) -> float:
        """Prompt tokens read per second on this computer, as measured so far."""
        return self._cache.speed.tokens_per_s

    def first_decode(self) -> None:
        """Decode a short text and one token more, then forget them.

        A build whose kernels crash on this computer crashes here, while the engine is
        still loading, where the side that started it can load again in safe mode.
        """
        llm = self._llm
        tokens = self.tokenize(_FIRST_DECODE_TEXT, add_bos=llm.adds_bos)
        llm.reset()
        # Not timed: the vocabulary index is being built beside it.
        llm.eval(tokens[: max(1, self.n_ctx - 2)])
        llm.eval([int(np.argmax(self._logits()))])
        self._cache.clear()

    def finish_loading(self) -> None:
        """Wait for the vocabulary index: token healing needs it for nearly every
        suggestion, so the model is ready when it is, and the first pause after "ready"
        does not wait a second or two for it."""
        self._vocabulary()

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
            after = self._text_tokens(suffix)[: budget // 4]
            before = self._text_tokens(prompt)
            keep = budget - len(bos) - len(after) - 3
            return [*bos, prefix_id, *before[-keep:], suffix_id, *after, middle_id], b""
        before = self._text_tokens(prompt)
        excess = len(before) - (budget - len(bos))
        if excess > 0:
            # Cut in steps, so that the cut holds still as the writer types and the
            # cache stays usable (a text of many tokens per character, Chinese say).
            before = before[-(-excess // _CUT_STEP) * _CUT_STEP :]
        # The healed tail is a few characters: look only at the last tokens, not at
        # every token of a long prompt on every request.
        head, last = before[:-_HEALING_LOOKBACK_TOKENS], before[-_HEALING_LOOKBACK_TOKENS:]
        pieces = [self._piece(token) for token in last]
        keep = self._healings.split(bos + head, last, pieces)
        return bos + head + last[:keep], b"".join(pieces[keep:])

    def chat_tokens(self, messages: tuple[ChatMessage, ...], max_tokens: int) -> list[int]:
        """Return the tokens of `messages` laid out by the model's chat template.

        Raise ValueError if the model has none or its template fails (in the sandbox).
        """
        return chat_tokens(self._llm, self.chat_template, messages,
                           max(16, self.n_ctx - max_tokens - 1))

    def _piece(self, token: int) -> bytes:
        return self._llm.piece(token)

    def _build_vocabulary(self) -> None:
        # The index leaves the empty pieces (control tokens) out.
        pieces = self._llm.vocabulary_pieces()
        self._vocab_index = VocabularyIndex(pieces)
        self._silent = self._llm.silent_runs(pieces)

    def _vocabulary(self) -> VocabularyIndex:
        self._vocab_thread.join()
        assert self._vocab_index is not None
        return self._vocab_index

    def _logits(self) -> np.ndarray:
        """Return a view of the logits of the last evaluated token."""
        return self._llm.logits()

    def _evaluate_and_heal(self, tokens: list[int],
                           tail: bytes) -> tuple[int, list[int], bytes]:
        """Evaluate the prompt and heal its tail; return the tokens reused, all tokens
        evaluated and the bytes the healing wrote past the tail."""
        if not tail:
            return self._cache.read(tokens), tokens, b""
        memo = self._healings.of(tokens, tail)
        if memo is not None:
            reused = self._cache.read(memo.healed, prompt_end=len(tokens))
            return reused, memo.healed, memo.first_bytes
        reused = self._cache.read(tokens)
        # Where the next prompt most likely resumes: the writer types on from the tail.
        self._cache.keep_logits()
        vocabulary, started = self._vocabulary(), time.perf_counter()  # built once: untimed
        healed, first_bytes = heal(self._llm, vocabulary, tokens, tail)
        self._healings.decodes.note(len(healed) - len(tokens), time.perf_counter() - started)
        self._healings.remember(Healing(tuple(tokens), tail, healed, first_bytes))
        return reused, healed, first_bytes

    def generate(
        self, request: Generate, is_cancelled: Callable[[], bool]
    ) -> Iterator[str | GenerationStats]:
        """Yield text pieces as they are generated, then the request's statistics.

        Raise GenerationCancelledError if `is_cancelled()` turns true (saying whether the
        answer came from a short window); the model stays usable and keeps what it had
        evaluated.
        """
        sampling = request.sampling
        short = False
        if request.messages is not None:
            tokens, tail = self.chat_tokens(request.messages, sampling.max_tokens), b""
        else:
            tokens, tail = self.prompt_tokens(request.prompt, request.suffix,
                                              sampling.max_tokens)
            if request.stop_rule is not None and not (request.suffix and self.fill_in_middle):
                tokens, short = self._maybe_short(tokens)
        self._llm.set_seed(sampling.seed)
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        generated = 0
        shaper = OutputShaper(request, time.perf_counter())
        reason = "length"
        self._is_cancelled = is_cancelled
        self._aborts.recover()
        self._set_abort_check(True)
        try:
            with self._aborts.as_cancel(is_cancelled):
                reused, tokens, first_bytes = self._evaluate_and_heal(tokens, tail)
            self._cache.keep_logits()
            if request.prefill:
                yield GenerationStats("prefilled", len(tokens), reused, 0, None, short,
                                      self._cache.kept.bytes_used)
                return
            if not first_bytes:
                # A first token that wrote nothing would keep the writer waiting a decode
                # for the first character (a model that writes prose never picks one).
                self._llm.forbid(self._silent)
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
            for token in self._aborts.stream(stream, is_cancelled):
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
        except GenerationCancelledError as cancelled:
            cancelled.short_window, cancelled.kept_bytes = short, self._cache.kept.bytes_used
            raise
        finally:
            self._set_abort_check(False)
            self._is_cancelled = lambda: False
        yield GenerationStats(reason, len(tokens), reused, generated, shaper.first_piece_ms,
                              short, self._cache.kept.bytes_used)

    def _maybe_short(self, tokens: list[int]) -> tuple[list[int], bool]:
        """Return the short window of a suggestion's prompt where the whole one would
        take long to read (and remember to read the whole one in the background)."""
        lead = 1 if self._llm.adds_bos else 0
        sizes = ShortWindow.for_speed(self._cache.speed)
        if self._short_sizes is not None and self._short_sizes[0] == tokens:
            sizes = self._short_sizes[1]  # as its read made ready, though the speed moved
        self._short_sizes = (tokens, sizes)
        short = sizes.of(tokens, lead)
        to_read = len(tokens) - self._cache.covers(tokens)
        if not sizes.worth_it(to_read, len(short) - self._cache.covers(short)):
            return tokens, False
        self._follow_up = tokens
        return short, True

    def take_follow_up(self) -> list[int] | None:
        """Return the whole window a short-window answer stood in for, once."""
        tokens, self._follow_up = self._follow_up, None
        return tokens

    def prepare(self, request: Generate | list[int], should_stop: Callable[[], bool],
                should_pause: Callable[[], bool] = lambda: False,
                whole: list[int] | None = None) -> bool:
        """Read a prompt (a request's, or tokens) into the cache in the background, a
        chunk at a time; return False if stopped first: inside a chunk when
        `should_stop()` turns true, after one when `should_pause()` does. What was read
        stays, and a later call goes on from there. A request made ready for a pause is
        read as its suggestion would be: healed, so that the suggestion starts writing at
        once, and at a new place the short window. Another prompt at the place of `whole`
        (the window being read behind a short one) reads on there: the writer typed on."""
        tail = b""
        short = False
        if isinstance(request, list):
            tokens = request
        else:
            tokens, tail = self.prompt_tokens(request.prompt, request.suffix,
                                              request.sampling.max_tokens)
            if request.stop_rule is not None and not (request.suffix and self.fill_in_middle):
                # Made ready for a pause: what the suggestion will read, the short window
                # at a new place (again, if its first read was stopped), else the prompt.
                tokens, short = self._maybe_short(tokens)
            elif whole is not None and common_prefix(whole, tokens) >= len(whole) - _CUT_STEP:
                self._follow_up = tokens  # until it is all read
        # A short window is read in one call: the pause waits for all of it, and small
        # batches read slower (a 4B model here: 8 tokens at 12 a second, 24 at 20).
        chunk = None if short else self._cache.speed.tokens_in(
            BACKGROUND_CHUNK_S, SMALLEST_CHUNK, BACKGROUND_CHUNK)
        self._is_cancelled = should_stop
        self._aborts.recover()
        self._set_abort_check(True)
        try:
            memo = self._healings.of(tokens, tail)
            # Healed before (the same prompt read again): the healed tokens are the goal.
            healed = list(memo.healed) if memo is not None else None
            goal = healed or tokens
            with self._aborts.as_cancel(should_stop):
                self._cache.read(goal, chunk=chunk, pause=should_pause,
                                 prompt_end=len(tokens))
                if self._llm.n_tokens < len(goal):
                    return False
                if tail and healed is None and request.stop_rule is not None:
                    self._evaluate_and_heal(tokens, tail)
            if self._follow_up is tokens:
                self._follow_up = None
            self._cache.keep_logits()
            return True
        except GenerationCancelledError:
            return False
        finally:
            self._set_abort_check(False)
            self._is_cancelled = lambda: False


