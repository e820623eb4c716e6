"""A find and replace bar under the editor, as in most writing apps."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from writer_app.ui.editor.ghost_editor import GhostTextEdit
from writer_app.ui.i18n import tx


class FindBar(QWidget):
    """Find, find again, replace and replace all in one plain-text editor."""

    closed = Signal()

    def __init__(self, editor: GhostTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self.find_field = QLineEdit(placeholderText=tx("FindBar", "Find"))
        self.replace_field = QLineEdit(placeholderText=tx("FindBar", "Replace with"))
        self.case_box = QCheckBox(tx("FindBar", "Match case"))
        self.status = QLabel()
        previous_button = QPushButton(tx("FindBar", "Previous"))
        next_button = QPushButton(tx("FindBar", "Next"))
        replace_button = QPushButton(tx("FindBar", "Replace"))
        replace_all_button = QPushButton(tx("FindBar", "Replace All"))
        close_button = QPushButton(tx("FindBar", "Done"))
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.find_field, 0, 0)
        layout.addWidget(previous_button, 0, 1)
        layout.addWidget(next_button, 0, 2)
        layout.addWidget(self.case_box, 0, 3)
        layout.addWidget(close_button, 0, 4)
        layout.addWidget(self.replace_field, 1, 0)
        layout.addWidget(replace_button, 1, 1)
        layout.addWidget(replace_all_button, 1, 2)
        layout.addWidget(self.status, 1, 3, 1, 2)
        layout.setColumnStretch(0, 1)
        self.find_field.returnPressed.connect(self.find_next)
        self.replace_field.returnPressed.connect(self.replace_one)
        next_button.clicked.connect(self.find_next)
        previous_button.clicked.connect(self.find_previous)
        replace_button.clicked.connect(self.replace_one)
        replace_all_button.clicked.connect(self.replace_all)
        close_button.clicked.connect(self.close_bar)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def open_bar(self, with_replace: bool) -> None:
        """Show the bar and put the cursor in its find field."""
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_field.setText(selected)
        self.replace_field.setVisible(with_replace)
        self.show()
        self.find_field.setFocus()
        self.find_field.selectAll()

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self._editor.setFocus()
        self.closed.emit()

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case_box.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _find(self, backward: bool) -> bool:
        needle = self.find_field.text()
        if not needle:
            return False
        document = self._editor.document()
        found = document.find(needle, self._editor.textCursor(), self._flags(backward))
        if found.isNull():  # wrap around
            start = QTextCursor(document)
            if backward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(needle, start, self._flags(backward))
        if found.isNull():
            self.status.setText(tx("FindBar", "Not found"))
            return False
        self.status.setText("")
        self._editor.setTextCursor(found)
        return True

    @Slot()
    def find_next(self) -> bool:
        return self._find(backward=False)

    @Slot()
    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _selection_matches(self) -> bool:
        selected = self._editor.textCursor().selectedText()
        needle = self.find_field.text()
        if self.case_box.isChecked():
            return selected == needle
        return selected.casefold() == needle.casefold()

    @Slot()
    def replace_one(self) -> None:
        """Replace the current match, then move to the next one."""
        if self.find_field.text() and self._selection_matches():
            self._editor.textCursor().insertText(self.replace_field.text())
        self.find_next()

    @Slot()
    def replace_all(self) -> int:
        """Replace every match as one undo step; return how many were replaced."""
        needle = self.find_field.text()
        if not needle:
            return 0
        document = self._editor.document()
        count = 0
        with self._editor.edit_block(QTextCursor(document)):
            found = document.find(needle, 0, self._flags())
            while not found.isNull():
                found.insertText(self.replace_field.text())
                count += 1
                found = document.find(needle, found, self._flags())
        self.status.setText(tx("FindBar", "Replaced {count}").format(count=count) if count
                            else tx("FindBar", "Not found"))
        return count
