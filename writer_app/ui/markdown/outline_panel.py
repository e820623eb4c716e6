"""View → Outline: the document's Markdown headings beside the text, kept up to date
as the writer types; a click goes to the heading."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QWidget

from writer_app.core.markdown_outline import Heading, outline
from writer_app.ui.editor.ghost_editor import GhostTextEdit, document_text
from writer_app.ui.i18n import tx

# Headings are found again this long after typing pauses (a book takes milliseconds).
REFRESH_MS = 300


class OutlinePanel(QDockWidget):
    """A dock listing the headings, indented by level."""

    def __init__(self, editor: GhostTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(tx("Outline", "Outline"), parent)
        self.setObjectName("outline-panel")
        self._editor = editor
        self.markdown = False
        self.headings: list[Heading] = []
        self.list = QListWidget()
        self.list.itemActivated.connect(self._go_to)
        self.list.itemClicked.connect(self._go_to)
        self.setWidget(self.list)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._following = False  # whether edits restart the timer
        self.visibilityChanged.connect(self._on_visibility_changed)

    def set_markdown(self, markdown: bool) -> None:
        self.markdown = markdown
        self.refresh()

    @Slot(bool)
    def _on_visibility_changed(self, shown: bool) -> None:
        # Kept up to date only while shown: a slot on the document runs on every key.
        if shown != self._following:
            changed = self._editor.document().contentsChanged
            if shown:
                changed.connect(self._timer.start)
            else:
                changed.disconnect(self._timer.start)
            self._following = shown
        if shown:
            self.refresh()
        else:
            self._timer.stop()

    @Slot()
    def refresh(self) -> None:
        """List the headings as the text has them now."""
        text = document_text(self._editor) if self.markdown else ""
        headings = outline(text.split("\n")) if text else []
        if headings == self.headings and self.list.count() == len(headings):
            return
        self.headings = headings
        self.list.clear()
        for heading in headings:
            item = QListWidgetItem("    " * (heading.level - 1) + heading.title)
            item.setData(Qt.ItemDataRole.UserRole, heading.line)
            self.list.addItem(item)
        if not headings:
            words = (tx("Outline", "No headings yet: a line that starts with # is one.")
                     if self.markdown else
                     tx("Outline", "The outline lists the headings of Markdown (.md) files."))
            item = QListWidgetItem(words)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)

    @Slot(QListWidgetItem)
    def _go_to(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if line is None:
            return
        block = self._editor.document().findBlockByNumber(int(line))
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        self._editor.setTextCursor(cursor)
        self._editor.centerCursor()
        self._editor.setFocus()
