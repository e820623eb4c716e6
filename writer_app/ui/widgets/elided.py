"""A label and a tool button that give up width before the window does: their text ends
in "…" when the status bar is short of room, and the whole text is in the tooltip.

Qt's QLabel and QToolButton ask for their whole text as their minimum width, so a status
bar full of them made the window at least that wide, and wider with every task that
added its label: a window that cannot be half of a laptop screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolButton,
    QToolTip,
    QWidget,
)

# The narrowest an elided text gets: a few characters and the ellipsis.
_SHORTEST = "Mmm…"


def _shrinkable(widget: QWidget) -> None:
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)


def _whole_text_tip(widget: QLabel | QToolButton, event: QEvent, elided: bool) -> bool:
    """Show the whole text as the tooltip of a widget that has none of its own."""
    if (event.type() == QEvent.Type.ToolTip and elided and not widget.toolTip()
            and isinstance(event, QHelpEvent)):
        QToolTip.showText(event.globalPos(), widget.text(), widget)
        return True
    return False


class ElidedLabel(QLabel):
    """A one-line label whose text is cut with "…" where it lacks room."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        _shrinkable(self)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        shortest = self.fontMetrics().horizontalAdvance(_SHORTEST)
        return QSize(min(hint.width(), shortest), hint.height())

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def event(self, event: QEvent) -> bool:
        return _whole_text_tip(self, event, self.is_elided()) or super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.is_elided():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                              rect.width())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         shown)


class ElidedToolButton(QToolButton):
    """A tool button whose text is cut with "…" where it lacks room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _shrinkable(self)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        text = self.fontMetrics().horizontalAdvance(self.text())
        shortest = self.fontMetrics().horizontalAdvance(_SHORTEST)
        return QSize(max(hint.width() - max(0, text - shortest), 0), hint.height())

    def event(self, event: QEvent) -> bool:
        elided = self.width() < self.sizeHint().width()
        return _whole_text_tip(self, event, elided) or super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        spare = self.width() - self.sizeHint().width()
        if spare < 0:
            room = self.fontMetrics().horizontalAdvance(self.text()) + spare
            option.text = self.fontMetrics().elidedText(self.text(),
                                                        Qt.TextElideMode.ElideRight, room)
        painter = QStylePainter(self)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
