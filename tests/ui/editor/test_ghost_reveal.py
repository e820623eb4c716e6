"""Ghost text past the window's bottom edge is scrolled into view, the cursor kept."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from writer_app.ui.window.main_window import MainWindow

STORY = "\n\n".join(f"Paragraph {n}: the keeper climbed the stairs and lit the lamp, "
                    "and the light went out over the water." for n in range(60))
GHOST = (" He waited for the boat.\n\nIn the morning the sea was calm, and the gulls "
         "came back to the rocks below the tower, one by one, until the ledge was white.")


def at_end(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.editor
    editor.setPlainText(STORY)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.ensureCursorVisible()
    qtbot.wait(50)


def ghost_bottom(window: MainWindow) -> float:
    editor = window.editor
    block = editor.document().lastBlock()
    return editor.blockBoundingGeometry(block).translated(editor.contentOffset()).bottom()


def test_ghost_text_below_the_bottom_edge_is_scrolled_into_view(
        qtbot: QtBot, window: MainWindow) -> None:
    window.resize(800, 500)
    window.show()
    qtbot.waitExposed(window)
    at_end(qtbot, window)
    editor = window.editor
    height = editor.viewport().height()
    before = editor.verticalScrollBar().value()
    editor.show_ghost(len(STORY), GHOST)
    assert editor.verticalScrollBar().value() > before
    assert ghost_bottom(window) <= height  # all of it shows
    cursor = editor.cursorRect()
    assert cursor.top() >= 0
    assert cursor.bottom() <= height  # and the line the writer types in still does


def test_a_writer_reading_elsewhere_is_not_moved(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(800, 500)
    window.show()
    qtbot.waitExposed(window)
    at_end(qtbot, window)
    editor = window.editor
    editor.verticalScrollBar().setValue(0)  # scrolled up to read the start
    editor.show_ghost(len(STORY), GHOST)
    assert editor.verticalScrollBar().value() == 0
