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
import re
from collections.abc import Sequence

from writer_app.core.word_breaks import is_unspaced, segments

# The trailing partial word (with the space before it) or a run of trailing blanks.
_TAIL = re.compile(r"(?: ?\w+|[ \t]+)\Z")
_MAX_TAIL_CHARS = 24
# How much likelier (in log-probability) a longer word must be than the word as typed
# for healing to extend it: "sea" stays "sea" unless "search" clearly fits better.
KEEP_WORD_MARGIN = 3.0


def healing_split(token_texts: Sequence[bytes], prompt: bytes) -> int:
    """Return how many of the prompt's tokens to keep; the rest are healed.

    `token_texts` are the byte pieces of the prompt's tokens, in order, which together
    spell `prompt` (after any BOS).
    """
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
    """Find the tokens whose text agrees with a required prefix, fast."""

    def __init__(self, pieces: Sequence[bytes]) -> None:
        """Index token texts by token id; empty pieces (control tokens) are left out."""
        entries = sorted((piece, token) for token, piece in enumerate(pieces) if piece)
        self._texts = [piece for piece, _ in entries]
        self._ids = [token for _, token in entries]
        self._by_text: dict[bytes, list[int]] = {}
        for piece, token in entries:
            self._by_text.setdefault(piece, []).append(token)

    def exact(self, text: bytes) -> list[int]:
        """Return the tokens whose text is exactly `text`."""
        return list(self._by_text.get(text, ()))

    def covering(self, required: bytes) -> list[int]:
        """Return the tokens whose text starts with `required` (it included)."""
        start = bisect.bisect_left(self._texts, required)
        end = bisect.bisect_left(self._texts, _prefix_upper_bound(required), lo=start)
        return self._ids[start:end]

    def partial(self, required: bytes) -> list[int]:
        """Return the tokens whose text is a shorter, non-empty prefix of `required`."""
        tokens: list[int] = []
        for cut in range(1, len(required)):
            tokens.extend(self._by_text.get(required[:cut], ()))
        return tokens


def _prefix_upper_bound(prefix: bytes) -> bytes:
    """Return the smallest byte string greater than every string starting with `prefix`."""
    stripped = prefix.rstrip(b"\xff")
    if not stripped:
        return b"\xff" * (len(prefix) + 64)
    return stripped[:-1] + bytes([stripped[-1] + 1])
