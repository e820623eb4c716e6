"""Right-to-left text: ghost text continues on the writer's side of the cursor, to the
left in Arabic and Hebrew, to the right in English."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.editor.test_ghost_text import ask
from tests.ui.fakes import FakeBridge
from writer_app.ui.window.main_window import MainWindow


def ghost_extent(window: MainWindow) -> tuple[float, float]:
    """Return the x where the ghost text starts (at the cursor) and where it ends."""
    window.editor.viewport().repaint()  # lays out the line that holds the ghost text
    cursor = window.editor.textCursor()
    layout = cursor.block().layout()
    start = cursor.positionInBlock()
    end = start + len(layout.preeditAreaText())
    line = layout.lineForTextPosition(start)
    assert line.isValid()
    assert layout.lineForTextPosition(end).lineNumber() == line.lineNumber()
    return line.cursorToX(start)[0], line.cursorToX(end)[0]


@pytest.mark.parametrize(("text", "suggestion", "right_to_left"), [
    ("الرجل العجوز", " صعد الدرج.", True),
    ("הזקן עלה", " במדרגות.", True),
    ("The old keeper", " climbed the stairs.", False),
])
def test_ghost_text_shows_on_the_side_the_script_is_written(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge,
        *, text: str, suggestion: str, right_to_left: bool) -> None:
    window.editor.insertPlainText(text)
    ask(qtbot, window)
    fake_bridge.stream(suggestion)
    assert window.editor.ghost_text() == suggestion
    block = window.editor.textCursor().block()
    assert block.textDirection().name == ("RightToLeft" if right_to_left else "LeftToRight")
    start, end = ghost_extent(window)
    assert (end < start) if right_to_left else (end > start), (start, end)
    width = window.editor.textCursor().block().layout().boundingRect().width()
    assert end > 0
    assert start < width + 1
