"""The writing column: the text stays a readable width, centred, however wide the window."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QPlainTextEdit

WRITING_COLUMN_CHARS = 72


def center_column(editor: QPlainTextEdit) -> None:
    """Give `editor` side margins that centre a column of WRITING_COLUMN_CHARS."""
    column = QFontMetricsF(editor.font()).averageCharWidth() * WRITING_COLUMN_CHARS
    column += 2 * editor.document().documentMargin()
    available = editor.width() - editor.verticalScrollBar().sizeHint().width()
    side = int(max(0.0, available - column) / 2)
    if editor.viewportMargins().left() == side:
        return
    editor.setViewportMargins(side, 16, side, 0)
    # New margins do not re-wrap text that is already laid out; switching the wrap
    # mode does. Only a resize that moves the column gets here.
    editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    editor.updateMicroFocus()  # the cursor moved on the screen: tell the input method
