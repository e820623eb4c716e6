"""Ghost text comes after the writer's own writing, not after a move, an undo, a paste,
a spelling correction or a jump from the outline: text there was not written to meet
it (the issue's `…in her arms.## The Boat`, `…without its oars.captain.`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from writer_app.ui.window.main_window import MainWindow

PAUSE_MS = 40


def typed_and_asked(qtbot: QtBot, window: MainWindow, bridge: FakeBridge, text: str) -> None:
    """Type `text` in the real editor and see the pause ask for a suggestion."""
    asked = len(bridge.requests)
    qtbot.keyClicks(window.editor, text)
    qtbot.waitUntil(lambda: len(bridge.requests) == asked + 1)
    bridge.stream(" and slept.")
    assert window.editor.ghost_text().strip() == "and slept."


def nothing_asked_after(qtbot: QtBot, window: MainWindow, bridge: FakeBridge) -> None:
    asked = len(bridge.requests)
    assert not window.suggestions.pause_pending()
    qtbot.wait(PAUSE_MS * 4)
    assert len(bridge.requests) == asked
    assert window.editor.ghost_text() == ""


def test_moves_undo_and_paste_are_not_writing(qtbot: QtBot, window: MainWindow,
                                               fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = PAUSE_MS
    typed_and_asked(qtbot, window, fake_bridge, "The captain sat on the deck")
    qtbot.keyClick(window.editor, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    nothing_asked_after(qtbot, window, fake_bridge)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    nothing_asked_after(qtbot, window, fake_bridge)
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    nothing_asked_after(qtbot, window, fake_bridge)
    window.editor.paste()
    nothing_asked_after(qtbot, window, fake_bridge)
    # Writing again asks again; Backspace and Return are writing too.
    typed_and_asked(qtbot, window, fake_bridge, " now")
    qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: window.suggestions.pause_pending() or bool(fake_bridge.requests))


def test_a_spelling_correction_is_not_writing(qtbot: QtBot, window: MainWindow,
                                              fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = PAUSE_MS
    typed_and_asked(qtbot, window, fake_bridge, "He was a good sailr")
    word = window.editor.textCursor()
    word.movePosition(QTextCursor.MoveOperation.StartOfWord)
    word.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    window.spelling.replace(word, "sailor")
    assert window.editor.toPlainText() == "He was a good sailor"
    nothing_asked_after(qtbot, window, fake_bridge)


def test_a_jump_from_the_outline_is_not_writing(qtbot: QtBot, window: MainWindow,
                                                fake_bridge: FakeBridge,
                                                tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text("# The Harbour\n\nShe held the child in her arms.\n\n## The Boat\n\n"
                     "It lay on its side.\n", encoding="utf-8")
    assert window.documents.open_path(story)
    window.suggestions.enabled = True
    window.suggestions.pause_ms = PAUSE_MS
    window.outline.show()
    window.outline.refresh()
    item = window.outline.list.item(1)
    assert item.text().strip() == "The Boat"
    window.outline.list.itemClicked.emit(item)
    assert window.editor.textCursor().block().text() == "## The Boat"
    nothing_asked_after(qtbot, window, fake_bridge)


def test_the_next_suggestion_never_repeats_the_sentence_just_accepted(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    """The issue's Tab twice, which wrote the same sentence twice."""
    sentence = " She was a bright, cheerful girl who had a great sense of humor."
    window.suggestions.enabled = True
    window.suggestions.pause_ms = PAUSE_MS
    qtbot.keyClicks(window.editor, "Anna lived by the sea.")
    qtbot.waitUntil(lambda: len(fake_bridge.requests) == 1)
    fake_bridge.stream(sentence)
    assert window.editor.ghost_text() == sentence
    # While the writer reads, the next one is written: the same sentence again.
    qtbot.waitUntil(lambda: len(fake_bridge.requests) == 2)
    fake_bridge.stream(sentence)
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert window.editor.toPlainText() == "Anna lived by the sea." + sentence
    assert window.editor.ghost_text() == ""


def test_a_mid_line_suggestion_that_does_not_fit_what_follows_is_not_painted(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = PAUSE_MS
    window.editor.setPlainText("The boat lay without its captain.")
    cursor = window.editor.textCursor()
    cursor.setPosition(len("The boat lay without its "))
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "old ")
    qtbot.waitUntil(lambda: len(fake_bridge.requests) == 1)
    fake_bridge.stream("oars.")  # `…its old oars.captain.`
    assert window.editor.ghost_text() == ""
    qtbot.keyClicks(window.editor, "and ")
    qtbot.waitUntil(lambda: len(fake_bridge.requests) == 2)
    fake_bridge.stream("weary captain.")  # the model writes on into the text that follows
    assert window.editor.ghost_text() == "weary "
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert window.editor.toPlainText() == "The boat lay without its old and weary captain."


def test_ghost_text_is_not_left_behind_an_open_menu(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.show()
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    window.suggestions.enabled = True
    window.suggestions.pause_ms = PAUSE_MS
    typed_and_asked(qtbot, window, fake_bridge, "The captain sat on the deck")
    shown = window.editor.ghost_text()
    menu = window.suggestion_menu.accept_action.parent()
    seen: list[tuple[str, str]] = []

    def while_open() -> None:
        layout = window.editor.textCursor().block().layout()
        seen.append((window.editor.ghost_text(), layout.preeditAreaText()))
        fake_bridge.stream(" more words")  # still streaming while the menu is open
        menu.close()

    QTimer.singleShot(50, while_open)
    menu.exec(window.mapToGlobal(window.rect().center()))
    assert seen == [("", "")]  # off the screen while the menu covers the editor
    qtbot.waitUntil(lambda: window.editor.ghost_text() != "")
    assert window.editor.ghost_text().startswith(shown)  # back, as far as it has come


def test_accept_from_the_menu_takes_what_was_on_screen(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = PAUSE_MS
    typed_and_asked(qtbot, window, fake_bridge, "The captain sat on the deck")
    shown = window.editor.ghost_text()
    window.editor.covered.emit(True)  # the Suggestions menu opens
    fake_bridge.stream(" and more")  # arrives while the writer reads the menu
    window.suggestion_menu.accept_action.trigger()
    assert window.editor.toPlainText() == "The captain sat on the deck" + shown


def test_suggest_now_says_when_nothing_comes(qtbot: QtBot, window: MainWindow,
                                             fake_bridge: FakeBridge) -> None:
    said: list[str] = []
    window.suggestions.nothing_offered.connect(said.append)
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert said == ["No suggestion here: write a few words first, or move the cursor out "
                    "of the word."]
    assert "No suggestion here" in window.status.currentMessage()
    window.editor.setPlainText("The captain sat on the deck")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert len(fake_bridge.requests) == 1
    fake_bridge.stream(" ...")  # nothing a writer could use
    assert said[-1] == "The model has nothing to suggest here."
    assert window.status.currentMessage() == "The model has nothing to suggest here."
