"""What llama.cpp has already read: the live cache, and the states of windows kept aside.

Reading a window costs seconds on a small CPU; extending one costs milliseconds. So the
engine never throws a read window away while it may be wanted again: before the live
cache is replaced (the writer jumped, the window's start moved, background work begins),
its keys and values are copied out, a few MB for the embedded model and tens of MB for a
4B one, and kept under a memory budget, least recently used first out. The budget holds
KEPT_WINDOWS of the largest states seen, within a share of the memory free when the
model loaded. A request then starts from whichever of
the live cache and the kept states leaves the least to read.

Models with sliding-window layers (Gemma 3) complicate going back: a saved state holds,
in those layers, only the positions its next token can see. A state can always be
continued from its end, but cut shorter only where the cut still sees what it needs.
"""

from __future__ import annotations

import ctypes
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from writer_app.engine.process.llama_calls import LlamaModel
from writer_app.engine.process.reading_speed import ReadingSpeed

# Live caches that read again in less than this are cheaper to read again than to keep:
# about 48 tokens of a 270M model, a few of a 4B one (a few read in a second; a copy of a
# few tokens' state is quick), which would otherwise lose the next window's first tokens
# each time the writer's next word turned the engine back to the window at the cursor.
KEEP_READ_S = 0.08
# ... within these bounds (the upper one while the speed is not known yet).
KEEP_FROM_TOKENS = (4, 48)
# A kept state is restored only if it saves this many tokens of reading over the live
# cache: a restore costs a copy of a few MB (milliseconds), reading a token about as much.
RESTORE_GAIN_TOKENS = 4
# The places a writer goes back to in an hour's work: where they write, where they
# paused a few minutes ago, the chapter they check a name in, a few more.
KEPT_WINDOWS = 12
# Kept states never take the budget below this (a small model's windows are small)...
MIN_BUDGET_BYTES = 128 * 1024 * 1024
# ... nor above this share of the memory free when the model loaded.
FREE_MEMORY_SHARE = 0.25
_HEAD_TOKENS = 8


@dataclass
class Logits:
    """The logits after the token at `position - 1`: where the next request resumes."""

    position: int
    values: np.ndarray


@dataclass(frozen=True)
class KeptState:
    tokens: tuple[int, ...]
    state: ctypes.Array[ctypes.c_uint8]
    logits: Logits | None
    # The lowest position the state can be cut back to and still be exact (0: any).
    floor: int

    @property
    def size(self) -> int:
        return len(self.state) + (self.logits.values.nbytes if self.logits else 0)


def kept_budget(largest_state: int, free_bytes: int) -> int:
    """Return the bytes kept states may take: KEPT_WINDOWS states as large as the
    largest seen, at least MIN_BUDGET_BYTES, at most FREE_MEMORY_SHARE of `free_bytes`."""
    wanted = max(KEPT_WINDOWS * largest_state, MIN_BUDGET_BYTES)
    return min(wanted, int(free_bytes * FREE_MEMORY_SHARE))


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """Return how many tokens `a` and `b` share at their start."""
    n = min(len(a), len(b))
    # Most candidates part at once (another window's start): no arrays for those.
    head = min(n, _HEAD_TOKENS)
    for at in range(head):
        if a[at] != b[at]:
            return at
    if head == n:
        return n
    left = a[:n] if isinstance(a, np.ndarray) else np.asarray(a[:n])
    right = b[:n] if isinstance(b, np.ndarray) else np.asarray(b[:n])
    differ = np.flatnonzero(left != right)
    return int(differ[0]) if differ.size else n


def usable_prefix(cached: Sequence[int], floor: int, logits_at: Collection[int],
                  tokens: Sequence[int], window: int) -> int:
    """Return how many of `tokens` need no reading, starting from `cached`.

    The logits of the last prompt token are needed to write on: reusing all of
    `tokens` needs logits kept at that position (`logits_at` says where there are
    some), otherwise the last one is read again.
    Cutting `cached` back to a position needs what the token there sees: the `window`
    positions up to it, itself included, which are there only from `floor` on.
    """
    shared = common_prefix(cached, tokens)
    if shared == len(tokens) and len(tokens) in logits_at:
        resume = shared
    else:
        resume = min(shared, len(tokens) - 1)
    if resume < len(cached) and floor > 0 and resume - window + 1 < floor:
        return 0
    return max(0, resume)


