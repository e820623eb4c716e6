"""Focus mode and the session's word goal, in the real window."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from tests.ui.spelling.test_spelling_window import settle
from writer_app.ui.i18n import install_translations
from writer_app.ui.window.main_window import MainWindow

DIMMED = "#bdb9b0"


def dimmed(window: MainWindow, number: int) -> bool:
    block = window.editor.document().findBlockByNumber(number)
    return any(r.format.foreground().color().name() == DIMMED and r.length == len(block.text())
               for r in block.layout().formats())


def test_focus_mode_dims_all_but_the_paragraph_being_written_and_esc_leaves(
        window: MainWindow, qtbot: QtBot) -> None:
    window.editor.setPlainText("First paragraph.\nThe one I write.\nThird paragraph.")
    cursor = window.editor.textCursor()
    cursor.setPosition(20)
    window.editor.setTextCursor(cursor)
    window.focus.toggle_action.trigger()  # type: ignore[union-attr]
    assert window.focus.active
    assert window.isFullScreen()
    assert not window.menuBar().isVisible()
    assert not window.status.isVisible()
    settle(window, qtbot)
    assert [dimmed(window, n) for n in range(3)] == [True, False, True]
    # The writer moves on: the paragraph they are in lights up, the other dims.
    cursor.setPosition(2)
    window.editor.setTextCursor(cursor)
    settle(window, qtbot)
    assert [dimmed(window, n) for n in range(3)] == [False, True, True]
    # Shortcuts of the hidden menus still work; Esc leaves.
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not window.focus.active
    assert window.menuBar().isVisible()
    assert window.status.isVisible()
    assert not window.isFullScreen()
    settle(window, qtbot)
    assert [dimmed(window, n) for n in range(3)] == [False, False, False]
    assert window.editor.toPlainText() == "First paragraph.\nThe one I write.\nThird paragraph."


def test_in_focus_mode_esc_first_dismisses_a_suggestion(
        window: MainWindow, qtbot: QtBot, fake_bridge: FakeBridge) -> None:
    window.editor.setPlainText("The ferry")
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.focus.enter()
    window.suggestions.request_now()
    fake_bridge.stream(" left at noon.")
    qtbot.waitUntil(lambda: window.editor.ghost_text() != "")
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert window.editor.ghost_text() == ""
    assert window.focus.active
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not window.focus.active


def test_typewriter_scrolling_keeps_the_line_being_written_at_the_same_height(
        window: MainWindow, qtbot: QtBot) -> None:
    window.editor.setPlainText("\n".join(f"Line {n} of the draft." for n in range(300)))
    window.focus.enter()
    qtbot.waitUntil(window.isFullScreen)
    # Qt scrolls by whole lines: the line is as near the middle as a paragraph's height
    # (its line, its line spacing and the gap after it) allows.
    step = window.editor.blockBoundingRect(window.editor.document().firstBlock()).height()

    def centred() -> bool:
        middle = window.editor.viewport().height() / 2
        return abs(window.editor.cursorRect().center().y() - middle) <= step

    for line in (40, 120, 260, 299):  # the last line too: it scrolls past the end
        cursor = window.editor.textCursor()
        cursor.setPosition(window.editor.document().findBlockByNumber(line).position())
        window.editor.setTextCursor(cursor)
        qtbot.waitUntil(centred, timeout=2000)
    window.focus.leave()
    cursor.setPosition(window.editor.document().findBlockByNumber(10).position())
    window.editor.setTextCursor(cursor)
    qtbot.wait(50)
    assert not centred()  # out of focus mode the page does not follow the cursor


def test_the_session_goal_counts_typed_and_accepted_words_and_logs_them(
        window: MainWindow, qtbot: QtBot, fake_bridge: FakeBridge, writer_home: Path,
        tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Ten words are here already, and they do not count.", encoding="utf-8")
    assert window.documents.open_path(draft)
    qtbot.waitUntil(lambda: not window.status.counting())
    window.goal.set_goal(10)
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, " She left at")
    window.suggestions.request_now()
    fake_bridge.stream(" noon with the tide")
    qtbot.waitUntil(lambda: window.editor.ghost_text() != "")
    window.suggestions.accept_all()
    qtbot.waitUntil(lambda: window.goal.session.total == 7, timeout=3000)
    assert (window.goal.session.typed, window.goal.session.accepted) == (3, 4)
    assert window.goal.button.text() == "7 / 10 words (70 %)"
    window.goal.flush()
    log = json.loads((writer_home / "data" / "writing-log.json").read_text(encoding="utf-8"))
    assert log[date.today().isoformat()][str(draft)] == {"typed": 3, "accepted": 4}


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    install_translations(qapp, "zh_CN")
    yield
    install_translations(qapp, "en")


def test_the_session_goal_and_the_log_count_chinese_as_the_status_bar_does(
        chinese: None, window: MainWindow, qtbot: QtBot, writer_home: Path,
        tmp_path: Path) -> None:
    """Same unit (字), same number: each Chinese character and each English word once."""
    draft = tmp_path / "草稿.txt"
    draft.write_text("老灯塔守护人爬上台阶。", encoding="utf-8")
    assert window.documents.open_path(draft)
    qtbot.waitUntil(lambda: not window.status.counting())
    assert window.status.counts_label.text() == "10 字"
    window.goal.set_goal(20)
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    commit = QInputMethodEvent("", [])  # as an input method types Chinese
    commit.setCommitString("他看见了大海和 the lighthouse。")
    QApplication.sendEvent(window.editor, commit)
    qtbot.waitUntil(lambda: window.goal.session.total == 9, timeout=3000)
    assert window.status.counts_label.text() == "19 字"
    assert window.goal.button.text() == "9 / 20 字（45%）"
    window.goal.set_goal(0)
    assert window.goal.button.text() == "本次已写 9 字"
    window.goal.flush()
    log = json.loads((writer_home / "data" / "writing-log.json").read_text(encoding="utf-8"))
    assert log[date.today().isoformat()][str(draft)] == {"typed": 9, "accepted": 0}


def test_the_first_words_of_a_new_document_count_and_follow_it_when_saved(
        window: MainWindow, qtbot: QtBot, writer_home: Path, tmp_path: Path) -> None:
    """The issue's 10 words in a new document that showed "0 / 500", then were logged
    under "Untitled" once it was saved."""
    window.goal.set_goal(500)
    qtbot.keyClicks(window.editor, "One two three four five six seven eight nine ten.")
    qtbot.waitUntil(lambda: window.goal.session.total == 10, timeout=3000)
    assert window.goal.button.text() == "10 / 500 words (2 %)"
    window.goal.flush()  # the log is written every half minute: some words are in it
    qtbot.keyClicks(window.editor, " Eleven twelve.")
    qtbot.waitUntil(lambda: window.goal.session.total == 12, timeout=3000)
    target = tmp_path / "chapter.txt"
    window.documents.choose_save_path = lambda: target  # type: ignore[method-assign]
    assert window.documents.save_as()
    window.goal.flush()
    log = json.loads((writer_home / "data" / "writing-log.json").read_text(encoding="utf-8"))
    today = log[date.today().isoformat()]
    assert today[str(target)] == {"typed": 12, "accepted": 0}
    assert "" not in today  # nothing left under "Untitled"
