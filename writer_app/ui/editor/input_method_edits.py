"""What an input method's event does to the editor's text, and where the editor is, put
the way Qt's input methods take it.

Qt reports every input method event as a change of the cursor's whole paragraph, so
code that places things by edits (a task's range) needs the change worked out here. And
Qt's input methods take the rectangles an editor reports in the editor's coordinates,
while QPlainTextEdit reports them in its viewport's.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor

from writer_app.core.utf16_positions import utf16_length

_RECTANGLES = (Qt.InputMethodQuery.ImCursorRectangle, Qt.InputMethodQuery.ImAnchorRectangle)


def text_change(event: QInputMethodEvent, cursor: QTextCursor) -> tuple[int, int, int]:
    """Return (position, removed, added), in Qt positions, that Qt's handling of `event`
    makes to the text at `cursor`; (position, 0, 0) when only the composition changes.

    As Qt does it: when input arrives the selection goes, then the commit replaces its
    range (replacementStart counts from where the selection was)."""
    commit = event.commitString()
    replaced = event.replacementLength()
    if not (commit or replaced or event.preeditString()
            != cursor.block().layout().preeditAreaText()):
        return cursor.position(), 0, 0
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    if not (commit or replaced):
        return start, end - start, 0
    at = start + event.replacementStart()
    if at >= start:  # after the selection: where that is before the selection goes
        at += end - start
    first, last = min(start, at), max(end, at + replaced)
    removed = last - first
    return first, removed, removed - (end - start) - replaced + utf16_length(commit)


def to_viewport(argument: Any, viewport: QRect) -> Any:
    """Return a query's point or rectangle argument, given in the editor's coordinates,
    in the viewport's (anything else unchanged)."""
    offset = QPointF(viewport.topLeft())
    if isinstance(argument, QPointF):
        return argument - offset
    if isinstance(argument, QRectF):
        return argument.translated(-offset)
    return argument


def to_editor(query: Qt.InputMethodQuery, value: Any, viewport: QRect) -> Any:
    """Return QPlainTextEdit's answer to `query` in the editor's coordinates; what the
    input method may cover (the clip rectangle) is the viewport, where the text is."""
    if query in _RECTANGLES and isinstance(value, QRectF):
        return value.translated(QPointF(viewport.topLeft()))
    if query == Qt.InputMethodQuery.ImInputItemClipRectangle and isinstance(
            value, QRect | QRectF):
        return QRectF(value).intersected(QRectF(viewport))
    return value
