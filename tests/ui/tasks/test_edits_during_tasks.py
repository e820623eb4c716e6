"""Property-based: whatever the writer does while a task streams, the document ends as
their own edits plus exactly the accepted text, in the place the selection went.

The writer's edits are modelled on a plain string beside the real editor: an edit before
the task's range moves it, one after leaves it, one inside cancels the task.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from writer_app.core.prompt_templates import load_library
from writer_app.core.utf16_positions import index_at, position_at
from writer_app.resources import resource_path
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.tasks.task_controller import TaskState
from writer_app.ui.window.main_window import MainWindow

LIBRARY = load_library(resource_path("templates"))
# Astral characters (two Qt positions each), combining marks, tabs and newlines among
# ordinary letters: the places where positions and indices part ways.
ALPHABET = st.sampled_from([*"ab zé\n\t—", "😀", "𝄞", "\u0301"])
WORDS = st.text(ALPHABET, min_size=1, max_size=6)


@dataclass
class Model:
    """The writer's text as they edited it, and where the task's range is now."""

    text: str
    start: int  # Python indices
    end: int
    cancelled: bool = False

    def insert(self, index: int, added: str) -> None:
        if self.start < index < self.end or (self.start == self.end == index):
            self.cancelled = True
        elif index <= self.start:
            self.start += len(added)
            self.end += len(added)
        self.text = self.text[:index] + added + self.text[index:]

    def delete(self, index: int, count: int) -> None:
        if index + count <= self.start:
            self.start -= count
            self.end -= count
        elif index < self.end:
            self.cancelled = True
        self.text = self.text[:index] + self.text[index + count:]


WRITER_EDIT = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 10_000), WORDS),
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 4)),
)
# A piece of the model's output arriving, between the writer's edits: within one
# paragraph, because a line break ends the answer to one (see test_task_answer.py).
MODEL_WORDS = st.text(st.sampled_from([*"ab zé\t—", "😀", "𝄞", "\u0301"]), min_size=1,
                      max_size=6)
EDIT = st.one_of(WRITER_EDIT, st.tuples(st.just("piece"), st.just(0), MODEL_WORDS))


def apply_edit(window: MainWindow, model: Model, kind: str, where: int, what: str | int) -> None:
    text = model.text
    cursor = QTextCursor(window.editor.document())
    if kind == "insert":
        index = where % (len(text) + 1)
        assert isinstance(what, str)
        cursor.setPosition(position_at(text, index))
        cursor.insertText(what)
        model.insert(index, what)
    elif text:
        index = where % len(text)
        assert isinstance(what, int)
        count = min(what, len(text) - index)
        cursor.setPosition(position_at(text, index))
        cursor.setPosition(position_at(text, index + count), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        model.delete(index, count)


def start_task(window: MainWindow, text: str, template: str, first: int, last: int) -> Model:
    window.tasks.reject()
    window.editor.setPlainText(text)
    cursor = window.editor.textCursor()
    cursor.setPosition(position_at(text, first))
    cursor.setPosition(position_at(text, last), QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    assert window.tasks.run(LIBRARY.templates[template])
    return Model(text, first, last)


@pytest.mark.parametrize("template", ["rewrite-shorten", "continue"])
@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(ALPHABET, min_size=2, max_size=40), data=st.data(),
       edits=st.lists(EDIT, max_size=20))
def test_edits_during_a_task_never_misplace_the_result(
        window: MainWindow, fake_bridge: FakeBridge, template: str, *, text: str,
        data: st.DataObject, edits: list[tuple[str, int, str | int]]) -> None:
    if template == "continue":
        first = last = data.draw(st.integers(0, len(text)))
    else:
        first = data.draw(st.integers(0, len(text) - 1))
        last = data.draw(st.integers(first + 1, len(text)))
        if not text[first:last].strip():
            last = len(text)
            if not text[first:last].strip():
                return  # nothing to rewrite: covered by its own test
    model = start_task(window, text, template, first, last)
    if template != "continue":
        # Space and paragraph breaks at the selection's edges stay the writer's.
        first += len(text[first:last]) - len(text[first:last].lstrip())
        last = len(text[:last].rstrip())
        model = Model(text, first, last)
    request = fake_bridge.requests[-1]
    selection = text[first:last]
    if template != "continue":
        assert selection in request.prompt  # the text the writer selected, exactly
    streamed = ""
    for kind, where, what in edits:
        if kind == "piece":
            assert isinstance(what, str)
            fake_bridge.piece(request.id, what)
            streamed += what
        else:
            apply_edit(window, model, kind, where, what)
        assert document_text(window.editor) == model.text  # nothing proposed is inserted
        if model.cancelled:
            assert window.tasks.state is TaskState.IDLE
            assert window.editor.proposal_text() == ""
            return
    fake_bridge.piece(request.id, " end.")
    streamed += " end."
    window.tasks.accept()
    expected = streamed if template == "continue" else streamed.lstrip()
    assert document_text(window.editor) == (model.text[:model.start] + expected
                                            + model.text[model.end:])
    window.editor.undo()
    assert document_text(window.editor) == model.text


def test_an_emoji_before_the_cursor_does_not_shift_the_suggestion_context(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    text = "Smile 😀😀 and go"
    window.editor.setPlainText(text)
    cursor = window.editor.textCursor()
    cursor.setPosition(position_at(text, text.index(" go")))
    window.editor.setTextCursor(cursor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    prompt = fake_bridge.requests[-1].prompt
    assert prompt.endswith("😀😀 and")
    fake_bridge.stream(" run")
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert document_text(window.editor) == "Smile 😀😀 and run go"
    assert index_at(document_text(window.editor), window.editor.textCursor().position()) == \
        len("Smile 😀😀 and run")
