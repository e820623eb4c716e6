"""The writing surface: a plain-text editor that can paint ghost text after the cursor.

Ghost text goes into the block layout's preedit area, the mechanism input methods use
for text still being composed. Qt lays it out inline (it wraps, and the rest of the
line flows after it) but it is not part of the document: the text, the undo history,
the modified flag and what Save writes stay untouched until the writer accepts.

The area is the input method's: a composition in progress (the "zhong" typed before
choosing 中) owns it, and ghost text and proposals wait until it ends. A composition that
ends with nothing committed may not have ended (ibus-libpinyin, given Tab, hides it and
goes on taking every key): the input method counts as busy until it commits, or until a
key reaches the editor, which it would have taken had it held anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QLocale, QMimeData, Qt, Signal, Slot
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QInputMethodEvent,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from writer_app.core.word_breaks import ends_a_word
from writer_app.ui.editor.block_decorations import BlockDecorations
from writer_app.ui.editor.ghost_formats import ghost_format, proposal_format
from writer_app.ui.editor.ghost_reveal import reveal
from writer_app.ui.editor.hit_test import hit_at
from writer_app.ui.editor.input_method_edits import text_change, to_editor, to_viewport
from writer_app.ui.editor.key_router import MODIFIER_KEYS, KeyRouter, is_writing_key
from writer_app.ui.editor.spaced_editor import SpacedTextEdit
from writer_app.ui.editor.writing_column import center_column
from writer_app.ui.editor.writing_fonts import writing_font

DEFAULT_TEXT_POINTS = 13
# View → Zoom In / Out: the text's size in points, one point a step.
TEXT_POINTS_RANGE = (8, 40)


def document_text(editor: GhostTextEdit) -> str:
    """Return the editor's text exactly, with "\\n" between paragraphs.

    toPlainText() would turn non-breaking spaces into plain ones; the writer's
    characters must reach the model and the file unchanged.
    """
    return editor.plain_text()


class GhostTextEdit(SpacedTextEdit):
    """A QPlainTextEdit with a centred writing column and painted ghost text."""

    # True when an input method starts composing, False once it holds nothing (see
    # input_method_busy).
    composition_changed = Signal(bool)
    # True while a task is under way, False once it ends: the task's proposal has the
    # place where ghost text would go, so ghost text holds back meanwhile.
    task_hold_changed = Signal(bool)
    # The proposal was taken off the screen for an input method's event that left the
    # input method idle (IBus sends empty ones when focus changes): paint it again.
    proposal_taken_off = Signal()
    # True when a menu or a window takes the keyboard, False when it comes back.
    covered = Signal(bool)
    typed = Signal(str)  # what a key typed, just after the editor inserted it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_writing_font("", DEFAULT_TEXT_POINTS)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setTabChangesFocus(False)
        self.document().setDocumentMargin(12)
        self.document().setModified(False)  # a margin counts as a change to Qt
        self._ghost_block = -1
        self._ghost_text = ""
        self._ghost_position = -1
        self._showing_proposal = False
        self._composing = False
        self._hiding_input = False  # a composition ended with nothing committed
        self._input_method_change: tuple[int, int, int] | None = None
        self._held_for_task = False
        self._writing = False  # a key the writer types, or a commit, is being applied
        self.keys = KeyRouter(self, self.input_method_busy,
                              self.input_method_let_a_key_through)
        # First of all the document's listeners: none may read the text before this
        # has forgotten the copy made before the edit.
        self._text: str | None = None
        self._text_count = 0
        self._edit_blocks = 0  # edit blocks open through edit_block()
        self.document().contentsChange.connect(self._forget_text)
        # Everything drawn into the text's layout goes through it, ghost text included.
        self.decorations = BlockDecorations(self, self.plain_text)
        self.paragraphs.in_code = self.decorations.fences.in_code
        self.paragraphs.markdown = lambda: self.decorations.fences.enabled
        self.decorations.fences.changed.connect(self.paragraphs.forget)

    def set_writing_font(self, family: str, points: float) -> None:
        """Draw the text in `family` ("" for the shipped choice of writing fonts) at
        `points`; the shipped fonts stay behind it for the scripts it lacks."""
        self.setFont(writing_font(family, points, QLocale().name()))

    def plain_text(self) -> str:
        """Return the text with "\\n" between paragraphs (see document_text)."""
        # Copying a book out of the document takes milliseconds, and a pause asks for
        # it several times (suggestion, read-ahead, counts, fences, autosave): it is
        # copied once per edit. Inside an edit block contentsChange comes only when the
        # block ends, and neither Qt's revision nor any signal tells of an edit that
        # keeps the length: while one of ours is open the text is copied every time
        # (the length check still catches Qt's own blocks, which call no code of ours).
        document = self.document()
        count = document.characterCount()
        if self._text is None or count != self._text_count or self._edit_blocks:
            self._text = document.toRawText().replace("\u2029", "\n")
            self._text_count = count
        return self._text

    @contextmanager
    def edit_block(self, cursor: QTextCursor) -> Iterator[QTextCursor]:
        """Make the edits through `cursor` one undo step; the text read meanwhile is
        the text as edited so far."""
        self._edit_blocks += 1
        cursor.beginEditBlock()
        try:
            yield cursor
        finally:
            cursor.endEditBlock()
            self._edit_blocks -= 1
            self._text = None

    @Slot(int, int, int)
    def _forget_text(self, _position: int, _removed: int, _added: int) -> None:
        self._text = None

    # --- ghost text -------------------------------------------------------------

    def ghost_text(self) -> str:
        """Return the ghost text on screen ("" when none, or a proposal is shown)."""
        return "" if self._showing_proposal else self._ghost_text

    def proposal_text(self) -> str:
        """Return the proposal on screen ("" when none)."""
        return self._ghost_text if self._showing_proposal else ""

    def ghost_position(self) -> int:
        """Return the document offset the ghost text follows (-1 when none)."""
        return self._ghost_position

    def is_composing(self) -> bool:
        """Return whether an input method is composing text (its preedit is shown)."""
        return self._composing

    def input_method_busy(self) -> bool:
        """Return whether an input method may hold input: it is composing, or its
        composition ended with nothing committed and no key has reached the editor since
        (it may have hidden the composition and kept it, and then takes every key)."""
        return self._composing or self._hiding_input

    def input_method_let_a_key_through(self, event: QKeyEvent) -> None:
        """Note a key that reached the editor past the input method: one with text or
        Esc, Tab, Enter, a cursor key, without Ctrl, Alt or Meta (which an input method
        may let through while it holds input). An input method holding input would have
        taken it, so it holds nothing now."""
        held = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.MetaModifier)
        if (not self._hiding_input or event.modifiers() & held
                or event.key() in MODIFIER_KEYS):
            return
        self._hiding_input = False
        if not self._composing:
            self.composition_changed.emit(False)

    def input_method_change(self) -> tuple[int, int, int] | None:
        """While the editor applies an input method's event, return what it changes in
        the text as (position, removed, added) in Qt positions, (position, 0, 0) when
        only the composition changes; None at any other time.

        Qt reports every such event as a change of the whole paragraph, the text
        unchanged or not, so listeners that place things by edits (a task's range) ask
        here."""
        return self._input_method_change

    def writer_is_writing(self) -> bool:
        """Return whether the change being made is the writer's own writing at the
        cursor: a key that types, Return, Backspace or Delete, or an input method's
        commit. Ghost text is asked for after writing, not after a move, an undo, a
        paste, a correction or a jump from the outline."""
        return self._writing

    def word_ended(self) -> bool:
        """Return whether the character before the cursor ends a word (see ends_a_word)."""
        position = self.textCursor().position()
        return position > 0 and ends_a_word(self.document().characterAt(position - 1))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._writing = is_writing_key(event)
        try:
            super().keyPressEvent(event)
            if self._writing and event.text():
                self.typed.emit(event.text())
        finally:
            self._writing = False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() in (Qt.FocusReason.PopupFocusReason,
                              Qt.FocusReason.ActiveWindowFocusReason):
            self.covered.emit(True)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.covered.emit(False)

    def hold_for_task(self, held: bool) -> None:
        """Give the place after the cursor to a task while it is under way, or give it
        back; ghost text on screen goes at once."""
        if held == self._held_for_task:
            return
        self._held_for_task = held
        if held:
            self.clear_ghost()
        self.task_hold_changed.emit(held)

    def show_ghost(self, position: int, text: str) -> bool:
        """Paint `text` as ghost text at document offset `position`; return whether it
        is on screen.

        What is painted after the cursor follows one order: an input method's
        composition, then a task's proposal, then ghost text. Ghost text never shows
        while either of the others is there or a task holds the screen.
        """
        if self._showing_proposal or self.input_method_busy() or self._held_for_task:
            return False
        self._paint_preedit(position, text, ghost_format(self.palette()))
        return bool(text)

    def show_proposal(self, start: int, end: int, text: str) -> None:
        """Paint a proposal: the text from `start` to `end` struck through, and `text`
        highlighted after it. Like ghost text, it is not part of the document.

        Not while an input method may hold input: it comes back once that ends."""
        if self.input_method_busy():
            return
        struck = QTextEdit.ExtraSelection()
        struck.cursor = self.textCursor()
        struck.cursor.setPosition(start)
        struck.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        struck.format = QTextCharFormat()
        struck.format.setFontStrikeOut(True)
        struck.format.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        self.setExtraSelections([struck] if end > start else [])
        self._showing_proposal = True
        # A proposal still empty shows a thin space, so the writer sees where it goes.
        self._paint_preedit(end, text or "\u200a", proposal_format(self.palette()))

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        composing = bool(event.preeditString())
        committed = bool(event.commitString()) or event.replacementLength() > 0
        took_proposal = self._showing_proposal
        if self._ghost_block >= 0 and (
                composing or self._ghost_block == self.textCursor().blockNumber()):
            # Off the screen before Qt puts the composition in the same preedit area
            # (Qt would take what is painted there for a composition, and an empty event
            # for the end of one: it would delete the selection).
            self.setExtraSelections([])
            self._showing_proposal = False
            self._clear_preedit()
        was_busy = self.input_method_busy()
        if composing or committed:
            self._hiding_input = False
        elif self._composing:
            self._hiding_input = True  # cancelled, or hidden and kept: Qt cannot tell
        self._composing = composing
        self._input_method_change = text_change(event, self.textCursor())
        self._writing = bool(event.commitString())
        try:
            super().inputMethodEvent(event)
        finally:
            self._input_method_change = None
            self._writing = False
        if composing:
            # Qt gave the block the composition's formats alone: add the others back.
            self.decorations.reapply(self.textCursor().block())
        busy = self.input_method_busy()
        if busy != was_busy:
            self.composition_changed.emit(busy)
        elif took_proposal and not busy and not self._showing_proposal:
            self.proposal_taken_off.emit()  # its owner knows where it goes now

    def inputMethodQuery(self, query: Qt.InputMethodQuery, argument: Any = None) -> Any:
        """Answer in the editor's coordinates, as Qt's input methods take the answer
        (QPlainTextEdit's are the viewport's, which the centred column's margins move:
        the candidate window opened a margin to the left of and above the cursor)."""
        viewport = self.viewport().geometry()
        value = (super().inputMethodQuery(query) if argument is None else
                 super().inputMethodQuery(query, to_viewport(argument, viewport)))
        return to_editor(query, value, viewport)

    def clear_proposal(self) -> None:
        """Remove the proposal from the screen."""
        if self._showing_proposal:
            self.setExtraSelections([])
            self._showing_proposal = False
            self._clear_preedit()

    def _paint_preedit(self, position: int, text: str, text_format: QTextCharFormat) -> None:
        if not text:
            self._clear_preedit()
            return
        if position == self._ghost_position and text == self._ghost_text:
            return
        self._clear_preedit()
        block = self.document().findBlock(position)
        if not block.isValid():
            return
        # A line separator breaks the line inside one block layout, as "\n" would.
        shown = text.replace("\n", "\u2028")
        self.decorations.set_preedit(block, position - block.position(), shown, text_format)
        self._ghost_block = block.blockNumber()
        self._ghost_text = text
        self._ghost_position = position
        reveal(self, block)

    def clear_ghost(self) -> None:
        """Remove any ghost text from the screen (a proposal stays)."""
        if not self._showing_proposal:
            self._clear_preedit()

    def _clear_preedit(self) -> None:
        if self._ghost_block < 0:
            return
        block = self.document().findBlockByNumber(self._ghost_block)
        self._ghost_block = -1
        self._ghost_text = ""
        self._ghost_position = -1
        if block.isValid():
            self.decorations.set_preedit(block, -1, "", None)
            self.viewport().update()

    def refresh_ghost_colors(self) -> None:
        """Repaint the ghost text after a palette (theme) change."""
        position, text = self._ghost_position, self._ghost_text
        if text:
            self.clear_ghost()
            self.show_ghost(position, text)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Qt takes what is painted in the preedit area for text: beside ghost text or a
        # proposal, a click would land as many characters right as it is long.
        painted = self._ghost_block >= 0 and not self._composing
        hit = hit_at(self, event.position().toPoint()) if painted else None
        super().mousePressEvent(event)
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            cursor = self.textCursor()
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            cursor.setPosition(hit.position, QTextCursor.MoveMode.KeepAnchor if shift
                               else QTextCursor.MoveMode.MoveAnchor)
            self.setTextCursor(cursor)

    # --- edits that do not come through key presses ------------------------------
    # Clearing first keeps Qt from laying out an edit around stale ghost text.

    def undo(self) -> None:
        self.clear_ghost()
        super().undo()

    def redo(self) -> None:
        self.clear_ghost()
        super().redo()

    def cut(self) -> None:
        self.clear_ghost()
        super().cut()

    def paste(self) -> None:
        self.clear_ghost()
        super().paste()

    def insertFromMimeData(self, source: QMimeData) -> None:
        self.clear_ghost()
        super().insertFromMimeData(source)

    # --- the writing column -----------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        center_column(self)

    def setFont(self, font: QFont) -> None:
        self.paragraphs.forget()
        super().setFont(font)
        center_column(self)
