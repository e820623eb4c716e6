"""Tasks end to end: the real window, the real engine process, the real model."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MODEL_TIMEOUT_MS
from tests.ui.tasks.test_edits_during_tasks import WRITER_EDIT, apply_edit, start_task
from tests.ui.tasks.test_task_proposals import show_and_select, triple_click
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.tasks.task_controller import TaskState
from writer_app.ui.window.main_window import MainWindow

pytestmark = pytest.mark.model

TEXT = ("The lighthouse stood at the edge of the world.\n\n"
        "The keeper, who had lived alone on the island for almost twenty years, finally "
        "rowed across to the village on the first calm morning of spring.\n")
TARGET = TEXT.split("\n\n")[1].strip()


def select_target(window: MainWindow) -> None:
    show_and_select(window, TEXT, TARGET)


def run_from_menu(qtbot: QtBot, window: MainWindow, name: str) -> None:
    window.tasks_menu.rebuild()
    template = window.tasks_menu.template_named(name)
    assert template is not None
    window.tasks_menu.run(template)
    qtbot.waitUntil(lambda: window.tasks.state is TaskState.READY, timeout=MODEL_TIMEOUT_MS)


def test_select_rewrite_accept_undo(qtbot: QtBot, real_window: MainWindow) -> None:
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


def test_a_triple_clicked_paragraph_rewritten_keeps_its_paragraph_breaks(
        qtbot: QtBot, real_window: MainWindow) -> None:
    window = real_window
    text = TEXT.replace("\n\n", "\n")  # paragraphs a single Return apart
    window.editor.setPlainText(text)
    triple_click(qtbot, window, text.index("rowed"))
    assert window.editor.textCursor().selectedText().endswith("\u2029")
    run_from_menu(qtbot, window, "Shorten")
    proposal = window.tasks.proposal
    assert proposal.strip()
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == text.replace(TARGET, proposal)
    assert document_text(window.editor).endswith(proposal + "\n")


def test_reject_restores_the_exact_text(qtbot: QtBot, real_window: MainWindow) -> None:
    window = real_window
    select_target(window)
    undo_steps = window.editor.document().availableUndoSteps()
    run_from_menu(qtbot, window, "Simplify")
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert document_text(window.editor) == TEXT
    assert window.editor.document().availableUndoSteps() == undo_steps
    assert window.editor.proposal_text() == ""


def test_a_summary_lands_in_the_panel_and_is_inserted(qtbot: QtBot,
                                                      real_window: MainWindow) -> None:
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
                                                         real_window: MainWindow) -> None:
    window = real_window
    window.editor.setPlainText("The lighthouse stood at the edge of the world.")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    run_from_menu(qtbot, window, "Continue Writing")
    proposal = window.tasks.proposal
    assert proposal.strip()
    window.tasks.accept()
    assert document_text(window.editor) == (
        "The lighthouse stood at the edge of the world." + proposal)


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(WRITER_EDIT, st.integers(0, 80)), min_size=1, max_size=8))
def test_edits_while_the_model_writes_land_the_result_in_place(
        qtbot: QtBot, real_window: MainWindow,
        edits: list[tuple[tuple[str, int, str | int], int]]) -> None:
    """Property-based, on the real engine: the writer edits at random places and times
    while a rewrite streams; accepting puts the proposal where the selection went."""
    window = real_window
    first = TEXT.index(TARGET)
    model = start_task(window, TEXT, "rewrite-shorten", first, first + len(TARGET))
    for (kind, where, what), pause_ms in edits:
        qtbot.wait(pause_ms)
        event(f"edit while the task is {window.tasks.state.value}")  # in the statistics
        apply_edit(window, model, kind, where, what)
        assert document_text(window.editor) == model.text
        if model.cancelled:
            assert window.tasks.state is TaskState.IDLE
            return
    qtbot.waitUntil(lambda: window.tasks.state is TaskState.READY, timeout=MODEL_TIMEOUT_MS)
    proposal = window.tasks.proposal
    assert proposal.strip()
    window.tasks.accept()
    assert document_text(window.editor) == (model.text[:model.start] + proposal
                                            + model.text[model.end:])


def test_translate_from_the_palette_with_the_language_box(
        qtbot: QtBot, real_window: MainWindow) -> None:
    window = real_window
    window.questions.ask_choice = lambda _t, _q, choices: "French"  # type: ignore[method-assign]
    select_target(window)
    window.show_command_palette()
    qtbot.keyClicks(window.command_palette.search, "translate")
    qtbot.keyClick(window.command_palette.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tasks.state is TaskState.READY, timeout=MODEL_TIMEOUT_MS)
    assert window.settings.recent_languages == ["French"]
    assert "base model" in window.notice.text()  # the embedded model: said once
    proposal = window.tasks.proposal
    assert proposal.strip()
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    assert document_text(window.editor) == TEXT.replace(TARGET, proposal)


def test_stop_from_the_status_bar_keeps_what_was_written(
        qtbot: QtBot, real_window: MainWindow) -> None:
    window = real_window
    window.editor.setPlainText("The lighthouse stood at the edge of the world.")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.settings.task_sampling = {"continue": {"max_tokens": 4096}}
    window.tasks.sampling_overrides = window.settings.task_sampling
    window.tasks_menu.rebuild()
    template = window.tasks_menu.template_named("Continue Writing")
    assert template is not None
    window.tasks_menu.run(template)
    qtbot.waitUntil(lambda: len(window.tasks.proposal) > 20, timeout=MODEL_TIMEOUT_MS)
    # The engine's end of the stopped request comes after every piece it sent.
    with qtbot.waitSignal(window.bridge.request_finished, timeout=MODEL_TIMEOUT_MS,
                          check_params_cb=lambda f: f.reason == "cancelled"):
        qtbot.mouseClick(window.task_status.stop_button, Qt.MouseButton.LeftButton)
        assert window.tasks.state is TaskState.READY
        stopped = window.tasks.proposal
    assert window.tasks.proposal == stopped  # nothing arrived after the stop
    window.tasks.accept()
    assert document_text(window.editor) == (
        "The lighthouse stood at the edge of the world." + stopped)
