"""Read as the writer types: the engine reads the prompt at every word the writer ends,
and after a moment's stop, in the background, before the pause asks for a suggestion."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.editor.test_input_methods import compose
from tests.ui.fakes import FakeBridge
from writer_app.engine.client.suggestion_request import PREFILL_DELAY_MS
from writer_app.engine.protocol import Finished
from writer_app.ui.window.main_window import MainWindow


def reads(fake_bridge: FakeBridge) -> list[str]:
    return [request.prompt for request in fake_bridge.read_aheads]


def type_words(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type `text` a word at a time, letting the event loop run after each word as it does
    between a writer's keys (a word's end is read once the key is painted)."""
    for word in text.split(" ")[:-1]:
        qtbot.keyClicks(window.editor, word + " ")
        settle(qtbot)


def settle(qtbot: QtBot) -> None:
    qtbot.wait(5)  # well short of PREFILL_DELAY_MS


def test_each_word_is_read_as_it_ends_and_the_pause_asks_for_what_was_read(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = PREFILL_DELAY_MS + 300
    type_words(qtbot, window, "The cat sat ")
    # At once, word by word: the read after a moment's stop has not come yet.
    assert reads(fake_bridge) == ["The ", "The cat ", "The cat sat "]
    # Each continues the one before: the engine drops the older for it, keeping what it
    # read, so none was cancelled here.
    assert fake_bridge.cancelled == []
    qtbot.keyClicks(window.editor, "on")
    assert reads(fake_bridge)[-1] == "The cat sat "  # inside a word: after a moment
    qtbot.waitUntil(lambda: reads(fake_bridge)[-1] == "The cat sat on")
    assert fake_bridge.requests == []  # the pause has not come yet
    qtbot.waitUntil(lambda: len(fake_bridge.requests) == 1)
    read, request = fake_bridge.read_aheads[-1], fake_bridge.requests[0]
    assert (read.prompt, read.suffix, read.sampling, read.stop_rule) == (
        request.prompt, request.suffix, request.sampling, request.stop_rule)
    # The read of its prompt, made ready for it, is not cancelled: the engine reads the
    # chunk it is in on for the suggestion, then ends it (aborted, the chunk is lost).
    assert read.id not in fake_bridge.cancelled
    assert window.editor.ghost_text() == ""


def test_text_the_writer_deleted_is_not_read_on(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 5000
    type_words(qtbot, window, "The cat sat ")
    deleted = fake_bridge.read_aheads[-1]
    for _ in range(4):
        qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    settle(qtbot)
    # "The cat " is a word end again: read at once, and the read of "sat" cancelled.
    assert reads(fake_bridge)[-1] == "The cat "
    assert deleted.id in fake_bridge.cancelled


def test_a_moment_after_the_last_key_the_read_is_readied_for_the_pause_once(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 5000
    type_words(qtbot, window, "The cat ")
    # Word-end reads only read: no stop rule, so the engine neither heals nor shortens.
    assert [read.stop_rule for read in fake_bridge.read_aheads] == [None, None]
    last = fake_bridge.read_aheads[-1]
    fake_bridge.finish(last.id, Finished(last.id, "prefilled"))
    qtbot.waitUntil(lambda: len(fake_bridge.read_aheads) == 3)
    ready = fake_bridge.read_aheads[-1]
    assert ready.prompt == "The cat "
    assert ready.stop_rule is not None  # healed as the pause's suggestion will be
    fake_bridge.finish(ready.id, Finished(ready.id, "prefilled"))
    qtbot.wait(PREFILL_DELAY_MS * 3)
    assert len(fake_bridge.read_aheads) == 3  # nothing is sent again
    assert window.suggestions.prefill_pending() is False


def test_chinese_commits_are_word_ends(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 5000
    compose(window, "yeshenle")
    assert fake_bridge.read_aheads == []  # nothing is read while the writer composes
    compose(window, "", commit="夜深了")
    settle(qtbot)
    assert reads(fake_bridge)[-1] == "夜深了"


def test_no_reading_while_suggestions_are_off(qtbot: QtBot, window: MainWindow,
                                              fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = False
    qtbot.keyClicks(window.editor, "The cat sat on")
    assert not window.suggestions.prefill_pending()
    assert not window.suggestions.pause_pending()
    assert fake_bridge.read_aheads == []


def write_a_long_text(window: MainWindow) -> None:
    paragraph = "The keeper climbed the stairs and lit the lamp at dusk. " * 12
    window.editor.setPlainText("\n\n".join([paragraph] * 12))
    window.editor.moveCursor(QTextCursor.MoveOperation.End)


def test_a_jump_cancels_the_read_of_the_place_left(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 5000
    write_a_long_text(window)
    qtbot.waitUntil(lambda: len(fake_bridge.read_aheads) == 1)
    left = fake_bridge.read_aheads[0]
    # A click at the end of the first paragraph, far from the end of the text.
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.document().firstBlock().length() - 1)
    window.editor.setTextCursor(cursor)
    qtbot.waitUntil(lambda: len(fake_bridge.read_aheads) == 2)
    assert left.id in fake_bridge.cancelled
    assert not fake_bridge.read_aheads[1].prompt.startswith(left.prompt)


def test_asking_at_another_place_cancels_a_running_read(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 5000
    write_a_long_text(window)
    qtbot.waitUntil(lambda: len(fake_bridge.read_aheads) == 1)
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    window.suggestions.request_now()
    assert fake_bridge.read_aheads[0].id in fake_bridge.cancelled
    assert len(fake_bridge.requests) == 1
