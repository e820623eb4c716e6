"""A plain-text editor whose paragraphs are set apart (see paragraph_layout), and where
a click between two lines lands on the nearer one, under the mouse."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QMouseEvent, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from writer_app.ui.editor.hit_test import on_a_line
from writer_app.ui.editor.paragraph_layout import ParagraphLayout


class SpacedTextEdit(QPlainTextEdit):
    """A QPlainTextEdit laid out by a ParagraphLayout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A document of its own: QPlainTextEdit's first one has Qt's layout.
        self.paragraphs = ParagraphLayout(QTextDocument(self))
        self.paragraphs.document().setDocumentLayout(self.paragraphs)
        self.setDocument(self.paragraphs.document())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        _pass_on(event, super().mousePressEvent, self)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        _pass_on(event, super().mouseMoveEvent, self)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        _pass_on(event, super().mouseDoubleClickEvent, self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # A press inside a selection places the cursor on release.
        _pass_on(event, super().mouseReleaseEvent, self)


def _pass_on(event: QMouseEvent, handler: Callable[[QMouseEvent], None],
             editor: QPlainTextEdit) -> None:
    """Give Qt's `handler` the event, moved onto the nearest line if it is between two."""
    position = event.position()
    moved = on_a_line(editor, position)
    if moved == position:
        handler(event)
        return
    onto = QMouseEvent(event.type(), moved, event.globalPosition() + (moved - position),
                       event.button(), event.buttons(), event.modifiers())
    handler(onto)
    event.setAccepted(onto.isAccepted())
