"""Focus mode's look: the paragraph being written in full colour, the rest dimmed."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat

from writer_app.ui.text_positions import Decoration

DIMMED = {"light": "#bdb9b0", "dark": "#5f5d59"}


class FocusSource:
    """Dim every paragraph but the cursor's, while focus mode is on."""

    def __init__(self) -> None:
        self.active = False
        self._format = QTextCharFormat()
        self.set_scheme("light")

    def set_scheme(self, scheme: str) -> None:
        self._format = QTextCharFormat()
        self._format.setForeground(QColor(DIMMED.get(scheme, DIMMED["light"])))

    def formats(self, text: str, cursor: int, in_code: bool = False) -> list[Decoration]:
        if not self.active or cursor >= 0 or not text:
            return []
        return [Decoration(0, len(text), self._format)]
