"""Task results land as proposals: accepted in one undo step, rejected without a trace,
and always where the selection is now."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from writer_app.core.prompt_templates import PromptTemplate, load_library
from writer_app.resources import resource_path
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.tasks.task_controller import TaskController, TaskState
from writer_app.ui.window.main_window import MainWindow

TEXT = "First paragraph stays.\n\nThe meeting was moved because many could not come.\n"
TARGET = "The meeting was moved because many could not come."
LIBRARY = load_library(resource_path("templates"))


def template(name: str) -> PromptTemplate:
    return LIBRARY.templates[name]


@pytest.fixture
def tasks(window: MainWindow, fake_bridge: FakeBridge) -> TaskController:
    controller = TaskController(window.editor, fake_bridge,
                                lambda _variable, _name: "French")
    window.editor.setPlainText(TEXT)
    select(window, TEXT.index(TARGET), TEXT.index(TARGET) + len(TARGET))
    return controller


def show_and_select(window: MainWindow, text: str, target: str) -> None:
    """Put `text` in the editor and select `target` in it."""
    window.editor.setPlainText(text)
    select(window, text.index(target), text.index(target) + len(target))


def select(window: MainWindow, start: int, end: int) -> None:
    cursor = window.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)


def test_a_rewrite_streams_as_a_proposal_and_tab_accepts_in_one_step(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge, tasks: TaskController) -> None:
    assert tasks.run(template("rewrite-shorten"))
    assert TARGET in fake_bridge.requests[-1].prompt
    fake_bridge.stream(" The meeting", " moved.", finish=False)
    assert window.editor.proposal_text() == "The meeting moved."
    assert document_text(window.editor) == TEXT  # painted, not inserted
    fake_bridge.finish(fake_bridge.requests[-1].id)
    assert tasks.state is TaskState.READY
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == TEXT.replace(TARGET, "The meeting moved.")
    assert window.editor.proposal_text() == ""
    window.editor.undo()
    assert document_text(window.editor) == TEXT


def test_esc_rejects_and_leaves_the_text_exactly_as_it_was(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge, tasks: TaskController) -> None:
    tasks.run(template("rewrite-shorten"))
    fake_bridge.stream(" Short.", finish=False)
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert fake_bridge.requests[-1].id in fake_bridge.cancelled
    assert document_text(window.editor) == TEXT
    assert window.editor.proposal_text() == ""
    assert tasks.state is TaskState.IDLE


def test_typing_elsewhere_moves_where_the_result_lands(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge, tasks: TaskController) -> None:
    tasks.run(template("rewrite-shorten"))
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(window.editor, "New words. ")
    fake_bridge.stream(" Moved.")
    tasks.accept()
    expected = "New words. " + TEXT.replace(TARGET, "Moved.")
    assert document_text(window.editor) == expected


def test_editing_inside_the_selection_cancels_the_task(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge, tasks: TaskController) -> None:
    tasks.run(template("rewrite-shorten"))
    cursor = window.editor.textCursor()
    cursor.setPosition(TEXT.index("moved"))
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "x")
    assert tasks.state is TaskState.IDLE
    assert fake_bridge.requests[-1].id in fake_bridge.cancelled
    assert document_text(window.editor) == TEXT.replace("moved", "xmoved")


def test_retry_makes_variants_to_step_through(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge, tasks: TaskController) -> None:
    tasks.run(template("rewrite-shorten"))
    fake_bridge.stream(" One.")
    first_seed = fake_bridge.requests[-1].sampling.seed
    tasks.retry()
    assert fake_bridge.requests[-1].sampling.seed == first_seed + 1
    fake_bridge.stream(" Two.")
    assert window.editor.proposal_text() == "Two."
    tasks.show_variant(-1)
    assert window.editor.proposal_text() == "One."
    tasks.accept()
    assert document_text(window.editor) == TEXT.replace(TARGET, "One.")


def test_nothing_selected_is_a_message_not_a_request(
        window: MainWindow, fake_bridge: FakeBridge, tasks: TaskController) -> None:
    messages: list[str] = []
    tasks.failed.connect(messages.append)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    assert not tasks.run(template("rewrite-shorten"))
    assert messages == ["Select some text first, then choose “Shorten”."]
    assert fake_bridge.requests == []


def test_continue_proposes_at_the_cursor(
        window: MainWindow, fake_bridge: FakeBridge, tasks: TaskController) -> None:
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    tasks.run(template("continue"))
    fake_bridge.stream(" It rained.")
    tasks.accept()
    assert document_text(window.editor) == TEXT + " It rained."


def test_ghost_text_waits_while_a_task_runs(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge,
        tasks: TaskController) -> None:
    window.suggestions.enabled = True
    window.suggestions.pause_ms = 50
    tasks.run(template("rewrite-shorten"))
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(window.editor, "Typing while it writes ")
    # Nothing is even being timed, so no suggestion or prefill can be asked for.
    assert not window.suggestions.pause_pending()
    assert not window.suggestions.prefill_pending()
    assert len(fake_bridge.requests) == 1  # the task's, and no suggestion
    assert fake_bridge.prefills == []
    tasks.reject()
    qtbot.keyClicks(window.editor, "again. ")  # then ghost text comes back
    qtbot.waitUntil(lambda: len(fake_bridge.requests) == 2)



def triple_click(qtbot: QtBot, window: MainWindow, position: int) -> None:
    """Click three times on the character at `position`, as a writer selects a paragraph."""
    cursor = window.editor.textCursor()
    cursor.setPosition(position)
    point = window.editor.cursorRect(cursor).center()
    viewport = window.editor.viewport()
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)


def test_a_triple_clicked_paragraph_keeps_its_break_when_rewritten(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = ('She drank the lemonade.\n"Morning," said the harbourmaster.\n'
            "The boat lay on its side.\n")
    tasks = TaskController(window.editor, fake_bridge, lambda _variable, _name: None)
    window.show()
    window.editor.setPlainText(text)
    triple_click(qtbot, window, 5)
    assert window.editor.textCursor().selectedText() == "She drank the lemonade.\u2029"
    assert tasks.run(template("rewrite-shorten"))
    assert "She drank the lemonade." in fake_bridge.requests[-1].prompt
    fake_bridge.stream(" She drank.\n", finish=True)
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == text.replace("She drank the lemonade.",
                                                        "She drank.")
    # Spaces at a selection's edges stay too.
    cursor = window.editor.textCursor()
    start = document_text(window.editor).index("The boat")
    cursor.setPosition(start - 1)
    cursor.setPosition(start + len("The boat lay on its side.\n"),
                       QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    assert tasks.run(template("rewrite-shorten"))
    fake_bridge.stream("The boat lay.", finish=True)
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == (
        'She drank.\n"Morning," said the harbourmaster.\nThe boat lay.\n')


def test_a_proposal_never_shows_the_templates_label_or_example(
        window: MainWindow, fake_bridge: FakeBridge, tasks: TaskController) -> None:
    """The issue's Rewrite with an Instruction, which proposed a line `Instruction: …`."""
    show_and_select(window, "He walks.\nShe runs.\n", "He walks.\nShe runs.")
    instructed = TaskController(window.editor, fake_bridge, lambda _v, _n: "in the past tense")
    instructed.run(template("rewrite-instruction"))
    assert "\nInstruction:" in fake_bridge.requests[-1].sampling.stop
    request = fake_bridge.requests[-1].id
    shown: list[str] = []
    for piece in (" He walked.", "\nShe ran.", "\nInstr", "uction: in the past tense"):
        fake_bridge.piece(request, piece)
        shown.append(window.editor.proposal_text())
    assert not any("Instr" in text for text in shown)
    assert instructed.state is TaskState.READY  # the label ended the answer
    assert window.editor.proposal_text() == "He walked.\nShe ran."


