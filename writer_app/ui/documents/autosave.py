"""Keep a recovery copy of the open document within a second of each change.

The copy goes to the app's data folder through the recovery journal, never to the
writer's own file: saving stays the writer's choice. Ghost text and task proposals are
painted, not part of the document, so they never reach the copy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QTextDocument

from writer_app.core.recovery_journal import RecoveryJournal, Snapshot
from writer_app.ui.i18n import say

# One copy at most this long after the first change of a burst (the bound is 2 s;
# the rest is margin for a slow disk). Timed from the first change, not the last, so
# steady typing cannot postpone the copy.
COPY_DELAY_MS = 1000


class Autosaver(QObject):
    """Write the document's recovery copy after changes; drop it when saved or discarded."""

    failed = Signal(str)  # a message for the writer: the copy could not be written

    def __init__(self, document: QTextDocument, recovery_dir: Path,
                 snapshot: Callable[[], Snapshot], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._snapshot = snapshot
        self.journal = RecoveryJournal(recovery_dir, on_error=self._report)
        self.document_id = self.journal.new_document_id()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COPY_DELAY_MS)
        self._timer.timeout.connect(self.copy_now)
        document.contentsChanged.connect(self._on_contents_changed)

    def _report(self, message: str) -> None:
        try:
            # From the journal's thread, queued to the GUI; a signal carries plain text.
            self.failed.emit(say(message))
        except RuntimeError:
            pass  # the window is gone; so is anyone to tell

    @Slot()
    def _on_contents_changed(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def copy_now(self) -> None:
        """Write the copy now if the document has unsaved changes, else drop it."""
        self._timer.stop()
        if self._document.isModified():
            self.journal.record(self.document_id, self._snapshot())
        else:
            self.journal.discard(self.document_id)

    def document_saved(self) -> None:
        self._timer.stop()
        self.journal.discard(self.document_id)

    def document_replaced(self) -> None:
        """The writer saved or discarded the document and another took its place."""
        self.document_saved()
        self.document_id = self.journal.new_document_id()

    def close(self) -> None:
        """Finish queued copies and release the session (at quit)."""
        self._timer.stop()
        self.journal.close()