class KeptStates:
    """States of windows, most recently used last, under a budget in bytes (see
    kept_budget) that grows with the largest state seen."""

    def __init__(self, free_bytes: int) -> None:
        self.free_bytes = free_bytes
        self._largest = 0
        self._states: OrderedDict[tuple[int, ...], KeptState] = OrderedDict()

    @property
    def budget_bytes(self) -> int:
        return kept_budget(self._largest, self.free_bytes)

    def __len__(self) -> int:
        return len(self._states)

    def __contains__(self, tokens: tuple[int, ...]) -> bool:
        return tokens in self._states

    @property
    def bytes_used(self) -> int:
        return sum(kept.size for kept in self._states.values())

    def put(self, kept: KeptState) -> None:
        """Keep `kept`, dropping states it continues (it holds all they held) and the
        oldest ones beyond the budget."""
        self._largest = max(self._largest, kept.size)
        budget = self.budget_bytes
        if kept.size > budget:
            return
        for tokens in [t for t in self._states if kept.tokens[: len(t)] == t]:
            del self._states[tokens]
        self._states[kept.tokens] = kept
        while self.bytes_used > budget:
            self._states.popitem(last=False)

    def holds(self, tokens: tuple[int, ...], window: int) -> bool:
        """Return whether a kept state serves all of `tokens` (it is them, or continues
        them and can be cut back to their end)."""
        if tokens in self._states:
            return True
        # A longer state is cut back before the last token (its logits are not kept
        # there), which is read again: as good as a copy, less a decode.
        end = len(tokens)
        return any(kept.tokens[:end] == tokens
                   and usable_prefix(kept.tokens, kept.floor, (), tokens, window) >= end - 1
                   for kept in self._states.values() if len(kept.tokens) > end)

    def best(self, tokens: Sequence[int], window: int) -> tuple[KeptState | None, int]:
        """Return the kept state that leaves the least of `tokens` to read, and how many
        it covers."""
        best: KeptState | None = None
        covered = 0
        wanted = np.asarray(tokens)  # once, not once per state
        for kept in self._states.values():
            logits_at = (kept.logits.position,) if kept.logits else ()
            usable = usable_prefix(kept.tokens, kept.floor, logits_at, wanted, window)
            if usable > covered:
                best, covered = kept, usable
        return best, covered

    def clear(self) -> None:
        self._states.clear()

    def take(self, kept: KeptState) -> None:
        """Mark `kept` as just used."""
        self._states.move_to_end(kept.tokens)


