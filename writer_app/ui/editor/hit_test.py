"""Which character of the text is drawn at a point of the editor's view.

Qt's own answer (cursorForPosition, and where a click puts the cursor) counts what is
painted in a paragraph's preedit area as text: with ghost text or a proposal on screen, a
point to the right of it maps as many positions too far right as the painted text is
long (a click on "teh" put the cursor inside "cat"; a right-click offered the spelling of
another word). Here the preedit area is taken out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextLine
from PySide6.QtWidgets import QPlainTextEdit

from writer_app.core.utf16_positions import utf16_length


@dataclass(frozen=True)
class Hit:
    """A document position (Qt's), and whether the point is on painted, not real, text
    (then `position` is where that text is painted)."""

    position: int
    on_painted_text: bool = False


def hit_at(editor: QPlainTextEdit, point: QPoint) -> Hit:
    """Return the document position drawn at `point` (viewport coordinates)."""
    block, rect, line = _line_at(editor, point)
    if line is None:
        return Hit(block.position())
    layout = block.layout()
    x = point.x() - rect.left()
    unit = line.xToCursor(x)  # the nearest place between two characters
    painted_at = layout.preeditAreaPosition()
    painted = utf16_length(layout.preeditAreaText())
    on_painted_text = False
    if painted:
        under = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
        on_painted_text = painted_at <= under < painted_at + painted
        if on_painted_text:
            unit = painted_at
        elif unit > painted_at:
            unit = max(painted_at, unit - painted)
    return Hit(block.position() + min(unit, block.length() - 1), on_painted_text)


def on_a_line(editor: QPlainTextEdit, point: QPointF) -> QPointF:
    """Return `point` moved up or down onto the middle of the nearest line where it lies
    between lines (line spacing, the gap after a paragraph). Qt puts a click there at
    the end of one line or the start of the next, wherever along the line it was."""
    _block, rect, line = _line_at(editor, point.toPoint())
    if line is None:
        return point
    top = rect.top() + line.y()
    if top <= point.y() < top + line.height():
        return point
    return QPointF(point.x(), top + line.height() / 2)


def _line_at(editor: QPlainTextEdit, point: QPoint) -> tuple[QTextBlock, QRectF,
                                                              QTextLine | None]:
    """Return the paragraph, its rectangle in the viewport and its line nearest to
    `point` (None for a paragraph not laid out)."""
    block = editor.firstVisibleBlock()
    offset = editor.contentOffset()
    rect = editor.blockBoundingGeometry(block).translated(offset)
    while point.y() >= rect.bottom() and block.next().isValid():
        block = block.next()
        rect = editor.blockBoundingGeometry(block).translated(offset)
    layout = block.layout()
    if layout.lineCount() == 0:
        return block, rect, None
    last = layout.lineAt(layout.lineCount() - 1)
    below = point.y() - (rect.top() + last.rect().bottom())
    following = block.next()
    if below > 0 and following.isValid() and following.layout().lineCount():
        # In the gap after a paragraph: the next one's first line may be nearer.
        next_rect = editor.blockBoundingGeometry(following).translated(offset)
        if next_rect.top() + following.layout().lineAt(0).y() - point.y() < below:
            return following, next_rect, following.layout().lineAt(0)
    y = point.y() - rect.top()
    line = last
    for number in range(layout.lineCount() - 1):
        # Line spacing leaves room between two lines: each takes the half nearer to it.
        if y < (layout.lineAt(number).rect().bottom() + layout.lineAt(number + 1).y()) / 2:
            line = layout.lineAt(number)
            break
    return block, rect, line
