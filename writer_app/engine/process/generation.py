"""What every engine (llama.cpp here, a server over HTTP) shares: the shape of a
generation's end, and how it says it was cancelled."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from writer_app.core.prose import SuggestionLength, shape_suggestion
from writer_app.engine.process.stop_sequences import StopScanner
from writer_app.engine.protocol import Generate


class GenerationCancelledError(Exception):
    """The request was cancelled (what the figures of a suggestion say, so far)."""

    short_window: bool = False
    kept_bytes: int = 0


@dataclass
class GenerationStats:
    reason: str
    prompt_tokens: int
    reused_tokens: int
    generated_tokens: int
    first_piece_ms: float | None
    short_window: bool = False  # written from a short window (see short_window.py)
    kept_bytes: int = 0  # states of windows kept aside (see sequence_cache.py)


class Engine(Protocol):
    """One model, serving one request at a time (see LlamaEngine, RemoteEngine)."""

    model_name: str
    backend: str
    n_ctx: int
    n_threads: int
    fill_in_middle: bool

    @property
    def progress(self) -> int:
        """A count that grows while the engine works, however slowly (llama.cpp's calls
        back into Python; bytes from a server): the bridge's stall watchdog reads it."""
        ...

    @property
    def has_chat_template(self) -> bool: ...

    def generate(self, request: Generate,
                 is_cancelled: Callable[[], bool]) -> Iterator[str | GenerationStats]: ...

    def prepare(self, request: Generate | list[int], should_stop: Callable[[], bool],
                should_pause: Callable[[], bool], whole: list[int] | None = None) -> bool:
        """Read a prompt ahead of need; False if stopped first (see LlamaEngine)."""
        ...

    def take_follow_up(self) -> list[int] | None:
        """Return a prompt the engine wants read in the background, once."""
        ...

    def close(self) -> None:
        """Let go of what the engine holds before another one replaces it."""


class OutputShaper:
    """End a generation where the request says: at a stop sequence (held back and cut
    off) or, for a suggestion, where the prose rule says it is complete."""

    def __init__(self, request: Generate, started: float) -> None:
        self._stops = StopScanner(request.sampling.stop)
        self._rule = request.stop_rule
        self._length = SuggestionLength(self._rule.length) if self._rule else None
        self._started = started
        self.text = ""
        self.first_piece_ms: float | None = None
        self.reason: str | None = None  # "stop" or "complete" once the output must end

    def feed(self, raw: str) -> str:
        """Take newly generated text; return what may be shown of it now."""
        piece = self._stops.feed(raw)
        if self._stops.stopped:
            self.reason = "stop"
        if piece:
            if self.first_piece_ms is None:
                self.first_piece_ms = (time.perf_counter() - self._started) * 1000
            self.text += piece
        rule, length = self._rule, self._length
        if (self.reason is None and rule and length
                and shape_suggestion(self.text, rule.before_tail, rule.after, length).complete):
            self.reason = "complete"
        return piece

    def flush(self) -> str:
        """Return text held back as a possible stop sequence that turned out not to be."""
        return self._stops.flush()
