"""Line spacing, a gap between paragraphs or a first-line indent, in the plain-text editor.

QPlainTextEdit lays its text out with QPlainTextDocumentLayout, which ignores a block's
margins, indent and line height (QTextEdit's layout honours them, but lays out the whole
document up front: too slow for a book on every key). Its layout of a paragraph is
private, but everything the editor paints, scrolls, places the cursor and hit-tests by
asks the virtual blockBoundingRect first. So here that asks Qt for the paragraph's layout,
then moves its lines apart (line spacing), lays its first line out again narrower where it
is indented, and makes the paragraph taller by the gap after it. Each step checks what
is there before it changes anything.

The view asks often: on a key press Qt walks back a screenful of paragraphs from the
end of the document to size the scroll bar, twice. A paragraph's rectangle is kept until
Qt lays it out again (its first line moves back, its text or width changes) or something
else changes every paragraph (the look, the font, Markdown, the number of paragraphs).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontInfo, QTextBlock, QTextDocument, QTextLayout
from PySide6.QtWidgets import QPlainTextDocumentLayout

from writer_app.core.paragraph_look import ParagraphLook, ParagraphStyle, indent_ems
from writer_app.core.utf16_positions import utf16_length

_SAME = 0.01  # pixels: positions this close are the same


class ParagraphLayout(QPlainTextDocumentLayout):
    """A QPlainTextDocumentLayout that sets paragraphs apart as a ParagraphLook says."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._look = ParagraphLook()
        # Whether the text is Markdown, and whether a paragraph is inside fenced code:
        # neither is indented as prose.
        self.markdown: Callable[[], bool] = lambda: False
        self.in_code: Callable[[int], bool] = lambda _number: False
        # By paragraph number: what its layout looked like when measured, and the result.
        self._known: dict[int, tuple[tuple[object, ...], QRectF]] = {}
        self._blocks = document.blockCount()

    def set_look(self, look: ParagraphLook) -> None:
        if look == self._look:
            return
        self._look = look
        self.forget()
        # Every paragraph's height changes; the view asks again on its next paint.
        self.documentSizeChanged.emit(self.documentSize())
        self.requestUpdate()

    def forget(self, *_changed: object) -> None:
        """Measure every paragraph again: what sets them apart has changed (the font,
        whether the text is Markdown, where fenced code is)."""
        self._known.clear()

    def documentChanged(self, position: int, removed: int, added: int) -> None:
        super().documentChanged(position, removed, added)
        # Paragraphs are kept by number: one more or fewer renumbers those after it.
        if self.document().blockCount() != self._blocks:
            self._blocks = self.document().blockCount()
            self._known.clear()

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        layout = block.layout()
        number = block.blockNumber()
        known = self._known.get(number)
        if known is not None and layout.lineCount() and known[0] == _state(block, layout):
            return QRectF(known[1])
        if layout.lineCount() == 0:
            self.ensureBlockLayout(block)
        if layout.lineCount() == 0 or not block.isVisible():
            return super().blockBoundingRect(block)
        starts = self._paragraph_starts(block, layout)
        self._indent(block, layout, starts)
        bottom = self._space_lines(layout, starts)
        rect = super().blockBoundingRect(block)
        # Qt's rectangle ends at the last line's foot (and the document margin after
        # the last paragraph); the line spacing's share below it and the gap come on top.
        last = layout.lineAt(layout.lineCount() - 1)
        extra = bottom - (last.y() + last.height())
        # None after the last (one added after it changes the count, and all are measured
        # again).
        if block.next().isValid():
            extra += self._look.gap_lines * layout.lineAt(0).height()
        rect.setHeight(rect.height() + extra)
        self._known[number] = (_state(block, layout), QRectF(rect))
        return rect

    def _paragraph_starts(self, block: QTextBlock, layout: QTextLayout) -> dict[int, float]:
        """Where paragraphs start in the block's layout, as {position: indent in pixels}:
        the block's own start, and after each line separator of ghost text or a proposal
        (painted text that starts a paragraph looks as it will once accepted)."""
        indented = self._look.style is ParagraphStyle.INDENTED and not self.in_code(
            block.blockNumber())
        em = QFontInfo(self.document().defaultFont()).pixelSize() if indented else 0
        markdown = self.markdown() if indented else False
        starts = {0: em * indent_ems(block.text(), markdown) if indented else 0.0}
        painted = layout.preeditAreaText()
        if "\u2028" in painted:
            at = layout.preeditAreaPosition()
            for before, piece in pairwise(painted.split("\u2028")):
                at += utf16_length(before) + 1  # just after the separator
                starts[at] = em * indent_ems(piece, markdown) if indented else 0.0
        return starts

    def _indent(self, block: QTextBlock, layout: QTextLayout, starts: dict[int, float]) -> None:
        """Lay the lines out again where a paragraph's first line should be indented and
        is not, or is and should not be."""
        margin = self.document().documentMargin()
        if all(abs(line.x() - margin - starts.get(line.textStart(), 0.0)) < _SAME
               for line in map(layout.lineAt, range(layout.lineCount()))):
            return
        # As Qt's own layout of a paragraph, but with first lines narrower.
        first = layout.lineAt(0)
        width = first.width() + first.x() - margin
        lines_before = layout.lineCount()
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLeadingIncluded(True)
            shift = starts.get(line.textStart(), 0.0)
            line.setLineWidth(width - shift)
            line.setPosition(QPointF(margin + shift, 0.0))
        layout.endLayout()
        if layout.lineCount() != lines_before:
            # The view scrolls by lines: it must count the one the indent pushed over.
            block.setLineCount(layout.lineCount())
            self.documentSizeChanged.emit(self.documentSize())

    def _space_lines(self, layout: QTextLayout, starts: dict[int, float]) -> float:
        """Put the lines `line_spacing` line heights apart, each line's text in the
        middle of its share, and a paragraph's gap before each painted paragraph; return
        the bottom of the last share."""
        spacing = self._look.line_spacing
        y = 0.0
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            height = line.height()
            if number and line.textStart() in starts:
                y += self._look.gap_lines * layout.lineAt(number - 1).height()
            share = height * spacing
            top = y + (share - height) / 2
            if abs(line.y() - top) >= _SAME:
                line.setPosition(QPointF(line.x(), top))
            y += share
        return y


def _state(block: QTextBlock, layout: QTextLayout) -> tuple[object, ...]:
    """What a paragraph's rectangle depends on that Qt may change behind the layout's back:
    its text and what is painted in it, and a new layout by Qt (its first or last line
    back where Qt puts them, or another width, number of lines or font)."""
    first = layout.lineAt(0)
    last = layout.lineAt(layout.lineCount() - 1)
    return (block.revision(), layout.lineCount(), first.x(), first.y(), first.width(),
            first.height(), last.x(), last.y(), layout.preeditAreaText())
