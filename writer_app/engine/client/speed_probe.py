"""The speed probe: load a model in an engine process of its own and time what a writer
will feel, in about PROBE_S seconds (loading included).

It reads a passage of prose the way the engine reads the writer's text (a short one to
learn the pace, then as much more as READ_S holds), then writes from it for about WRITE_S.
It runs beside the engine in use (which keeps its model), so the caller starts it when
that engine is idle: on a small CPU both would slow each other, and the figures with it.
"""

from __future__ import annotations

import datetime
import time
from pathlib import Path

from writer_app.core.cpu_features import cpu_name
from writer_app.core.model_speeds import ModelSpeed
from writer_app.core.said import said
from writer_app.core.text_counts import count_text
from writer_app.core.word_breaks import is_unspaced
from writer_app.engine.client.blocking_engine import BlockingEngine, EngineError
from writer_app.engine.client.timed_request import run_request
from writer_app.engine.protocol import Sampling

PROBE_S = 20
FIRST_WORDS = 80  # read first: about a hundred tokens of prose, in any language
READ_S = 5.0
MOST_TOKENS = 1500  # read at most, with what is written after it within 2,048
WRITE_S = 5.0
# Models write this many times slower than they read, or less (measured here: 15 times
# for a 270M model, 6 for a 4B one): the first guess at how many tokens fit in WRITE_S.
READ_TO_WRITE = 6
WRITE_TOKENS = (8, 64)
_SENTENCE_ENDS = ".!?。！？"


def to_sentence_end(text: str) -> str:
    """Cut `text` after its last sentence end (if in its second half), so that the
    prompt has no partial word for token healing to write again: the probe times
    reading and writing, nothing else."""
    end = max(text.rfind(mark) for mark in _SENTENCE_ENDS)
    return text[: end + 1] if end > len(text) // 2 else text


def words_prefix(text: str, words: int) -> str:
    """Return the shortest start of `text` that counts `words` words (each Chinese or
    Japanese character counts one, as the status bar counts them)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        if count_text(text[:middle]).words >= words:
            high = middle
        else:
            low = middle + 1
    # The last word whole (a Chinese character is a word of its own).
    while (0 < low < len(text) and not text[low].isspace() and not is_unspaced(text[low])
           and not is_unspaced(text[low - 1])):
        low += 1
    return text[:low]


def probe_speed(model_path: Path, data_dir: Path, text: str, *, gpu_layers: str = "auto",
                n_threads: int = 0) -> ModelSpeed:
    """Measure `model_path` on this computer with `text` (prose in the writer's language,
    a few thousand characters); raise EngineError (ModelLoadError) if it cannot, and
    ValueError if `text` is too short."""
    if count_text(text).words < 2 * FIRST_WORDS:
        raise ValueError(said("Models", "The speed probe needs a passage of at least "
                                        "{count} words.").format(count=2 * FIRST_WORDS))
    started = time.perf_counter()
    with BlockingEngine(timeout_s=120) as engine:
        loaded = engine.load(str(model_path), data_dir, gpu_layers=gpu_layers,
                             n_threads=n_threads)
        load_s = time.perf_counter() - started
        sampling = Sampling(max_tokens=WRITE_TOKENS[0], temperature=0.0)
        head = to_sentence_end(words_prefix(text, FIRST_WORDS))
        first = run_request(engine, head, sampling, prefill=True)
        # A guess (a fresh engine's first read also pays for first touches of memory).
        first_rate = first.finished.prompt_tokens / max(1e-3, first.total_ms / 1000)
        chars_per_token = len(head) / max(1, first.finished.prompt_tokens)
        # As much as READ_S holds, within the engine's context (the default, 2,048).
        more_tokens = min(first_rate * READ_S, MOST_TOKENS - first.finished.prompt_tokens)
        more = int(more_tokens * chars_per_token)
        passage = head + to_sentence_end(text[len(head): len(head) + max(more, len(head))])
        read = run_request(engine, passage, sampling, prefill=True)
        read_tokens = read.finished.prompt_tokens - read.finished.reused_tokens
        prompt_rate = read_tokens / max(1e-3, read.total_ms / 1000)
        low, high = WRITE_TOKENS
        to_write = max(low, min(high, int(prompt_rate / READ_TO_WRITE * WRITE_S)))
        written = run_request(engine, passage, Sampling(max_tokens=to_write, temperature=0.0))
    tokens = written.finished.generated_tokens
    if written.first_piece_ms is None or tokens < 2:
        raise EngineError(said("Models", "The model wrote too little to be timed."))
    decode_rate = (tokens - 1) / max(1e-3, (written.total_ms - written.first_piece_ms) / 1000)
    counts = count_text(passage)
    return ModelSpeed(
        prompt_tokens_per_s=round(prompt_rate, 1), decode_tokens_per_s=round(decode_rate, 1),
        words_per_token=round(counts.words / max(1, read.finished.prompt_tokens), 3),
        in_characters=counts.prefers_characters, load_s=round(load_s, 1),
        computer=f"{cpu_name()} · {loaded.backend}",
        measured=datetime.datetime.now().astimezone().isoformat(timespec="seconds"))

