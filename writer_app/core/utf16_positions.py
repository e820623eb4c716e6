"""Qt counts positions in a document in UTF-16 code units; Python counts characters.
They differ after every character outside the Basic Multilingual Plane (most emoji,
many CJK extension characters such as 𠀀, mathematical letters, historic scripts), which
take two units in Qt and one in Python. Every position that crosses between the two
goes through here: `Utf16Text` for a text asked many times (a paragraph and all its
decorations), the functions below for one question about a text.

A book is a megabyte: these are asked at every pause, so they count with the UTF-16
codec (C, at memory speed; a third of a millisecond for a megabyte) and look for the
rare astral characters one by one only where some are.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_length(text: str) -> int:
    """Return how many positions `text` takes in a Qt document."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def index_at(text: str, position: int) -> int:
    """Return the Python index in `text` of the Qt (UTF-16) `position` (a position
    between the two halves of a character gives that character's index)."""
    if text.isascii() or utf16_length(text) == len(text):
        return position  # no character takes two positions
    astral = 0
    for match in _ASTRAL.finditer(text):
        if match.start() + astral >= position:
            break
        astral += 1
    return position - astral


def position_at(text: str, index: int) -> int:
    """Return the Qt (UTF-16) position of the Python `index` in `text`."""
    if text.isascii():
        return index
    return utf16_length(text[:index])


class Utf16Text:
    """A text whose Python indices and Qt positions are converted both ways, often."""

    __slots__ = ("_astral_at", "_astral_positions", "length", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.length = utf16_length(text)  # in Qt positions
        # Where the astral characters are, as Python indices and as Qt positions (the
        # k-th one starts k positions later in Qt than in Python).
        if self.length == len(text):
            self._astral_at: list[int] = []
        else:
            self._astral_at = [match.start() for match in _ASTRAL.finditer(text)]
        self._astral_positions = [index + k for k, index in enumerate(self._astral_at)]

    def position(self, index: int) -> int:
        """Return the Qt position of Python `index`."""
        return index + bisect_left(self._astral_at, index)

    def index(self, position: int) -> int:
        """Return the Python index of Qt `position` (inside a character: its index)."""
        return position - bisect_left(self._astral_positions, position)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the Qt position and length of the characters text[start:end]."""
        first = self.position(start)
        return first, self.position(end) - first