def test_an_answer_that_only_repeats_the_example_is_asked_again_then_told(
        window: MainWindow, fake_bridge: FakeBridge, tasks: TaskController) -> None:
    """The issue's Translate → French, which returned the example sentence."""
    example = " La bibliothèque ouvre à neuf heures et ferme quand le dernier lecteur s'en va."
    translate = TaskController(window.editor, fake_bridge, lambda _v, _n: "French")
    messages: list[str] = []
    translate.failed.connect(messages.append)
    assert translate.run(template("translate"))
    seeds = []
    for _ in range(3):
        seeds.append(fake_bridge.requests[-1].sampling.seed)
        fake_bridge.stream(example[:20], finish=False)
        assert window.editor.proposal_text() in ("", "\u200a")  # held back, never shown
        fake_bridge.stream(example[20:])
    assert seeds == [0, 1, 2]  # asked again twice, with other seeds
    assert translate.state is TaskState.IDLE
    assert messages == ["The model only repeated the example of “Translate”, not an answer "
                        "for your text. Try again, or choose a larger model."]
    assert document_text(window.editor) == TEXT
    # A real answer after a repeat is proposed as usual.
    select(window, TEXT.index(TARGET), TEXT.index(TARGET) + len(TARGET))
    assert translate.run(template("translate"))
    fake_bridge.stream(example)
    fake_bridge.stream(" La réunion a été déplacée.")
    assert window.editor.proposal_text() == "La réunion a été déplacée."
