"""Tasks in the document: a template's result streams in as a proposal the writer
accepts (Enter or Tab, one undo step) or rejects (Esc, the text exactly as before).

The proposal is painted, not inserted, so the document, its undo history and what Save
writes never hold unaccepted text. The range it will replace is kept up to date as the
writer edits elsewhere, so the result lands where the selection is now; an edit inside
the range cancels the task. Retry asks again with another seed; Alt+] and Alt+[ step
through the variants.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QTextCursor

from writer_app.core.context import ContextBudget, build_context
from writer_app.core.prompt_templates import Output, PromptTemplate, TaskKind
from writer_app.core.task_answer import AnswerRules, shape_answer
from writer_app.core.task_sampling import Overrides
from writer_app.core.template_sandbox import TemplateRenderError
from writer_app.core.utf16_positions import index_at, position_at
from writer_app.engine.client.task_request import plan_task
from writer_app.ui.bridge.engine_service import EngineService
from writer_app.ui.bridge.generation import Generation
from writer_app.ui.editor.ghost_editor import GhostTextEdit, document_text
from writer_app.ui.i18n import say, tx
from writer_app.ui.tasks.template_names import display_name

TASK_CONTEXT = ContextBudget(before_chars=4000, after_chars=1000)


class TaskState(StrEnum):
    IDLE = "idle"
    WRITING = "writing"
    READY = "ready"  # the proposal is complete and waits for the writer


@dataclass
class _Task:
    template: PromptTemplate
    values: dict[str, str]
    start: int
    end: int
    variants: list[str] = field(default_factory=list)
    shown: int = 0  # which variant is on screen
    generation: Generation | None = None  # the request under way
    seed: int = 0
    rules: AnswerRules = field(default_factory=AnswerRules)
    raw: str = ""  # the model's output for the variant being written
    repeats: int = 0  # answers dropped in a row for saying the template's example again


class TaskController(QObject):
    """Run one task at a time in one editor."""

    state_changed = Signal(object)  # TaskState
    failed = Signal(str)  # a message for the writer
    summary_ready = Signal(str)  # a side-panel task's text so far
    started = Signal(object)  # the PromptTemplate of a task that began

    def __init__(self, editor: GhostTextEdit, bridge: EngineService,
                 ask: Callable[[str, str], str | None]) -> None:
        """`ask(variable, template_name)` asks the writer for an instruction or a
        language; None means they cancelled."""
        super().__init__(editor)
        self._editor = editor
        self._bridge = bridge
        self._ask = ask
        self._task: _Task | None = None
        self._own_edit = False
        self.state = TaskState.IDLE
        self.document_title = ""
        self.sampling_overrides: Overrides = {}  # the writer's defaults (Preferences)
        editor.keys.task = self
        editor.document().contentsChange.connect(self._on_contents_change)
        # A proposal makes way for a composition; it comes back once that ends.
        editor.composition_changed.connect(self._render)
        editor.proposal_taken_off.connect(self._render)

    # --- starting -------------------------------------------------------------

    def run(self, template: PromptTemplate) -> bool:
        """Start `template` on the selection (or at the cursor); return whether it began."""
        self.reject()
        cursor = self._editor.textCursor()
        text = document_text(self._editor)
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if template.output is Output.INSERT_AT_CURSOR:
            start = end = cursor.position()
        # start and end are Qt positions, for the cursor; first and last slice the text.
        first, last = index_at(text, start), index_at(text, end)
        selection = text[first:last]
        if not selection.strip() and "selection" in template.variables:
            if template.task is not TaskKind.SUMMARIZE:
                self.failed.emit(tx("TaskController", "Select some text first, then choose "
                                                       "“{task}”.").format(
                    task=display_name(template).rstrip("…")))
                return False
            # A summary of the whole document.
            selection, first, last = text, 0, len(text)
            start, end = 0, position_at(text, len(text))
        elif selection.strip():
            # A triple-click takes the paragraph break with the paragraph, and a proposal
            # (trimmed like every answer) would replace it: the space and breaks at the
            # selection's edges are the writer's and stay.
            first += len(selection) - len(selection.lstrip())
            last -= len(selection) - len(selection.rstrip())
            selection = text[first:last]
            start, end = position_at(text, first), position_at(text, last)
        window = build_context(text, first, TASK_CONTEXT)
        values = {"selection": selection, "before": window.before,
                  "after": text[last:last + TASK_CONTEXT.after_chars],
                  "document_title": self.document_title, "instruction": "", "language": ""}
        for name in ("instruction", "language"):
            if name in template.variables:
                answer = self._ask(name, display_name(template))
                if not answer or not answer.strip():
                    return False
                values[name] = answer.strip()
        self._task = _Task(template, values, start, end)
        if template.output is not Output.SIDE_PANEL:
            # The writer's selection would hide the struck-through text it proposes to
            # replace; the cursor waits at its end, where Tab or Enter accepts.
            cursor.clearSelection()
            cursor.setPosition(end)
            self._editor.setTextCursor(cursor)
        if not self._request():
            return False
        self.started.emit(template)
        return True

    def _request(self) -> bool:
        task = self._task
        assert task is not None
        loaded = self._bridge.loaded
        chat = loaded is not None and loaded.chat_template
        try:
            request = plan_task(task.template, task.values, chat,
                                overrides=self.sampling_overrides, seed=task.seed)
        except TemplateRenderError as exc:
            self._end()
            self.failed.emit(f"{task.template.path.name}: {say(exc)}")
            return False
        task.rules, task.raw = request.rules, ""
        self._editor.hold_for_task(True)
        generation = self._bridge.generate(request.prompt, request.sampling,
                                           messages=request.messages)
        if generation is None:
            self._end()
            self.failed.emit(tx("TaskController",
                                "No model is ready: wait for it to load, or choose one."))
            return False
        task.generation = generation
        generation.piece_received.connect(self._on_piece)
        generation.finished.connect(self._on_finished)
        generation.failed.connect(self._on_failed)
        task.variants.append("")
        task.shown = len(task.variants) - 1
        self._set_state(TaskState.WRITING)
        self._render()
        return True

    # --- streaming ------------------------------------------------------------

    # Only the handle of the request under way is connected: stop() cancels it, and a
    # cancelled handle delivers nothing.

    @Slot(str)
    def _on_piece(self, text: str) -> None:
        task = self._task
        if task is None:
            return
        task.raw += text
        answer = shape_answer(task.raw, task.rules, finished=False)
        if answer.complete:
            # The answer has ended (a label, the template's own text, the paragraph's
            # end): what the model writes next would be cut off.
            if task.generation is not None:
                task.generation.cancel()
            self._finish_variant()
            return
        task.variants[-1] = self._shown(answer.text)
        if task.template.output is Output.SIDE_PANEL:
            self.summary_ready.emit(task.variants[-1])
        self._render()

    @Slot(object)
    def _on_finished(self, _finished: object) -> None:
        if self._task is not None:
            self._finish_variant()

    def _shown(self, answer: str) -> str:
        task = self._task
        assert task is not None
        return answer if task.template.keeps_leading_space else answer.lstrip()

    def _finish_variant(self) -> None:
        task = self._task
        assert task is not None
        task.generation = None
        answer = shape_answer(task.raw, task.rules, finished=True)
        text = self._shown(answer.text)
        if not text.strip():
            task.variants.pop()
            task.shown = max(0, len(task.variants) - 1)
            if answer.repeated_template and task.repeats < 2:
                # A base model sometimes says the template's example again: ask anew.
                task.repeats += 1
                task.seed += 1
                self._request()
                return
            self._nothing_written(answer.repeated_template)
            return
        task.repeats = 0
        task.variants[-1] = text
        if task.template.output is Output.SIDE_PANEL:
            self.summary_ready.emit(text)
            self._end()
            return
        self._set_state(TaskState.READY)
        self._render()

    def _nothing_written(self, repeated_template: bool) -> None:
        task = self._task
        assert task is not None
        name = display_name(task.template).rstrip("…")
        if repeated_template:
            message = tx("TaskController", "The model only repeated the example of “{task}”, "
                                           "not an answer for your text. Try again, or "
                                           "choose a larger model.").format(task=name)
        else:
            message = tx("TaskController", "The model wrote nothing for “{task}”. Try "
                                           "again, or choose a larger model.").format(task=name)
        if task.variants:
            self._set_state(TaskState.READY)  # the earlier variants stay to choose from
            self._render()
        else:
            self._end()
        self.failed.emit(message)

    @Slot(str)
    def _on_failed(self, error: str) -> None:
        if self._task is not None:
            self._end()
            self.failed.emit(error)

    def _render(self) -> None:
        task = self._task
        if task is None or task.template.output is Output.SIDE_PANEL:
            return
        self._editor.show_proposal(task.start, task.end, task.variants[task.shown])

    # --- the writer's answer --------------------------------------------------

    @property
    def template_name(self) -> str:
        """Return the name of the task under way ("" when none)."""
        return display_name(self._task.template) if self._task else ""

    @property
    def proposal_in_text(self) -> bool:
        """Return whether the task under way proposes text in the document."""
        return self._task is not None and self._task.template.output is not Output.SIDE_PANEL

    @property
    def proposal(self) -> str:
        """Return the proposal on screen ("" when none, or while an input method has
        the screen: nothing is accepted that the writer cannot see)."""
        task = self._task
        if task is None or not task.variants or self._editor.input_method_busy():
            return ""
        return task.variants[task.shown]

    def accept(self) -> None:
        """Replace the range with the proposal on screen, as one undo step."""
        task = self._task
        text = self.proposal  # none while an input method composes
        if task is None or not text or task.template.output is Output.SIDE_PANEL:
            return  # a summary is inserted from its panel, never over the selection
        self.stop()
        self._editor.clear_proposal()
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(task.start)
        cursor.setPosition(task.end, QTextCursor.MoveMode.KeepAnchor)
        self._own_edit = True
        try:
            with self._editor.edit_block(cursor):
                cursor.insertText(text)
        finally:
            self._own_edit = False
        self._editor.setTextCursor(cursor)
        self._end()

    def reject(self) -> None:
        """Drop the task and its proposal; the text stays exactly as it is."""
        if self._task is not None:
            self.stop()
            self._end()

    def stop(self) -> None:
        """Stop the generation under way; what was written so far stays proposed."""
        task = self._task
        if task is not None and task.generation is not None:
            task.generation.cancel()
            task.generation = None
            if task.template.output is Output.SIDE_PANEL:
                self._end()  # the panel keeps what was written so far
            elif self.state is TaskState.WRITING:
                self._set_state(TaskState.READY)

    def retry(self) -> None:
        """Ask for another variant."""
        task = self._task
        if task is None:
            return
        self.stop()
        task.seed += 1
        self._request()

    def show_variant(self, step: int) -> None:
        """Show the next (step 1) or previous (step -1) variant."""
        task = self._task
        if task is None or len(task.variants) < 2:
            return
        task.shown = (task.shown + step) % len(task.variants)
        self._render()

    def _end(self) -> None:
        self._task = None
        self._editor.clear_proposal()
        self._editor.hold_for_task(False)
        self._set_state(TaskState.IDLE)

    def _set_state(self, state: TaskState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)

    # --- edits and keys -------------------------------------------------------

    @Slot(int, int, int)
    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        task = self._task
        if task is None or self._own_edit:
            return
        # Qt reports an input method's event as a change of its whole paragraph, even
        # when only the composition changed: the editor knows what the text gained.
        change = self._editor.input_method_change()
        if change is not None:
            position, removed, added = change
            if removed == added == 0:
                return  # composing is not editing: the proposal waits, see show_proposal
        start, end = task.start, task.end
        inside = (position < end and position + removed > start) or (
            removed == 0 and (start < position < end or start == end == position))
        if inside and task.template.output is not Output.SIDE_PANEL:
            self.reject()  # the writer is changing the text the task works on
            return
        if position + removed <= start:
            task.start += added - removed
            task.end += added - removed
        self._render()

    # --- keys (the editor's key router gives them here first, see key_router.py) ---

    def claims_shortcut(self, event: QKeyEvent) -> bool:
        return self._task is not None and (event.key() == Qt.Key.Key_Escape
                                           or self._accepts(event))

    def answer_key(self, event: QKeyEvent) -> bool:
        if self._task is None:
            return False
        if event.key() == Qt.Key.Key_Escape:
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.stop()  # Shift+Esc: what is written so far stays proposed
            else:
                self.reject()
            return True
        if self._accepts(event):
            self.accept()
            return True
        return False

    def _accepts(self, event: QKeyEvent) -> bool:
        task = self._task
        modified = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if task is None or not self.proposal or modified:
            return False
        if task.template.output is Output.SIDE_PANEL:
            return False  # Enter and Tab keep their meaning while a summary streams
        if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        position = self._editor.textCursor().position()
        return task.start <= position <= task.end
