"""The task under way, in the status bar: what it is doing, and buttons to stop it, or to
accept, reject or retry its proposal, for writers who reach for the mouse."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from writer_app.ui.i18n import tx
from writer_app.ui.tasks.task_controller import TaskController, TaskState
from writer_app.ui.widgets.elided import ElidedLabel


class TaskStatus(QWidget):
    """Shown while a task writes or waits for the writer; hidden otherwise."""

    def __init__(self, tasks: TaskController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(4)
        self.label = ElidedLabel()
        layout.addWidget(self.label)
        self.stop_button = self._button(
            tx("TaskStatus", "Stop"),
            tx("TaskStatus", "Stop writing, keep what is written (Shift+Esc)"), tasks.stop)
        self.accept_button = self._button(
            tx("TaskStatus", "Accept"), tx("TaskStatus", "Use the proposal (Enter or Tab)"),
            tasks.accept)
        self.reject_button = self._button(
            tx("TaskStatus", "Reject"), tx("TaskStatus", "Keep the text as it was (Esc)"),
            tasks.reject)
        self.retry_button = self._button(
            tx("TaskStatus", "Retry"),
            tx("TaskStatus", "Write another variant (Ctrl+Shift+R)"), tasks.retry)
        for button in (self.stop_button, self.accept_button, self.reject_button,
                       self.retry_button):
            layout.addWidget(button)
        tasks.state_changed.connect(self._on_state)
        self._on_state(tasks.state)

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    @Slot(object)
    def _on_state(self, state: TaskState) -> None:
        self.setVisible(state is not TaskState.IDLE)
        writing = state is TaskState.WRITING
        self.stop_button.setVisible(writing)
        # A summary goes to its panel: nothing here to accept or reject.
        in_text = self._tasks.proposal_in_text
        for button in (self.accept_button, self.reject_button):
            button.setVisible(in_text)
        self.retry_button.setVisible(state is TaskState.READY)
        name = self._tasks.template_name
        if writing:
            self.label.setText(tx("TaskStatus", "{task}: writing…").format(task=name))
        elif state is TaskState.READY:
            self.label.setText(tx("TaskStatus", "{task}: Enter accepts, Esc rejects").format(
                task=name))
