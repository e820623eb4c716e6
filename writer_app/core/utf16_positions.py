"""Qt counts positions in a document in UTF-16 code units; Python counts characters.
They differ after every character outside the Basic Multilingual Plane (most emoji,
many CJK extension characters, historic scripts), which take two units in Qt and one in
Python. Slicing the document's text with a cursor position must go through here.

A book is a megabyte: these are asked at every pause, so they count with the UTF-16
codec (C, at memory speed; a third of a millisecond for a megabyte) and look for the
rare astral characters one by one only where some are.
"""

from __future__ import annotations

import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_length(text: str) -> int:
    """Return how many positions `text` takes in a Qt document."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def index_at(text: str, position: int) -> int:
    """Return the Python index in `text` of the Qt (UTF-16) `position`."""
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
