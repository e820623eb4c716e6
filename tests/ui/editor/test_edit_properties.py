"""Property-based, stateful: any sequence of typing, deleting, cursor moves, input method
compositions (started, changed, committed, cancelled), suggestions asked for, streamed,
finished, accepted (whole or a word), dismissed, and rewrites started, streamed,
stopped, accepted and rejected, in the real window on a stand-in engine. After every
step the document is exactly the writer's edits plus the text they accepted, which is
exactly what was on screen; nothing streaming is ever part of it; a composition is shown
exactly as the input method sent it; and the recovery copy holds the same text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.fakes import FakeBridge
from writer_app.app import app_paths
from writer_app.core.prompt_templates import load_library
from writer_app.core.recovery_journal import decode_snapshot
from writer_app.core.settings import Settings
from writer_app.core.utf16_positions import index_at, position_at
from writer_app.resources import resource_path
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.tasks.task_controller import TaskState
from writer_app.ui.window.main_window import MainWindow

LIBRARY = load_library(resource_path("templates"))
# Characters outside the Basic Multilingual Plane (two Qt positions, one Python index)
# everywhere: in typing, suggestions, compositions and what they commit.
CHARACTERS = st.sampled_from([*"abc de\n", "é", "—", "😀", "𠀀"])
PIECES = st.text(st.sampled_from([*"xy z.", "é", "😀", "𝔸"]), min_size=1, max_size=5)
COMPOSITIONS = st.text(st.sampled_from([*"zhong", "中", "か", "ㅎ", "한", "😀", "𪚥"]),
                       min_size=1, max_size=4)
COMMITS = st.sampled_from(["", "中", "漢字", "한", "z", "😀", "𠀀"])


def not_composing(session: WritingSession) -> bool:
    return session.composing is None


def press(window: MainWindow, key: Qt.Key, text: str = "",
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Send a key press and release to the editor, as a keyboard does."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(window.editor, QKeyEvent(kind, key, modifiers, text))


class WritingSession(RuleBasedStateMachine):
    """The writer's text, modelled as a plain string beside the real editor."""

    def __init__(self) -> None:
        super().__init__()
        self.bridge = FakeBridge()
        self.window = MainWindow(Settings(suggestions_enabled=False), app_paths(),
                                 self.bridge)  # type: ignore[arg-type]
        self.window.documents.ask_save_changes = (  # type: ignore[method-assign]
            lambda: QMessageBox.StandardButton.Discard)
        self.window.show()
        self.window.editor.setFocus()
        self.text = ""
        self.task_range: tuple[int, int] | None = None  # Python indices of a rewrite
        self.composing: str | None = None  # the input method's preedit, while composing

    # --- the writer's own edits -------------------------------------------------

    def _cursor_index(self) -> int:
        return index_at(self.text, self.window.editor.textCursor().position())

    def _edited(self, index: int, removed: int, added: str) -> None:
        """Update the model; an edit touching a rewrite's range ends the rewrite."""
        if self.task_range is not None:
            start, end = self.task_range
            if index + removed <= start and not (removed == 0 and index == start == end):
                shift = len(added) - removed
                self.task_range = (start + shift, end + shift)
            elif index >= end and not (index == end and removed == 0 and start == end):
                pass
            else:
                self.task_range = None
        self.text = self.text[:index] + added + self.text[index + removed:]

    @precondition(not_composing)
    @rule(character=CHARACTERS)
    def type_character(self, character: str) -> None:
        cursor = self.window.editor.textCursor()
        cursor.clearSelection()
        self.window.editor.setTextCursor(cursor)
        index = self._cursor_index()
        key = Qt.Key.Key_Return if character == "\n" else Qt.Key.Key_unknown
        proposal = self.window.tasks.proposal
        press(self.window, key, character)
        if character == "\n" and proposal and self.task_range is not None \
                and self.task_range[0] <= index <= self.task_range[1]:
            self._accept_rewrite(proposal)  # Enter at a proposal accepts it
        else:
            self._edited(index, 0, character)

    @precondition(not_composing)
    @precondition(lambda self: self.text)
    @rule()
    def backspace(self) -> None:
        cursor = self.window.editor.textCursor()
        cursor.clearSelection()
        self.window.editor.setTextCursor(cursor)
        index = self._cursor_index()
        if index == 0:
            return
        press(self.window, Qt.Key.Key_Backspace)
        # One Backspace removes one code point (the emoji is one, in two UTF-16 units).
        self._edited(index - 1, 1, "")

    @precondition(not_composing)
    @rule(where=st.integers(0, 10_000))
    def move_cursor(self, where: int) -> None:
        index = where % (len(self.text) + 1)
        cursor = self.window.editor.textCursor()
        cursor.setPosition(position_at(self.text, index))
        self.window.editor.setTextCursor(cursor)

    # --- an input method ---------------------------------------------------------

    def _input_method(self, preedit: str, commit: str) -> None:
        event = QInputMethodEvent(preedit, [])
        event.setCommitString(commit)
        index = self._cursor_index()
        QApplication.sendEvent(self.window.editor, event)
        if commit:
            self._edited(index, 0, commit)
        self.composing = preedit or None

    @rule(preedit=COMPOSITIONS)
    def compose(self, preedit: str) -> None:
        if self.composing is None:
            cursor = self.window.editor.textCursor()
            cursor.clearSelection()
            self.window.editor.setTextCursor(cursor)
        self._input_method(preedit, "")
        event("composed")

    @precondition(lambda self: self.composing is not None)
    @rule(commit=COMMITS, next_preedit=st.one_of(st.just(""), COMPOSITIONS))
    def commit_the_composition(self, commit: str, next_preedit: str) -> None:
        # Empty commit: the writer cancelled; a next preedit: Korean goes on composing.
        self._input_method(next_preedit, commit)
        event("committed a composition")

    # --- ghost text ---------------------------------------------------------------

    @rule()
    def ask_for_a_suggestion(self) -> None:
        press(self.window, Qt.Key.Key_Space, " ", Qt.KeyboardModifier.ControlModifier)

    @rule(pieces=st.lists(PIECES, min_size=1, max_size=3), finish=st.booleans())
    def a_suggestion_arrives(self, pieces: list[str], finish: bool) -> None:
        asked = len(self.bridge.requests)
        self.ask_for_a_suggestion()
        if len(self.bridge.requests) > asked:
            self.bridge.stream(*pieces, finish=finish)
            if self.window.editor.ghost_text():
                event("a suggestion was shown")

    @precondition(lambda self: self.bridge.requests)
    @rule(piece=PIECES, finish=st.booleans())
    def stream_a_suggestion(self, piece: str, finish: bool) -> None:
        # Possibly for a request the writer has typed past: it must then be dropped.
        self.bridge.stream(piece, finish=finish)

    @rule()
    def accept_the_whole_suggestion(self) -> None:
        ghost = self.window.editor.ghost_text()
        index = self._cursor_index()
        self.window.suggestions.accept_all()
        if ghost:
            event("accepted a whole suggestion")
            self._edited(index, 0, ghost)

    @rule()
    def accept_a_word(self) -> None:
        ghost = self.window.editor.ghost_text()
        index = self._cursor_index()
        before = document_text(self.window.editor)
        self.window.suggestions.accept_word()
        after = document_text(self.window.editor)
        added = after[index:index + len(after) - len(before)]
        assert ghost.startswith(added)
        assert bool(added) == bool(ghost)
        if added:
            event("accepted a word")
            self._edited(index, 0, added)

    @rule()
    def dismiss(self) -> None:
        self.window.suggestions.dismiss()

    # --- a rewrite ------------------------------------------------------------------

    @precondition(lambda self: self.text.strip() and self.window.tasks.state is TaskState.IDLE
                  and self.composing is None)
    @rule(data=st.data())
    def start_a_rewrite(self, data: st.DataObject) -> None:
        first = data.draw(st.integers(0, len(self.text) - 1))
        last = data.draw(st.integers(first + 1, len(self.text)))
        if not self.text[first:last].strip():
            return
        cursor = self.window.editor.textCursor()
        cursor.setPosition(position_at(self.text, first))
        cursor.setPosition(position_at(self.text, last), QTextCursor.MoveMode.KeepAnchor)
        self.window.editor.setTextCursor(cursor)
        if self.window.tasks.run(LIBRARY.templates["rewrite-shorten"]):
            # The spaces and paragraph breaks at the selection's edges stay the writer's.
            selected = self.text[first:last]
            self.task_range = (first + len(selected) - len(selected.lstrip()),
                               last - len(selected) + len(selected.rstrip()))

    @precondition(lambda self: self.window.tasks.state is TaskState.WRITING)
    @rule(piece=PIECES)
    def stream_the_rewrite(self, piece: str) -> None:
        self.bridge.piece(self.bridge.requests[-1].id, piece)

    @rule()
    def stop_the_rewrite(self) -> None:
        self.window.tasks.stop()

    @rule()
    def accept_the_rewrite(self) -> None:
        proposal = self.window.tasks.proposal
        self.window.tasks.accept()
        self._accept_rewrite(proposal)

    def _accept_rewrite(self, proposal: str) -> None:
        if proposal and self.task_range is not None:
            event("accepted a rewrite")
            start, end = self.task_range
            self.text = self.text[:start] + proposal + self.text[end:]
            self.task_range = None

    @rule()
    def reject_the_rewrite(self) -> None:
        if self.window.tasks.proposal:
            event("rejected a rewrite")
        self.window.tasks.reject()
        self.task_range = None

    # --- what must always hold ---------------------------------------------------

    @invariant()
    def the_document_is_the_writers_text(self) -> None:
        assert document_text(self.window.editor) == self.text
        editor = self.window.editor
        assert editor.is_composing() == (self.composing is not None)
        if self.composing is not None:
            layout = editor.textCursor().block().layout()
            assert layout.preeditAreaText() == self.composing
            assert editor.ghost_text() == ""
            assert editor.proposal_text() == ""
        if self.window.tasks.state is TaskState.IDLE:
            self.task_range = None

    @invariant()
    def what_is_painted_covers_exactly_its_characters(self) -> None:
        editor = self.window.editor
        painted = editor.ghost_text() or editor.proposal_text()
        block = editor.textCursor().block()
        if painted and editor.ghost_position() >= 0:
            block = editor.document().findBlock(editor.ghost_position())
            assert block.layout().preeditAreaText() == painted.replace("\n", "\u2028")
        layout = block.layout()
        units = block.text().encode("utf-16-le", "surrogatepass")
        preedit = layout.preeditAreaText().encode("utf-16-le", "surrogatepass")
        at = 2 * layout.preeditAreaPosition()
        shown = units[:at] + preedit + units[at:] if preedit else units
        covering = [shown[2 * r.start:2 * (r.start + r.length)].decode("utf-16-le")
                    for r in layout.formats()]  # never half a character
        if preedit:
            # Whoever put text in the preedit area formats exactly that text.
            assert layout.preeditAreaText() in covering

    def teardown(self) -> None:
        autosaver = self.window.documents.autosaver
        assert autosaver is not None
        autosaver.copy_now()
        autosaver.journal.flush()
        copy = autosaver.journal.journal_path(autosaver.document_id)
        if self.window.editor.document().isModified():
            assert decode_snapshot(copy.read_bytes())[0].text == self.text
        self.window.close()
        self.window.deleteLater()
        # Delete it now, not in whichever later test next runs the event loop.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_the_document_is_always_the_writers_edits_plus_what_they_accepted(
        qapp: QApplication, writer_home: Path) -> None:
    WritingSession.TestCase.settings = settings(
        max_examples=150, stateful_step_count=40, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    WritingSession.TestCase().runTest()
