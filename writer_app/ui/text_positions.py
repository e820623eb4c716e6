"""The one seam between Python's indices and Qt's positions in the editor.

What draws on the text, and what replaces a word in it, thinks in Python indices of a
paragraph's text (words, Markdown spans, a suggestion); Qt's format ranges and cursors
count UTF-16 units. Every format range and every cursor made from a Python index is made
here, through core.utf16_positions, so no caller adds a Python length to a Qt position.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextCursor, QTextLayout

from writer_app.core.utf16_positions import Utf16Text, utf16_length


@dataclass(frozen=True, slots=True)
class Decoration:
    """A format for the characters text[start:end] of a paragraph (Python indices)."""

    start: int
    end: int
    format: QTextCharFormat


def format_ranges(text: Utf16Text,
                  decorations: list[Decoration]) -> list[QTextLayout.FormatRange]:
    """Return `decorations` of the paragraph `text` as Qt's format ranges."""
    ranges = []
    for decoration in decorations:
        start, length = text.span(decoration.start, decoration.end)
        if length > 0:
            ranges.append(qt_range(start, length, decoration.format))
    return ranges


def preedit_range(offset: int, shown: str,
                  text_format: QTextCharFormat) -> QTextLayout.FormatRange:
    """Return the range that covers `shown`, put in a preedit area at Qt `offset`."""
    return qt_range(offset, utf16_length(shown), text_format)


def qt_range(start: int, length: int, text_format: QTextCharFormat) -> QTextLayout.FormatRange:
    """Return a format range from Qt positions (already converted)."""
    made = QTextLayout.FormatRange()
    made.start = start
    made.length = length
    made.format = text_format
    return made


def index_in_block(block: QTextBlock, position: int) -> int:
    """Return the Python index in `block.text()` of the document's Qt `position`."""
    return Utf16Text(block.text()).index(position - block.position())


def select_in_block(block: QTextBlock, start: int, end: int) -> QTextCursor:
    """Return a cursor selecting block.text()[start:end] (Python indices)."""
    first, length = Utf16Text(block.text()).span(start, end)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + first)
    cursor.setPosition(block.position() + first + length, QTextCursor.MoveMode.KeepAnchor)
    return cursor
