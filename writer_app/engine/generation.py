"""What every engine (llama.cpp here, a server over HTTP) shares: the shape of a
generation's end, and how it says it was cancelled."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from writer_app.engine.protocol import Generate


class GenerationCancelledError(Exception):
    """The request was cancelled."""


@dataclass
class GenerationStats:
    reason: str
    prompt_tokens: int
    reused_tokens: int
    generated_tokens: int
    first_piece_ms: float | None


class Engine(Protocol):
    """One model, serving one request at a time (see LlamaEngine, RemoteEngine)."""

    model_name: str
    backend: str
    n_ctx: int
    n_threads: int
    fill_in_middle: bool

    @property
    def has_chat_template(self) -> bool: ...

    def generate(self, request: Generate,
                 is_cancelled: Callable[[], bool]) -> Iterator[str | GenerationStats]: ...
