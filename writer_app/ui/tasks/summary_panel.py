"""The summary panel: a summary streams in beside the text, to insert, copy or use in
place of the selection."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from writer_app.ui.editor.ghost_editor import GhostTextEdit
from writer_app.ui.i18n import tx


class SummaryPanel(QDockWidget):
    """A dock with the latest summary and what to do with it."""

    def __init__(self, editor: GhostTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(tx("SummaryPanel", "Summary"), parent)
        self.setObjectName("summary-panel")
        self._editor = editor
        self.text_view = QPlainTextEdit()
        self.text_view.setReadOnly(True)
        self.insert_button = QPushButton(tx("SummaryPanel", "&Insert at Cursor"))
        self.copy_button = QPushButton(tx("SummaryPanel", "&Copy"))
        self.replace_button = QPushButton(tx("SummaryPanel", "&Replace Selection"))
        self.insert_button.clicked.connect(self.insert_at_cursor)
        self.copy_button.clicked.connect(self.copy)
        self.replace_button.clicked.connect(self.replace_selection)
        buttons = QHBoxLayout()
        for button in (self.insert_button, self.copy_button, self.replace_button):
            buttons.addWidget(button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.text_view)
        layout.addLayout(buttons)
        self.setWidget(body)

    def show_text(self, text: str) -> None:
        self.text_view.setPlainText(text)
        self.show()

    def text(self) -> str:
        return self.text_view.toPlainText()

    def insert_at_cursor(self) -> None:
        """Insert the summary at the editor's cursor (one undo step)."""
        cursor = self._editor.textCursor()
        cursor.clearSelection()
        cursor.insertText(self.text())
        self._editor.setTextCursor(cursor)

    def replace_selection(self) -> None:
        """Put the summary in place of the editor's selection (one undo step)."""
        cursor = self._editor.textCursor()
        if cursor.hasSelection():
            cursor.insertText(self.text())
            self._editor.setTextCursor(cursor)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text())
