"""Ghost text behaviour: ask when the writer pauses, stream in, accept, type through, dismiss.

Its keys come through suggestion_keys.py. Each request is a Generation handle: dismissing
cancels it, and a cancelled handle delivers nothing, so nothing late reaches the screen.
"""

from __future__ import annotations

from contextlib import nullcontext

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from writer_app.core.context import ContextBudget
from writer_app.core.prose import SuggestionLength
from writer_app.core.suggestion import Speculation, Suggestion
from writer_app.core.utf16_positions import index_at
from writer_app.engine.client.suggestion_request import Planner, SuggestionPlan, plan_suggestion
from writer_app.engine.client.window_hold import WindowHold
from writer_app.ui.bridge.engine_service import EngineService
from writer_app.ui.bridge.generation import Generation
from writer_app.ui.bridge.prompt_prefill import PromptPrefill
from writer_app.ui.bridge.read_ahead import ReadAhead
from writer_app.ui.editor.ghost_editor import GhostTextEdit, document_text
from writer_app.ui.editor.suggestion_keys import SuggestionKeys
from writer_app.ui.editor.suggestion_messages import nothing_came, why_not_asked

FRAME_MS = 16


class SuggestionController(QObject):
    """Drive ghost text in one editor from one engine."""

    suggestion_requested = Signal(int)  # request id
    suggestion_shown = Signal(str)  # the visible ghost text
    suggestion_accepted = Signal(str)  # the text inserted into the document
    suggestion_dismissed = Signal()
    # Asked for by the writer (Ctrl+Space), and nothing came: why, in their words.
    nothing_offered = Signal(str)

    def __init__(self, editor: GhostTextEdit, bridge: EngineService, *, pause_ms: int,
                 length: SuggestionLength, context_chars: int, enabled: bool = True) -> None:
        super().__init__(editor)
        self._editor = editor
        self._bridge = bridge
        self.length = length
        self.enabled = enabled
        self.budget = ContextBudget(before_chars=context_chars)
        self._suggestion: Suggestion | None = None
        self._speculation: Speculation | None = None
        # The handles of their requests (None once a request has ended).
        self._suggesting: Generation | None = None
        self._speculating: Generation | None = None
        self._own_edit = False
        self._paused = False
        # A menu or a dialog covers the editor: ghost text is off the screen meanwhile.
        self._covered = False
        self._shown_when_covered = ""
        self._asked_by_writer = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(pause_ms)
        self._timer.timeout.connect(self.request_now)
        # After a move the place is read but not suggested at (see _on_edit_or_move).
        self._reading_only = False
        # Which windows the engine has read: a move to one not read yet waits for it.
        self.hold = WindowHold()
        bridge.model_loaded.connect(lambda loaded: self.hold.forget(  # see ModelSwitch._load
            loaded.n_ctx, self.plan(plan_suggestion) if self.enabled else None))
        self._prefill = PromptPrefill(bridge, self.plan, lambda: self._timer.isActive()
                                      or self._reading_only, self, self.hold.note_read)
        self.read_ahead = ReadAhead(bridge, self, self.hold.note_read)
        self._prefill.sent.connect(lambda: self.read_ahead.want(self.plan(self.hold.ahead(
            bridge.loaded.reads_per_s if bridge.loaded else 0)), ahead=True))
        # A piece is painted at once; pieces that follow within a frame are painted
        # together with the next frame, so a fast model never relayouts per token.
        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.setInterval(FRAME_MS)
        self._frame_timer.timeout.connect(self._render)
        editor.keys.ghost = editor.keys.input_method = SuggestionKeys(self, editor)
        editor.document().contentsChanged.connect(self._on_edit_or_move)
        editor.cursorPositionChanged.connect(self._on_edit_or_move)
        editor.composition_changed.connect(self._on_composition_changed)
        editor.task_hold_changed.connect(self.set_paused)
        editor.covered.connect(self._on_covered)

    @property
    def pause_ms(self) -> int:
        return self._timer.interval()

    @pause_ms.setter
    def pause_ms(self, value: int) -> None:
        self._timer.setInterval(value)

    @property
    def suggestion(self) -> Suggestion | None:
        return self._suggestion

    def pause_pending(self) -> bool:
        """Return whether a pause is being timed (its end asks for a suggestion)."""
        return self._timer.isActive()

    def prefill_pending(self) -> bool:
        """Return whether a prefill is being timed (its end may send one)."""
        return self._prefill.pending()

    # --- asking ---------------------------------------------------------------

    @Slot(bool)
    def set_paused(self, paused: bool) -> None:
        """Hold ghost text back while a task has the engine and the screen (the editor
        says when, see GhostTextEdit.hold_for_task)."""
        self._paused = paused
        if paused:
            self._timer.stop()
            self._prefill.stop()
            self.dismiss()

    def _schedule(self, suggest: bool = True) -> None:
        """Time the pause that asks for a suggestion (unless not `suggest`), and the
        reading of the prompt before it."""
        self._reading_only = not suggest
        if self.enabled and not self._paused and not self._editor.input_method_busy():
            if suggest:
                self._timer.start()
            else:
                self._timer.stop()
            self._prefill.schedule(word_ended=suggest and self._editor.word_ended())
        else:
            self._timer.stop()
            self._prefill.stop()

    def plan(self, planner: Planner | None = None) -> SuggestionPlan | None:
        cursor = self._editor.textCursor()
        if cursor.hasSelection():
            return None
        text = document_text(self._editor)
        return self._plan_in(text, index_at(text, cursor.position()), planner)

    def _plan_in(self, text: str, index: int,
                 planner: Planner | None = None) -> SuggestionPlan | None:
        loaded = self._bridge.loaded
        return (planner or self.hold.here)(text, index, self.budget, self.length,
                                           loaded is not None and loaded.fill_in_middle)

    def read_here(self, *_why: object) -> None:
        """Have the cursor's window read in the background: the first pause finds it."""
        if self.enabled and not self._paused:
            self.read_ahead.want(self.plan())

    def request_now(self) -> int | None:
        """Ask for a suggestion at the cursor at once; return the request id. Not while a
        task's proposal has the place ghost text would show in, nor while an input method
        composes or may hold input out of sight (the next key would go to it)."""
        self._timer.stop()
        self._prefill.stop()
        self.dismiss()
        if self._paused or self._editor.input_method_busy():
            return None
        plan = self.plan()
        if plan is None:
            return None
        self._prefill.make_way(plan)
        position = self._editor.textCursor().position()
        generation = self._ask(plan)
        if generation is None:
            return None
        self._suggesting = generation
        self._suggestion = Suggestion(generation.request_id, position, plan.before_tail,
                                      plan.after_head, self.length, window=plan.window)
        self.suggestion_requested.emit(generation.request_id)
        return generation.request_id

    def suggest_now(self) -> int | None:
        """Ask at once because the writer asked (Ctrl+Space, the menu); if nothing can
        come, or nothing comes, say so (`nothing_offered`) rather than stay silent."""
        request = self.request_now()
        if request is not None:
            self._asked_by_writer = True
            return request
        why = why_not_asked(self._paused, self._editor.input_method_busy(),
                            self.plan() is not None)
        if why:
            self.nothing_offered.emit(why)
        return None

    def _ask(self, plan: SuggestionPlan) -> Generation | None:
        generation = self._bridge.generate(plan.prompt, plan.sampling, suffix=plan.suffix,
                                           stop_rule=plan.stop_rule)
        if generation is not None:
            generation.piece_received.connect(lambda text: self._on_piece(generation, text))
            generation.finished.connect(lambda _finished: self._on_finished(generation))
            generation.failed.connect(lambda _error: self._on_failed(generation))
        return generation

    # --- streaming ------------------------------------------------------------

    # A handle that reaches these is live: dismissing cancels it, and a cancelled
    # handle delivers nothing. Which one it is says where its text goes.

    def _on_piece(self, generation: Generation, text: str) -> None:
        if generation is self._speculating and self._speculation is not None:
            self._speculation.raw += text
            return
        suggestion = self._suggestion
        if generation is not self._suggesting or suggestion is None:
            return
        suggestion.add_piece(text)
        if not self._frame_timer.isActive():
            self._render()
            self._frame_timer.start()

    def _on_finished(self, generation: Generation) -> None:
        if generation is self._speculating and self._speculation is not None:
            self._speculating = None
            self._speculation.finished = True
            return
        suggestion = self._suggestion
        if generation is not self._suggesting or suggestion is None:
            return
        self._suggesting = None
        suggestion.finished = True
        if suggestion.visible():
            self._render()
            self._speculate(suggestion)
        else:
            asked = self._asked_by_writer
            self.dismiss()
            if asked:
                self.nothing_offered.emit(nothing_came())

    def _on_failed(self, generation: Generation) -> None:
        if generation is self._speculating:
            self._speculating = self._speculation = None
        elif generation is self._suggesting:
            self._suggesting = None
            self.dismiss()

    def _render(self) -> None:
        suggestion = self._suggestion
        if suggestion is None or self._covered:
            return
        visible = suggestion.visible()
        if visible == self._editor.ghost_text():
            return
        self._editor.show_ghost(suggestion.position, visible)
        if visible:
            self.suggestion_shown.emit(visible)

    # --- the writer's answer --------------------------------------------------

    def dismiss(self) -> None:
        """Remove the suggestion and stop its generation (and the one after it)."""
        self._drop_speculation()
        self._clear_suggestion()

    def _clear_suggestion(self) -> None:
        suggestion = self._suggestion
        self._suggestion = None
        self._shown_when_covered = ""
        self._asked_by_writer = False
        self._frame_timer.stop()
        self._editor.clear_ghost()
        if self._suggesting is not None:
            self._suggesting.cancel()
            self._suggesting = None
        if suggestion is not None:
            self.suggestion_dismissed.emit()

    def _drop_speculation(self) -> None:
        self._speculation = None
        if self._speculating is not None:
            self._speculating.cancel()
            self._speculating = None

    def _speculate(self, suggestion: Suggestion) -> None:
        """Ask, while the writer reads, for what would follow `suggestion` accepted.

        Only with automatic suggestions on: a writer who turned them off asks for each.
        """
        self._drop_speculation()
        if not self.enabled:
            return
        text = document_text(self._editor)
        index = index_at(text, suggestion.position)
        visible = suggestion.visible()
        plan = self._plan_in(text[:index] + visible + text[index:], index + len(visible))
        if plan is None:
            return
        generation = self._ask(plan)
        if generation is not None:
            self._speculating = generation
            self._speculation = Speculation(generation.request_id, plan.prompt, plan.suffix)

    def _after_accepting_all(self) -> None:
        """Show the speculated next suggestion at once, or ask after the pause."""
        self._clear_suggestion()
        speculation = self._speculation
        plan = self.plan()
        if speculation is None or plan is None or not speculation.follows(plan.prompt,
                                                                           plan.suffix):
            self._drop_speculation()
            self._schedule()
            return
        self._speculation = None
        self._suggesting, self._speculating = self._speculating, None
        position = self._editor.textCursor().position()
        suggestion = Suggestion(speculation.request_id, position, plan.before_tail,
                                plan.after_head, self.length, raw=speculation.raw,
                                finished=speculation.finished, window=plan.window)
        self._suggestion = suggestion
        self.suggestion_requested.emit(suggestion.request_id)
        if suggestion.visible():
            self._render()
            if suggestion.finished:
                self._speculate(suggestion)
        elif suggestion.finished:
            self.dismiss()
            self._schedule()

    def accept_all(self) -> None:
        """Insert all the ghost text on screen as one undo step."""
        self._accept(word=False)

    def accept_word(self) -> None:
        """Insert the next word of the ghost text on screen as one undo step."""
        self._accept(word=True)

    def _accept(self, *, word: bool) -> None:
        suggestion = self._suggestion
        shown = self._shown_when_covered if self._covered else self._editor.ghost_text()
        if suggestion is None or not shown:
            return
        text, agrees = suggestion.take_shown(shown, word=word)
        self._insert(text, undo_step=True)
        if word and agrees:
            self._after_partial_accept(suggestion)
        else:
            self._after_accepting_all()

    def type_through(self, typed: str) -> bool:
        """Take `typed` as the next ghost text typed; return whether it was that."""
        suggestion = self._suggestion
        if suggestion is None or not suggestion.type_through(typed):
            return False
        # Inserted like ordinary typing, so it joins the surrounding typing's undo step.
        self._insert(typed, undo_step=False)
        self._after_partial_accept(suggestion)
        return True

    def _after_partial_accept(self, suggestion: Suggestion) -> None:
        if suggestion.is_exhausted():
            self._after_accepting_all()
        else:
            self._render()

    def _insert(self, text: str, undo_step: bool) -> None:
        self._own_edit = True
        try:
            self._editor.clear_ghost()
            cursor = self._editor.textCursor()
            with self._editor.edit_block(cursor) if undo_step else nullcontext():
                cursor.insertText(text)
            self._editor.setTextCursor(cursor)
            self._editor.ensureCursorVisible()
        finally:
            self._own_edit = False
        if undo_step:
            self.suggestion_accepted.emit(text)

    # --- events ---------------------------------------------------------------

    @Slot(bool)
    def _on_covered(self, covered: bool) -> None:
        if covered and not self._covered:
            self._shown_when_covered = self._editor.ghost_text()
            self._frame_timer.stop()
            self._editor.clear_ghost()
        self._covered = covered
        if not covered:
            self._render()

    @Slot(bool)
    def _on_composition_changed(self, composing: bool) -> None:
        # Composing stops everything; once the input method holds nothing (a commit, a
        # key that reached the editor) the pause starts afresh, from the committed text.
        self.dismiss()
        self._schedule()

    @Slot()
    def _on_edit_or_move(self) -> None:
        if self._own_edit:
            return
        self.dismiss()
        # Keys that write reach the editor only when nothing covers it.
        self._covered = self._covered and not self._editor.writer_is_writing()
        # After a move, an undo, a paste or a correction the writer is not writing here:
        # a suggestion would land in text that was not written to meet it. The place is
        # still read, so that the first pause once they write finds it read.
        self._schedule(suggest=self._editor.writer_is_writing())
