"""The editor's text is copied out of the document once per edit and shared by every
reader of a pause; no reader may ever get the text as it was before an edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.window.main_window import MainWindow


def test_every_kind_of_edit_reaches_the_next_reader(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.editor
    editor.setPlainText("One\u00a0two")
    assert document_text(editor) == "One\u00a0two"  # no-break space kept
    assert document_text(editor) is document_text(editor)  # one copy, shared

    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "x")
    assert document_text(editor) == "One\u00a0twox"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert document_text(editor) == "One\u00a0twox\n"

    editor.undo()
    editor.undo()
    assert document_text(editor) == "One\u00a0two"

    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(3, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText("Two")  # the same length: only the edit itself tells
    assert document_text(editor) == "Two\u00a0two"


def test_a_read_inside_an_edit_block_sees_the_edit(window: MainWindow) -> None:
    # contentsChange comes only when the block ends; the length still tells.
    editor = window.editor
    editor.setPlainText("abc")
    assert document_text(editor) == "abc"
    cursor = editor.textCursor()
    cursor.beginEditBlock()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("def\n😀")
    assert document_text(editor) == "abcdef\n😀"
    cursor.endEditBlock()
    assert document_text(editor) == "abcdef\n😀"


def test_ghost_text_is_never_part_of_it(window: MainWindow) -> None:
    editor = window.editor
    editor.setPlainText("The ferry")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    assert editor.show_ghost(editor.textCursor().position(), " crossed")
    assert document_text(editor) == "The ferry"
    editor.clear_ghost()
    assert document_text(editor) == "The ferry"


def test_a_read_inside_an_edit_block_sees_an_edit_that_keeps_the_length(
        window: MainWindow) -> None:
    # Neither a signal nor the length tells of it: the editor's own edit blocks do.
    editor = window.editor
    editor.setPlainText("abc def")
    assert document_text(editor) == "abc def"
    cursor = editor.textCursor()
    with editor.edit_block(cursor):
        cursor.setPosition(0)
        cursor.setPosition(3, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText("xyz")
        assert document_text(editor) == "xyz def"
        cursor.setPosition(0)
        cursor.setPosition(2, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText("😀")  # two UTF-16 units for two: the same length to Qt
        assert document_text(editor) == "😀z def"
    assert document_text(editor) == "😀z def"
    editor.undo()
    assert document_text(editor) == "abc def"  # one undo step
