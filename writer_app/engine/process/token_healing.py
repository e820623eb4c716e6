"""Token healing: let the model rewrite the partial word at the end of the prompt.

A prompt that ends mid-word ("into the kitc") or with a space ("The wind ") ends on a
token the model rarely saw there, and its continuation goes wrong (" room." after
"kitc", a stray space inside a word). Healing removes the tokens of that tail from the
prompt and makes the first generated tokens spell it out again ("kitc" -> "kitchen"),
choosing only among tokens that agree with the tail; the tail is then cut from the
output, so the writer sees just the rest of the word.

In text without spaces (Chinese, Japanese, Thai) the tail is the last word by the word
boundaries ("大" of "他看见了大"), not the whole run of letters since the last comma.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from writer_app.core.word_breaks import is_unspaced, segments
from writer_app.engine.process.reading_speed import ReadingSpeed

# The trailing partial word (with the space before it) or a run of trailing blanks.
_TAIL = re.compile(r"(?: ?\w+|[ \t]+)\Z")
_MAX_TAIL_CHARS = 24
# How much likelier (in log-probability) a longer word must be than the word as typed
# for healing to extend it: "sea" stays "sea" unless "search" clearly fits better.
KEEP_WORD_MARGIN = 3.0
# Healing decodes a token at a time, and the read made ready for a pause has about a
# quarter second: a slow model heals at most what it decodes in HEALING_S, the last
# tokens of the word ("hieroglyphic" is three tokens for Gemma, a third of a second of a
# 4B model on two cores; its last one heals as well: classic token healing), a fast one
# the whole word.
HEALING_S = 0.12


def healing_split(token_texts: Sequence[bytes], prompt: bytes,
                  at_most: int | None = None) -> int:
    """Return how many of the prompt's tokens to keep; the rest, `at_most` of them, are
    healed.

    `token_texts` are the byte pieces of the prompt's tokens, in order, which together
    spell `prompt` (after any BOS).
    """
    keep = _word_split(token_texts, prompt)
    return keep if at_most is None else _at_most(token_texts, keep, at_most)


def _at_most(token_texts: Sequence[bytes], keep: int, at_most: int) -> int:
    """Return `keep`, moved on so that at most `at_most` tokens are healed."""
    if len(token_texts) - at_most > keep:
        keep = len(token_texts) - at_most
        # Not from inside a character (a token of Chinese text may hold part of one).
        while keep > 0 and token_texts[keep][:1] and 0x80 <= token_texts[keep][0] < 0xC0:
            keep -= 1
    return keep


def _word_split(token_texts: Sequence[bytes], prompt: bytes) -> int:
    """Return how many of the prompt's tokens come before its trailing partial word."""
    text = prompt.decode("utf-8", "ignore")
    match = _TAIL.search(text[-4 * _MAX_TAIL_CHARS:])
    if match is None:
        return len(token_texts)
    tail = match.group(0)
    if any(is_unspaced(c) for c in tail):
        pieces = segments(tail)
        tail = tail[pieces[-1].start:]
    if len(tail) > _MAX_TAIL_CHARS:
        return len(token_texts)
    tail_bytes = len(tail.encode("utf-8"))
    boundary = len(prompt) - tail_bytes
    end = sum(len(text) for text in token_texts)
    keep = len(token_texts)
    # Drop tokens from the end while they reach past the start of the tail.
    while keep > 0 and end > boundary:
        keep -= 1
        end -= len(token_texts[keep])
    return keep


class VocabularyIndex:
    """Find the tokens whose text agrees with a required prefix, fast.

    Built while the writer waits for the first suggestion after a model loads (262,144
    tokens for Gemma), so it is two sorted lists and nothing else: numpy sorts the
    pieces, and exact matches are found by bisection like prefixes are.
    """

    def __init__(self, pieces: Sequence[bytes]) -> None:
        """Index token texts by token id; empty pieces (control tokens) are left out."""
        order = _sorted_order(pieces)
        self._ids = [token for token in order if pieces[token]]
        self._texts = [pieces[token] for token in self._ids]

    def exact(self, text: bytes) -> list[int]:
        """Return the tokens whose text is exactly `text`."""
        start = bisect.bisect_left(self._texts, text)
        return self._ids[start : bisect.bisect_right(self._texts, text, lo=start)]

    def covering(self, required: bytes) -> list[int]:
        """Return the tokens whose text starts with `required` (it included)."""
        start = bisect.bisect_left(self._texts, required)
        end = bisect.bisect_left(self._texts, _prefix_upper_bound(required), lo=start)
        return self._ids[start:end]

    def partial(self, required: bytes) -> list[int]:
        """Return the tokens whose text is a shorter, non-empty prefix of `required`."""
        tokens: list[int] = []
        for cut in range(1, len(required)):
            tokens.extend(self.exact(required[:cut]))
        return tokens