class SequenceCache:
    """The live cache of one `LlamaModel` (sequence 0), and the states kept aside."""

    def __init__(self, llm: LlamaModel, free_bytes: int) -> None:
        self._llm = llm
        self.kept = KeptStates(free_bytes)
        self.speed = ReadingSpeed()
        self.window = llm.sliding_window
        self._floor = 0  # of the live cache: nonzero after a restore (see usable_prefix)
        # Kept logits of the live tokens, at most two: where the last prompt ended
        # before token healing (the next one, the writer having typed on, most likely
        # resumes there) and after it (the same prompt asked again).
        self._logits: list[Logits] = []
        self._read_end = 0  # where the last prompt read ended (before healing)
        self.restores = 0

    def forget_logits(self) -> None:
        """llama.cpp's logits no longer belong to the cache (a decode was aborted)."""
        self._llm.logits_current = False

    def clear(self) -> None:
        self._llm.reset()
        self._floor = 0
        self._logits = []
        self._read_end = 0

    def keep_logits(self) -> None:
        """Copy the logits at the cache's end: the next request most likely resumes
        there (the writer typed on, and the new prompt ends where the old one did)."""
        position = self._llm.n_tokens
        if any(kept.position == position for kept in self._logits):
            # Kept logits always belong to the live tokens up to their position (a cut
            # before it drops them): these are the same, and the copy costs a
            # millisecond of the writer's pause.
            return
        self._logits = [*self._logits[-1:], Logits(position, self._llm.logits().copy())]

    def _logits_at(self, position: int) -> Logits | None:
        return next((kept for kept in self._logits if kept.position == position), None)

    def _live(self) -> list[int]:
        return self._llm.cached_tokens()

    def _live_logits_at(self) -> tuple[int, ...]:
        llm = self._llm
        current = (llm.n_tokens,) if llm.logits_current else ()
        return current + tuple(kept.position for kept in self._logits)

    def live_covers(self, tokens: Sequence[int]) -> int:
        return usable_prefix(self._live(), self._floor, self._live_logits_at(), tokens,
                             self.window)

    def covers(self, tokens: Sequence[int]) -> int:
        """Return how many of `tokens` would need no reading (live cache or kept)."""
        return max(self.live_covers(tokens), self.kept.best(tokens, self.window)[1])

    def keep_live(self) -> None:
        """Copy the live cache into the kept states, cut back to where the last prompt
        read ended: before what token healing and generation added, which a prompt at
        the same place writes again (a state of a long window, in a model with sliding-
        window layers, can be continued from its end but not cut back)."""
        llm = self._llm
        end = min(self._read_end, llm.n_tokens)
        if end < self._worth_keeping() or not self._cut(end):
            return
        tokens = tuple(self._live()[:end])
        if self.kept.holds(tokens, self.window):
            # Kept already, or inside a longer state kept (the one just restored, say):
            # a 4B model's copy is tens of MB, a fifth of a second nothing can abort.
            return
        saved = llm.save_sequence()
        if saved is None:
            return
        logits = self._logits_at(end)
        floor = max(self._floor, end - self.window) if self.window else 0
        self.kept.put(KeptState(tokens, saved, logits, max(0, floor)))

    def _worth_keeping(self) -> int:
        """Return the fewest tokens worth keeping a state of (see KEEP_READ_S)."""
        return self.speed.tokens_in(KEEP_READ_S, *KEEP_FROM_TOKENS)

    def _cut(self, position: int) -> bool:
        llm = self._llm
        if position >= llm.n_tokens:
            return position == llm.n_tokens
        if self._floor > 0 and position - self.window + 1 < self._floor:
            return False
        if not llm.forget_from(position):
            return False
        self._logits = [kept for kept in self._logits if kept.position <= position]
        return True

    def _restore(self, kept: KeptState) -> bool:
        self.kept.take(kept)
        if not self._llm.restore_sequence(kept.state, list(kept.tokens)):
            self.clear()
            return False
        self.restores += 1
        self._floor = max(0, self._llm.lowest_cached_position()) if self.window else 0
        self._logits = [kept.logits] if kept.logits else []
        return True

    def start_for(self, tokens: list[int]) -> int:
        """Bring the live cache to the longest usable part of `tokens`, restoring a kept
        state where that leaves less to read; return where reading must resume.

        Afterwards the live cache holds exactly `tokens[:resume]`, and if `resume` is
        all of `tokens`, the logits after them are current.
        """
        live = self.live_covers(tokens)
        kept, covered = self.kept.best(tokens, self.window)
        if kept is not None and covered > live + RESTORE_GAIN_TOKENS:
            self.keep_live()
            if self._restore(kept):
                live = self.live_covers(tokens)
        llm = self._llm
        if live == len(tokens):
            if not (llm.logits_current and llm.n_tokens == len(tokens)):
                logits = self._logits_at(len(tokens))
                assert logits is not None
                self._cut(len(tokens))
                llm.logits()[:] = logits.values
                llm.logits_current = True
            return live
        lost, worth = self._read_end - live, self._worth_keeping()
        if lost >= KEEP_FROM_TOKENS[1] or (lost >= worth and live < worth):
            # Going back far, or elsewhere (however little was read there: a slow model's
            # few tokens of the next window): what was read may be wanted again. Not for
            # a few words deleted, which would cost a 4B model a copy of its window.
            self.keep_live()
        if live == 0 or not self._cut(live):
            self.clear()
            return 0
        return live

    def read(self, tokens: list[int], chunk: int | None = None,
             pause: Callable[[], bool] = lambda: False, prompt_end: int | None = None) -> int:
        """Bring the live cache to exactly `tokens`; return how many were reused.

        `chunk` reads that many tokens per llama.cpp call: an aborted call loses only its
        own chunk (llama.cpp drops it), the ones before it stay read; `pause()` is asked
        between chunks, and True stops reading there. `prompt_end` says where the prompt
        ends if `tokens` go on past it (with what token healing wrote).
        """
        reused = self.start_for(tokens)
        llm = self._llm
        self._read_end = prompt_end or len(tokens)
        rest = tokens[llm.n_tokens :]
        step = chunk or max(1, len(rest))
        for at in range(0, len(rest), step):
            if at and pause():
                break
            batch = rest[at : at + step]
            started = time.perf_counter()
            llm.eval(batch)
            self.speed.note(len(batch), time.perf_counter() - started)
        return reused
