"""Ghost text that runs past the window's bottom edge is scrolled into view.

A writer at the end of a long document has the cursor's line at the bottom of the
window; a suggestion that goes on past the line (or starts a new paragraph) would be
drawn below the edge, unseen. QPlainTextEdit scrolls by lines: the text moves up line by
line until the ghost text's end shows, or until one more line would take the cursor's
line off the top. A writer who has scrolled away from the cursor (reading elsewhere) is
never moved.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QPlainTextEdit

# Enough for any suggestion: the loop below ends far sooner.
_MOST_LINES = 200


def reveal(editor: QPlainTextEdit, block: QTextBlock) -> None:
    """Scroll `editor` so that `block` (laid out with the ghost text) ends on screen,
    keeping the cursor's line on screen; repaint it either way."""
    editor.viewport().update()
    height = editor.viewport().height()
    cursor = editor.cursorRect()
    if cursor.top() < 0 or cursor.bottom() > height:
        return  # the writer is reading elsewhere, or the cursor is not placed yet

    def overflow() -> float:
        geometry = editor.blockBoundingGeometry(block).translated(editor.contentOffset())
        return geometry.bottom() - height

    bar = editor.verticalScrollBar()
    for _ in range(_MOST_LINES):
        if overflow() <= 0 or bar.value() >= bar.maximum():
            return
        line = editor.cursorRect().height()
        if editor.cursorRect().top() - line < 0:
            return  # one more line up and the cursor's line would leave the window
        bar.setValue(bar.value() + 1)
