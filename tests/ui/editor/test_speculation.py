"""Tab after Tab: the next suggestion is generated while the writer reads this one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from writer_app.engine.protocol import Finished
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def show_suggestion(qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> int:
    """Type, ask, and stream a whole suggestion; return the speculation's request id."""
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 60_000  # only what the test asks for
    qtbot.keyClicks(window.editor, "The cat")
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)
    fake_bridge.stream(" sat on the mat.")
    assert window.editor.ghost_text() == " sat on the mat."
    speculation = fake_bridge.requests[-1]
    assert speculation.prompt == "The cat sat on the mat."
    return speculation.id


def test_tab_shows_the_speculated_suggestion_at_once(qtbot: QtBot, window: MainWindow,
                                                     fake_bridge: FakeBridge) -> None:
    speculation = show_suggestion(qtbot, window, fake_bridge)
    fake_bridge.piece(speculation, " It purred.")
    assert window.editor.ghost_text() == " sat on the mat."  # not shown before Tab
    fake_bridge.finish(speculation, Finished(speculation, "complete"))
    asked = len(fake_bridge.requests)
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == "The cat sat on the mat."
    assert window.editor.ghost_text() == " It purred."
    # And the one after that is already being written.
    assert len(fake_bridge.requests) == asked + 1
    assert fake_bridge.requests[-1].prompt == "The cat sat on the mat. It purred."
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == "The cat sat on the mat. It purred."


def test_a_speculation_still_streaming_goes_on_streaming_after_tab(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    speculation = show_suggestion(qtbot, window, fake_bridge)
    fake_bridge.piece(speculation, " It")
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert window.editor.ghost_text() == " It"
    fake_bridge.piece(speculation, " purred.")
    qtbot.waitUntil(lambda: window.editor.ghost_text() == " It purred.")
    assert speculation not in fake_bridge.cancelled


def test_accepting_word_by_word_to_the_end_also_uses_it(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    speculation = show_suggestion(qtbot, window, fake_bridge)
    fake_bridge.piece(speculation, " It purred.")
    for _ in range(4):
        qtbot.keyClick(window.editor, Qt.Key.Key_Right, CTRL)
    assert document_text(window.editor) == "The cat sat on the mat."
    assert window.editor.ghost_text() == " It purred."


def test_typing_something_else_cancels_the_speculation(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    speculation = show_suggestion(qtbot, window, fake_bridge)
    qtbot.keyClicks(window.editor, " wa")  # " sat…" was suggested: the writer differs
    assert speculation in fake_bridge.cancelled
    fake_bridge.piece(speculation, " It purred.")
    assert window.editor.ghost_text() == ""
    assert document_text(window.editor) == "The cat wa"


def test_typing_through_keeps_the_speculation_for_the_end(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    speculation = show_suggestion(qtbot, window, fake_bridge)
    qtbot.keyClicks(window.editor, " sat")
    assert speculation not in fake_bridge.cancelled
    fake_bridge.piece(speculation, " It purred.")
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == "The cat sat on the mat."
    assert window.editor.ghost_text() == " It purred."


def test_nothing_is_speculated_with_automatic_suggestions_off(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    qtbot.keyClicks(window.editor, "The cat")
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)
    fake_bridge.stream(" sat on the mat.")
    assert len(fake_bridge.requests) == 1
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert window.editor.ghost_text() == ""
    assert len(fake_bridge.requests) == 1