def _sorted_order(pieces: Sequence[bytes]) -> list[int]:
    """Return token ids in the byte order of their pieces."""
    if not pieces:
        return []
    # numpy's fixed-width bytes drop trailing NULs, so two pieces that differ only there
    # compare equal: check the order, and sort in Python in that (unlikely) case.
    order = np.argsort(np.array(pieces, dtype=bytes), kind="stable").tolist()
    if all(pieces[a] <= pieces[b] for a, b in itertools.pairwise(order)):
        return order
    return sorted(range(len(pieces)), key=pieces.__getitem__)


def _prefix_upper_bound(prefix: bytes) -> bytes:
    """Return the smallest byte string greater than every string starting with `prefix`."""
    stripped = prefix.rstrip(b"\xff")
    if not stripped:
        return b"\xff" * (len(prefix) + 64)
    return stripped[:-1] + bytes([stripped[-1] + 1])


class Decoder(Protocol):
    """What healing needs of the model (LlamaModel has it)."""

    def logits(self) -> np.ndarray: ...

    def piece(self, token: int) -> bytes: ...

    def eval(self, tokens: list[int]) -> None: ...


def heal(llm: Decoder, vocabulary: VocabularyIndex, tokens: list[int],
         tail: bytes) -> tuple[list[int], bytes]:
    """Generate the tokens that spell `tail` again, choosing greedily among those
    agreeing with it. Return all tokens so far and the bytes written past the tail.

    A token that covers the whole remaining tail is preferred to a shorter piece of
    it: models like a bare space token, and a path through it leads to odd words.
    """
    tokens = list(tokens)
    remaining = tail
    while remaining:
        logits = llm.logits()
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
        piece = llm.piece(token)
        tokens.append(token)
        llm.eval([token])
        if piece.startswith(remaining):
            return tokens, piece[len(remaining) :]
        remaining = remaining[len(piece) :]
    return tokens, b""


@dataclass(frozen=True)
class Healing:
    """What token healing made of a prompt: the same prompt heals the same way, so a
    request after a prefill of its prompt skips the healing decode too."""

    tokens: tuple[int, ...]
    tail: bytes
    healed: list[int]
    first_bytes: bytes


class Healings:
    """What token healing made of the last prompts, most recent last. A writer who
    goes back to a place asks its prompt again: its healed tokens are then read with
    the prompt's last token in one call (a 4B model's decode is a tenth of a second),
    not healed again after it."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._memos: OrderedDict[tuple[tuple[int, ...], bytes], Healing] = OrderedDict()
        self.decodes = ReadingSpeed(measured_from=1)  # healing's tokens a second

    def at_most(self, lookback: int) -> int:
        """Return how many tokens to heal at most (of the last `lookback`)."""
        return self.decodes.tokens_in(HEALING_S, 1, lookback)

    def split(self, kept: Sequence[int], last: Sequence[int], pieces: Sequence[bytes]) -> int:
        """Return how many of `last` (the prompt's last tokens, after `kept`; `pieces` are
        their texts) to keep; the rest are healed. As the same prompt healed before, if
        it did: the limit follows the decoding speed, which moves as it is learnt, and a
        prompt made ready for a pause must heal the same way at the pause (else it heals
        again there). Else at most what the model decodes in HEALING_S."""
        word = healing_split(pieces, b"".join(pieces))
        if self._memos:
            for keep in range(word, len(last)):
                if ((*kept, *last[:keep]), b"".join(pieces[keep:])) in self._memos:
                    return keep
        return _at_most(pieces, word, self.at_most(len(last)))

    def remember(self, healing: Healing) -> None:
        key = (healing.tokens, healing.tail)
        self._memos[key] = healing
        self._memos.move_to_end(key)
        while len(self._memos) > self._size:
            self._memos.popitem(last=False)

    def of(self, tokens: Sequence[int], tail: bytes) -> Healing | None:
        """Return how `tokens` + `tail` healed before, if they did."""
        if not tail:
            return None
        return self._memos.get((tuple(tokens), tail))

    def clear(self) -> None:
        self._memos.clear()
