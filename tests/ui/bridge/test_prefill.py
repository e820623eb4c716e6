"""Prefill: the engine evaluates the prompt between the last keystroke and the pause."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from writer_app.engine.client.suggestion_request import PREFILL_DELAY_MS
from writer_app.engine.protocol import Finished
from writer_app.ui.window.main_window import MainWindow


def test_the_prompt_is_prefilled_before_the_pause_asks_for_the_suggestion(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = PREFILL_DELAY_MS + 300
    qtbot.keyClicks(window.editor, "The cat sat on")
    qtbot.waitUntil(lambda: len(fake_bridge.prefills) == 1)
    assert fake_bridge.requests == []  # the pause has not come yet
    qtbot.waitUntil(lambda: len(fake_bridge.requests) == 1)
    prefill, request = fake_bridge.prefills[0], fake_bridge.requests[0]
    assert (prefill.prompt, prefill.suffix, prefill.sampling, prefill.stop_rule) == (
        request.prompt, request.suffix, request.sampling, request.stop_rule)
    assert prefill.prompt == "The cat sat on"


def test_a_prefill_is_not_cancelled_or_shown_and_only_one_runs_at_a_time(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 5000
    qtbot.keyClicks(window.editor, "The cat")
    qtbot.waitUntil(lambda: len(fake_bridge.prefills) == 1)
    qtbot.keyClicks(window.editor, " sat")
    assert window.suggestions.prefill_pending()
    qtbot.waitUntil(lambda: not window.suggestions.prefill_pending())  # its time came
    assert len(fake_bridge.prefills) == 1  # the engine is still busy with the first
    fake_bridge.finish_prefill()
    # The latest text is prefilled as soon as the engine is free.
    assert [p.prompt for p in fake_bridge.prefills] == ["The cat", "The cat sat"]
    assert fake_bridge.cancelled == []
    assert window.editor.ghost_text() == ""


def test_no_prefill_while_suggestions_are_off(qtbot: QtBot, window: MainWindow,
                                              fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = False
    qtbot.keyClicks(window.editor, "The cat sat on")
    assert not window.suggestions.prefill_pending()
    assert not window.suggestions.pause_pending()
    assert fake_bridge.prefills == []


def write_a_long_text(window: MainWindow) -> None:
    paragraph = "The keeper climbed the stairs and lit the lamp at dusk. " * 12
    window.editor.setPlainText("\n\n".join([paragraph] * 12))
    window.editor.moveCursor(QTextCursor.MoveOperation.End)


def test_a_jump_cancels_the_prefill_of_the_place_left(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 5000
    write_a_long_text(window)
    qtbot.waitUntil(lambda: len(fake_bridge.prefills) == 1)
    left = fake_bridge.prefills[0]
    # A click at the end of the first paragraph, far from the end of the text.
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.document().firstBlock().length() - 1)
    window.editor.setTextCursor(cursor)
    qtbot.waitUntil(lambda: left.id in fake_bridge.cancelled)
    fake_bridge.finish(left.id, Finished(left.id, "cancelled"))
    assert len(fake_bridge.prefills) == 2  # the new place, as soon as the engine is free
    assert not fake_bridge.prefills[1].prompt.startswith(left.prompt[:-80])


def test_asking_at_another_place_cancels_a_running_prefill(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 5000
    write_a_long_text(window)
    qtbot.waitUntil(lambda: len(fake_bridge.prefills) == 1)
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    window.suggestions.request_now()
    assert fake_bridge.prefills[0].id in fake_bridge.cancelled
    assert len(fake_bridge.requests) == 1
