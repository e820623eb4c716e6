"""Smart quotes and dashes in the real window: replaced as the writer types, each
replacement its own undo step, off in Preferences, and placed right after an emoji."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
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
