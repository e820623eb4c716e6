"""Where fenced code is in a Markdown document: a line's look depends on whether a
fence above it is still open, which one line cannot tell by itself.

The fences are found in the whole text at once (a regular expression over the raw text:
a couple of milliseconds for a megabyte), a moment after typing pauses, and only while
the document is Markdown.
"""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QTextDocument

# QTextDocument's raw text separates paragraphs with U+2029.
_FENCE_LINE = re.compile(r"(?:^|\u2029) {0,3}(?:`{3,}|~{3,})")
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
        if self.enabled:
            text = self._document.toRawText()
            number, at = 0, 0
            for match in _FENCE_LINE.finditer(text):
                start = match.start() + (1 if text[match.start()] == "\u2029" else 0)
                number += text.count("\u2029", at, start)
                at = start
                fences.append(number)
        if fences != self._fences:
            self._fences = fences
            self.changed.emit()
