"""A decode that the abort callback stopped inside llama.cpp, as the engine sees it: a
cancel, and logits that can no longer be trusted."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from writer_app.engine.process.generation import GenerationCancelledError


class DecodeAborts:
    """Turn llama.cpp's "decode aborted" error into GenerationCancelledError, and mend
    what an aborted decode leaves behind before the next one."""

    def __init__(self, forget_logits: Callable[[], None]) -> None:
        self._forget_logits = forget_logits
        self._aborted = False

    @contextlib.contextmanager
    def as_cancel(self, is_cancelled: Callable[[], bool]) -> Iterator[None]:
        try:
            yield
        except RuntimeError as exc:
            # llama_decode returns 2 when the abort callback fired; llama.cpp itself
            # drops the aborted batch from the KV cache.
            if is_cancelled():
                self._aborted = True
                raise GenerationCancelledError from exc
            raise

    def stream(self, tokens: Iterator[int], is_cancelled: Callable[[], bool]) -> Iterator[int]:
        """Yield from a token stream, turning an aborted decode into a cancel."""
        while True:
            with self.as_cancel(is_cancelled):
                try:
                    token = next(tokens)
                except StopIteration:
                    return
            yield token

    def recover(self) -> None:
        if self._aborted:
            # An aborted llama_decode leaves llama.cpp's logits half-written: the cache
            # is sound, the logits are not (the kept copy is).
            self._aborted = False
            self._forget_logits()
