"""The decorations find the paragraphs on screen by their geometry: a composition that
wraps onto the last line on screen is not a text position to ask Qt for (it warned
"QTextCursor::setPosition: Position … out of range" at every keystroke)."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.logging import QtLoggingPlugin
from pytestqt.qtbot import QtBot

from writer_app.ui.window.main_window import MainWindow


def test_a_long_composition_at_the_bottom_asks_for_no_position_out_of_range(
        window: MainWindow, qtbot: QtBot, qtlog: QtLoggingPlugin) -> None:
    editor = window.editor
    editor.setPlainText("The ferry left.\n" * 3 + "She watched the harbour go " * 3)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    for count in range(1, 40):
        QApplication.sendEvent(editor, QInputMethodEvent("zhong " * count, []))
        qtbot.waitUntil(lambda: not editor.decorations.pending())
    assert [r.message for r in qtlog.records if "out of range" in r.message] == []
    visible = editor.decorations._visible_blocks()
    assert visible[0] == editor.firstVisibleBlock()
    assert visible[-1] == editor.document().lastBlock()
