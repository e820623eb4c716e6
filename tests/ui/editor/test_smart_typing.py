"""Smart quotes and dashes in the real window: replaced as the writer types, each
replacement its own undo step, off in Preferences, and placed right after an emoji."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence, QTextCursor
from pytestqt.qtbot import QtBot

from writer_app.ui.window.main_window import MainWindow


def test_quotes_and_dashes_as_the_writer_types(qtbot: QtBot, window: MainWindow) -> None:
    window.spelling.language = "en_US"
    qtbot.keyClicks(window.editor, 'She said, "It\'s ')
    window.editor.insertPlainText("😀")  # QTest cannot type what is outside the BMP
    qtbot.keyClicks(window.editor, ' late--go."')
    assert window.editor.toPlainText() == "She said, “It’s 😀 late—go.”"


def test_undo_right_after_gives_back_what_was_typed(qtbot: QtBot, window: MainWindow) -> None:
    window.spelling.language = "en_US"
    qtbot.keyClicks(window.editor, 'He said "')
    assert window.editor.toPlainText() == "He said “"
    qtbot.keySequence(window.editor, QKeySequence.StandardKey.Undo)
    assert window.editor.toPlainText() == 'He said "'
    qtbot.keyClicks(window.editor, "no")
    assert window.editor.toPlainText() == 'He said "no'


def test_the_documents_language_chooses_the_marks_and_preferences_turn_it_off(
        qtbot: QtBot, window: MainWindow) -> None:
    window.spelling.language = "de_DE"
    qtbot.keyClicks(window.editor, 'Er sagte "Ja"')
    assert window.editor.toPlainText() == "Er sagte „Ja“"
    window.settings.smart_punctuation = False
    window.smart_typing.enabled = False
    qtbot.keyClicks(window.editor, ' "so"')
    assert window.editor.toPlainText() == 'Er sagte „Ja“ "so"'


def test_quotes_and_dashes_in_markdown_code_stay_as_typed(qtbot: QtBot, window: MainWindow,
                                                          tmp_path: Path) -> None:
    window.spelling.language = "en_US"
    path = tmp_path / "notes.md"
    path.write_text("```\n\n```\n", encoding="utf-8")
    assert window.documents.open_path(path)
    qtbot.waitUntil(lambda: window.editor.decorations.fences.in_code(1))
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.document().findBlockByNumber(1).position())
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, 'print("it\'s") # x--')
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, 'Run `say "hi" --loud` and "see".')
    assert window.editor.toPlainText() == (
        '```\nprint("it\'s") # x--\n```\nRun `say "hi" --loud` and “see”.')


def test_a_plain_text_file_has_no_code(qtbot: QtBot, window: MainWindow) -> None:
    window.spelling.language = "en_US"
    qtbot.keyClicks(window.editor, 'Use `ls "a"`')  # backticks mean nothing in a .txt
    assert window.editor.toPlainText() == "Use `ls “a”`"
