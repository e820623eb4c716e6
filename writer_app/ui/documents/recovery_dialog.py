"""Offer back the unsaved documents an app left behind when it crashed or was killed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.document_io import read_document
from writer_app.core.errors import WriterError
from writer_app.core.recovery_journal import RecoveredDocument, discard_recovered
from writer_app.core.text_diff import DifferenceKind, TextDifference, describe_difference
from writer_app.ui.i18n import tx


def text_on_disk(document: RecoveredDocument) -> str | None:
    """Return the text of the writer's file as it is now; None if there is none to read."""
    if document.snapshot.path is None:
        return None
    try:
        return read_document(Path(document.snapshot.path),
                             fallback_encoding=document.snapshot.encoding).text
    except (OSError, WriterError):
        return None


def difference_of(document: RecoveredDocument) -> TextDifference:
    return describe_difference(text_on_disk(document), document.snapshot.text)


def _when(seconds: float) -> str:
    moment = QDateTime.fromSecsSinceEpoch(int(seconds))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


class RecoveryDialog(QDialog):
    """List recovered documents, show each one's difference from its file, and let the
    writer restore or discard them one by one. Closing keeps the rest for later."""

    def __init__(self, documents: list[RecoveredDocument],
                 restore: Callable[[RecoveredDocument], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tx("RecoveryDialog", "Recover Unsaved Documents"))
        self.resize(720, 520)
        self._restore = restore
        intro = QLabel(
            tx("RecoveryDialog", "Local Writer did not close normally last time. These "
                                 "documents had changes that were not saved. Restore one to "
                                 "keep working on it, or discard it."))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setFont(QFont("monospace"))
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(tx("RecoveryDialog", "&Restore"))
        self.discard_button = QPushButton(tx("RecoveryDialog", "&Discard"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        later = buttons.addButton(tx("RecoveryDialog", "Decide &Later"),
                                  QDialogButtonBox.ButtonRole.RejectRole)
        later.setToolTip(tx("RecoveryDialog", "Keep the copies; File → Recover Unsaved "
                                              "Documents shows them again."))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 2)
        layout.addWidget(buttons)
        for document in documents:
            where = document.snapshot.path or tx("RecoveryDialog", "never saved")
            item = QListWidgetItem(f"{document.name} — {where} — {_when(document.written_at)}")
            item.setData(Qt.ItemDataRole.UserRole, document)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.restore_button.clicked.connect(self.restore_current)
        self.discard_button.clicked.connect(self.discard_current)
        buttons.rejected.connect(self.reject)
        self.list.setCurrentRow(0)

    def current(self) -> RecoveredDocument | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _show_current(self) -> None:
        document = self.current()
        self.preview.clear()
        if document is None:
            self.summary.setText("")
            return
        difference = difference_of(document)
        self.summary.setText(self.difference_summary(difference))
        cursor = self.preview.textCursor()
        for line in difference.lines:
            text_format = QTextCharFormat()
            if line.startswith("+"):
                text_format.setBackground(QColor(60, 170, 80, 60))
            elif line.startswith("-"):
                text_format.setBackground(QColor(220, 60, 60, 60))
            cursor.insertText(line + "\n", text_format)
        self.preview.moveCursor(QTextCursor.MoveOperation.Start)

    def difference_summary(self, difference: TextDifference) -> str:
        """Say in the interface's language how the recovered text differs from its file."""
        figures = difference.figures
        if difference.kind is DifferenceKind.NEVER_SAVED:
            return tx("RecoveryDialog", "Never saved: {words}, {characters}.").format(
                words=self.tr("%Ln character(s)", "the count: each Chinese or Japanese "
                              "character and each word of other scripts once", figures[0])
                if difference.counted_in_characters else self.tr("%Ln word(s)", "", figures[0]),
                characters=self.tr("%Ln character(s)", "", figures[1]))
        if difference.kind is DifferenceKind.IDENTICAL:
            return tx("RecoveryDialog", "Identical to the file on disk.")
        if difference.kind is DifferenceKind.TOO_LONG:
            return tx("RecoveryDialog", "Differs from the file on disk: {here} here, {disk} on "
                                        "disk.").format(
                here=self.tr("%Ln character(s)", "", figures[0]),
                disk=self.tr("%Ln character(s)", "", figures[1]))
        return tx("RecoveryDialog", "Differs from the file on disk: {added}, {removed}.").format(
            added=self.tr("%Ln line(s) added or changed", "", figures[0]),
            removed=self.tr("%Ln line(s) removed or changed", "", figures[1]))

    def restore_current(self) -> None:
        document = self.current()
        if document is not None and self._restore(document):
            self._remove_current()

    def discard_current(self) -> None:
        document = self.current()
        if document is not None:
            discard_recovered(document)
            self._remove_current()

    def _remove_current(self) -> None:
        self.list.takeItem(self.list.currentRow())
        if self.list.count() == 0:
            self.accept()
        else:
            self._show_current()
