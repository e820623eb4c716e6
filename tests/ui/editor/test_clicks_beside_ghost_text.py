"""A click, or a right-click, on the writer's text beside ghost text or a proposal lands
on the character drawn there: Qt counts the painted text as text and landed as many
characters too far right as it is long (a click on "teh" put the cursor in "cat"; a
right-click on "over" offered to correct "teh")."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from tests.ui.spelling.test_spelling_window import settle
from writer_app.core.utf16_positions import position_at, utf16_length
from writer_app.ui.editor.hit_test import Hit, hit_at
from writer_app.ui.window.main_window import MainWindow

TEXT = "Hello 😀 there over the teh cat sat."
GHOST = " wonderful 😀 world"


def drawn_at(window: MainWindow, index: int, text: str = TEXT,
             in_ghost: bool = False) -> QPoint:
    """Return where the middle of text[index] is drawn, ghost text included (or of the
    ghost text's first character, `in_ghost`)."""
    editor = window.editor
    block = editor.document().firstBlock()
    layout = block.layout()
    unit = position_at(text, index)
    if in_ghost:
        unit = layout.preeditAreaPosition()
    elif layout.preeditAreaText() and unit >= layout.preeditAreaPosition():
        unit += utf16_length(layout.preeditAreaText())
    line = layout.lineForTextPosition(unit)
    assert line.isValid()
    rect = editor.blockBoundingGeometry(block).translated(editor.contentOffset())
    width = 2 if text[index:index + 1] > "\uffff" and not in_ghost else 1
    x = (line.cursorToX(unit)[0] + line.cursorToX(unit + width)[0]) / 2
    return QPoint(round(rect.left() + x), round(rect.top() + line.rect().center().y()))


def with_ghost(window: MainWindow, qtbot: QtBot) -> None:
    editor = window.editor
    editor.setPlainText(TEXT)
    cursor = editor.textCursor()
    cursor.setPosition(position_at(TEXT, len("Hello 😀")))
    editor.setTextCursor(cursor)
    settle(window, qtbot)
    assert editor.show_ghost(cursor.position(), GHOST)
    layout = editor.document().firstBlock().layout()
    editor.viewport().repaint()  # lays the paragraph out again, ghost text included
    qtbot.waitUntil(lambda: layout.lineCount() > 0 and layout.preeditAreaText() != "")


def test_a_click_beside_ghost_text_puts_the_cursor_where_the_writer_clicked(
        window: MainWindow, qtbot: QtBot) -> None:
    with_ghost(window, qtbot)
    index = TEXT.index("teh") + 1
    qtbot.mouseClick(window.editor.viewport(), Qt.MouseButton.LeftButton,
                     pos=drawn_at(window, index))
    assert window.editor.textCursor().position() in (position_at(TEXT, index),
                                                     position_at(TEXT, index + 1))
    assert window.editor.ghost_text() == ""


def spelling_entries(window: MainWindow, point: QPoint) -> list[str]:
    menu = QMenu()
    menu.addAction("Undo")
    window.spelling.add_to_context_menu(menu, point)
    return [action.text() for action in menu.actions()][:-2]


def test_a_right_click_beside_ghost_text_corrects_the_word_clicked(
        window: MainWindow, qtbot: QtBot) -> None:
    with_ghost(window, qtbot)
    assert spelling_entries(window, drawn_at(window, TEXT.index("over") + 1)) == []
    assert spelling_entries(window, drawn_at(window, len("Hello 😀") + 3)) == []  # ghost
    menu = QMenu()
    menu.addAction("Undo")
    window.spelling.add_to_context_menu(menu, drawn_at(window, TEXT.index("teh") + 1))
    the = [action for action in menu.actions() if action.text() == "the"]
    assert the
    the[0].trigger()
    assert window.editor.toPlainText() == TEXT.replace("teh", "the")


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.sampled_from([*"ab ,", "😀", "𠀀", "中"]), min_size=1, max_size=30),
       ghost=st.text(st.sampled_from([*"xy ", "😀", "𝔸"]), min_size=1, max_size=12),
       data=st.data())
def test_every_character_beside_ghost_text_is_found_where_it_is_drawn(
        window: MainWindow, qtbot: QtBot, text: str, ghost: str, data: st.DataObject) -> None:
    editor = window.editor
    editor.setPlainText(text)
    at = data.draw(st.integers(0, len(text)))
    cursor = editor.textCursor()
    cursor.setPosition(position_at(text, at))
    editor.setTextCursor(cursor)
    assert editor.show_ghost(cursor.position(), ghost)
    layout = editor.document().firstBlock().layout()
    editor.viewport().repaint()
    qtbot.waitUntil(lambda: layout.lineCount() > 0 and layout.preeditAreaText() != "")
    for index in range(len(text)):
        hit = hit_at(editor, drawn_at(window, index, text))
        assert not hit.on_painted_text
        assert hit.position in (position_at(text, index), position_at(text, index + 1))
    middle = drawn_at(window, at, text, in_ghost=True)
    assert hit_at(editor, middle) == Hit(position_at(text, at), on_painted_text=True)
