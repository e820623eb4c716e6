"""Tasks end to end: the real window, the real engine process, the real model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.test_writing_with_model import MODEL_TIMEOUT_MS, real_window  # noqa: F401
from writer_app.ui.main_window import MainWindow
from writer_app.ui.suggestion_controller import document_text
from writer_app.ui.task_controller import TaskState

pytestmark = pytest.mark.model

TEXT = ("The lighthouse stood at the edge of the world.\n\n"
        "The meeting, which had been scheduled for three o'clock in the afternoon, was "
        "postponed until the next morning because many people could not come.\n")
TARGET = TEXT.split("\n\n")[1].strip()


def select_target(window: MainWindow) -> None:
    window.editor.setPlainText(TEXT)
    cursor = window.editor.textCursor()
    cursor.setPosition(TEXT.index(TARGET))
    cursor.setPosition(TEXT.index(TARGET) + len(TARGET), QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)


def run_from_menu(qtbot: QtBot, window: MainWindow, name: str) -> None:
    window.tasks_menu.rebuild()
    template = window.tasks_menu.template_named(name)
    assert template is not None
    window.tasks_menu.run(template)
    qtbot.waitUntil(lambda: window.tasks.state is TaskState.READY, timeout=MODEL_TIMEOUT_MS)


def test_select_rewrite_accept_undo(qtbot: QtBot, real_window: MainWindow) -> None:  # noqa: F811
    window = real_window
    select_target(window)
    run_from_menu(qtbot, window, "Shorten")
    proposal = window.tasks.proposal
    assert proposal.strip()
    assert window.editor.proposal_text() == proposal
    assert document_text(window.editor) == TEXT  # nothing inserted before accepting
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == TEXT.replace(TARGET, proposal)
    window.editor.undo()
    assert document_text(window.editor) == TEXT


def test_reject_restores_the_exact_text(qtbot: QtBot, real_window: MainWindow) -> None:  # noqa: F811
    window = real_window
    select_target(window)
    undo_steps = window.editor.document().availableUndoSteps()
    run_from_menu(qtbot, window, "Simplify")
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert document_text(window.editor) == TEXT
    assert window.editor.document().availableUndoSteps() == undo_steps
    assert window.editor.proposal_text() == ""


def test_a_summary_lands_in_the_panel_and_is_inserted(qtbot: QtBot,
                                                      real_window: MainWindow) -> None:  # noqa: F811
    window = real_window
    select_target(window)
    window.tasks_menu.rebuild()
    template = window.tasks_menu.template_named("Summarize in One Sentence")
    assert template is not None
    window.tasks_menu.run(template)
    qtbot.waitUntil(lambda: window.tasks.state is TaskState.IDLE
                    and bool(window.summary.text()), timeout=MODEL_TIMEOUT_MS)
    summary = window.summary.text()
    assert window.summary.isVisible()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.summary.insert_at_cursor()
    assert document_text(window.editor) == TEXT + summary


def test_continue_is_proposed_at_the_cursor_and_accepted(qtbot: QtBot,
                                                         real_window: MainWindow) -> None:  # noqa: F811
    window = real_window
    window.editor.setPlainText("The lighthouse stood at the edge of the world.")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    run_from_menu(qtbot, window, "Continue Writing")
    proposal = window.tasks.proposal
    assert proposal.strip()
    window.tasks.accept()
    assert document_text(window.editor) == (
        "The lighthouse stood at the edge of the world." + proposal)
