"""Where fenced code is in a Markdown document: a line's look depends on whether a
fence above it is still open, which one line cannot tell by itself.

The fences are found in the whole text at once, a moment after typing pauses, and only
while the document is Markdown: a few milliseconds for a megabyte.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QTextDocument

# QTextDocument's raw text separates paragraphs with U+2029.
RESCAN_DELAY_MS = 150


class CodeFences(QObject):
    """The block numbers of fence lines, kept up to date while enabled."""

    changed = Signal()

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._document = document
        self._fences: list[int] = []
        self.enabled = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RESCAN_DELAY_MS)
        self._timer.timeout.connect(self.rescan)
        document.contentsChange.connect(self._on_change)

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        self.rescan()

    def in_code(self, block_number: int) -> bool:
        """Whether the block is inside fenced code (a fence line itself is not)."""
        return bisect.bisect_left(self._fences, block_number) % 2 == 1

    @Slot(int, int, int)
    def _on_change(self, _position: int, _removed: int, _added: int) -> None:
        if self.enabled:
            self._timer.start()

    @Slot()
    def rescan(self) -> None:
        fences: list[int] = []
        text = self._document.toRawText() if self.enabled else ""
        # Runs of backticks or tildes are found with str.find (C speed), then kept if
        # they begin a line (after at most three spaces): a regular expression tried at
        # every position of a megabyte takes tens of milliseconds.
        number, at = 0, 0
        for start in sorted(_runs(text, "```") + _runs(text, "~~~")):
            line_start = text.rfind("\u2029", 0, start) + 1
            if start - line_start > 3 or text[line_start:start].strip(" "):
                continue
            number += text.count("\u2029", at, line_start)
            at = line_start
            if not fences or fences[-1] != number:
                fences.append(number)
        if fences != self._fences:
            self._fences = fences
            self.changed.emit()


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
