"""Where fenced code is in a Markdown document: a line's look depends on whether a
fence above it is still open, which one line cannot tell by itself.

The fences are found in the whole text at once, a moment after typing pauses, and only
while the document is Markdown: a few milliseconds for a megabyte.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QTextDocument

RESCAN_DELAY_MS = 150


class CodeFences(QObject):
    """The block numbers of fence lines, kept up to date while enabled."""

    # The fences moved: blocks from this number on may be in or out of code now.
    changed = Signal(int)

    def __init__(self, document: QTextDocument, text_of: Callable[[], str]) -> None:
        """`text_of` returns the document's text, paragraphs parted by "\\n"."""
        super().__init__(document)
        self._document = document
        self._text_of = text_of
        self._fences: list[int] = []
        self.enabled = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RESCAN_DELAY_MS)
        self._timer.timeout.connect(self.rescan)

    def set_enabled(self, enabled: bool) -> None:
        # Connected only while enabled: a slot on the document runs on every key.
        if enabled and not self.enabled:
            self._document.contentsChanged.connect(self._timer.start)
        elif self.enabled and not enabled:
            self._document.contentsChanged.disconnect(self._timer.start)
            self._timer.stop()
        self.enabled = enabled
        self.rescan()

    def in_code(self, block_number: int) -> bool:
        """Whether the block is inside fenced code (a fence line itself is not)."""
        return bisect.bisect_left(self._fences, block_number) % 2 == 1

    @Slot()
    def rescan(self) -> None:
        fences: list[int] = []
        text = self._text_of() if self.enabled else ""
        # Runs of backticks or tildes are found with str.find (C speed), then kept if
        # they begin a line (after at most three spaces): a regular expression tried at
        # every position of a megabyte takes tens of milliseconds.
        number, at = 0, 0
        for start in sorted(_runs(text, "```") + _runs(text, "~~~")):
            line_start = text.rfind("\n", 0, start) + 1
            if start - line_start > 3 or text[line_start:start].strip(" "):
                continue
            number += text.count("\n", at, line_start)
            at = line_start
            if not fences or fences[-1] != number:
                fences.append(number)
        if fences != self._fences:
            old, self._fences = self._fences, fences
            self.changed.emit(_first_difference(old, fences))


def _first_difference(old: list[int], new: list[int]) -> int:
    """Return the first block number whose fence differs between `old` and `new`."""
    for before, after in zip(old, new, strict=False):
        if before != after:
            return min(before, after)
    longer = old if len(old) > len(new) else new
    return longer[min(len(old), len(new))]


def _runs(text: str, mark: str) -> list[int]:
    """Return where each run of `mark` (three or more of one character) starts."""
    found = []
    at = text.find(mark)
    while at >= 0:
        found.append(at)
        end = at + len(mark)
        while end < len(text) and text[end] == mark[0]:
            end += 1
        at = text.find(mark, end)
    return found
