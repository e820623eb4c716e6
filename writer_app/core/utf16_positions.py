"""Qt counts positions in a document in UTF-16 code units; Python counts characters.
They differ after every character outside the Basic Multilingual Plane (most emoji,
many CJK extension characters, historic scripts), which take two units in Qt and one in
Python. Slicing the document's text with a cursor position must go through here.
"""

from __future__ import annotations

import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def index_at(text: str, position: int) -> int:
    """Return the Python index in `text` of the Qt (UTF-16) `position`."""
    if text.isascii():
        return position  # the common case, checked at C speed
    astral = 0
    for match in _ASTRAL.finditer(text):
        if match.start() + astral >= position:
            break
        astral += 1
    return position - astral


def utf16_length(text: str) -> int:
    """Return how many positions `text` takes in a Qt document."""
    return len(text) if text.isascii() else len(text) + len(_ASTRAL.findall(text))


def position_at(text: str, index: int) -> int:
    """Return the Qt (UTF-16) position of the Python `index` in `text`."""
    if text.isascii():
        return index
    return index + len(_ASTRAL.findall(text, 0, index))
