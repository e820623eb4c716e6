"""The Tasks menu: one entry per prompt template, read again each time it opens, so a
template the writer adds or edits appears without a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from writer_app.core.prompt_templates import (
    Output,
    PromptTemplate,
    TaskKind,
    TemplateCache,
    TemplateLibrary,
    load_library,
)
from writer_app.ui.i18n import say, tx
from writer_app.ui.tasks.task_controller import TaskController, TaskState
from writer_app.ui.tasks.template_names import display_name, translated


class TasksMenu(QObject):
    """Build the Tasks menu from the template folders and drive the task controller."""

    def __init__(self, bar: QMenuBar, window: QWidget, tasks: TaskController,
                 folders: tuple[Path, ...], report: Callable[[str], None]) -> None:
        super().__init__(bar)
        self._window = window
        self._tasks = tasks
        self._folders = folders
        self._report = report
        self._reported: set[str] = set()
        self.library = TemplateLibrary()
        self._cache: TemplateCache = {}
        self.menu = QMenu(tx("TasksMenu", "&Tasks"), bar)
        view = next((a for a in bar.actions() if a.text() == tx("Menus", "&View")), None)
        if view is None:
            bar.addMenu(self.menu)
        else:
            bar.insertMenu(view, self.menu)
        self.menu.aboutToShow.connect(self.rebuild)
        self._template_actions: list[tuple[PromptTemplate, QAction]] = []
        self._submenus: list[QMenu] = []
        self.accept_action = self._fixed(tx("TasksMenu", "&Accept Proposal"), tasks.accept,
                                         "Ctrl+Return")
        self.reject_action = self._fixed(tx("TasksMenu", "&Reject Proposal"), tasks.reject,
                                         "Ctrl+Backspace")
        # Ctrl+. is taken by most Chinese input methods (key_router.TAKEN_BY_INPUT_METHODS).
        self.stop_action = self._fixed(tx("TasksMenu", "&Stop"), tasks.stop, "Shift+Esc")
        self.stop_action.setShortcuts([QKeySequence("Shift+Esc"), QKeySequence("Ctrl+.")])
        self.retry_action = self._fixed(tx("TasksMenu", "Re&try"), tasks.retry, "Ctrl+Shift+R")
        self.next_action = self._fixed(tx("TasksMenu", "&Next Variant"),
                                       lambda: tasks.show_variant(1), "Alt+]")
        self.previous_action = self._fixed(tx("TasksMenu", "&Previous Variant"),
                                           lambda: tasks.show_variant(-1),
                                           "Alt+[")
        tasks.state_changed.connect(self._on_state)
        self.rebuild()
        self._on_state(tasks.state)

    def _fixed(self, text: str, slot: Callable[[], None], shortcut: str) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    @Slot()
    def rebuild(self) -> None:
        """Read the templates again and lay out the menu."""
        self.library = load_library(*self._folders, cache=self._cache)
        for error in self.library.errors:
            if str(error) not in self._reported:
                self._reported.add(str(error))
                self._report(tx("TasksMenu", "A template could not be used: {error}").format(
                    error=say(error)))
        for _template, action in self._template_actions:
            self._window.removeAction(action)
        self.menu.clear()
        for old in self._submenus:
            old.deleteLater()  # with the template actions it owns
        self._template_actions = []
        submenus: dict[str, QMenu] = {}
        for template in self.library.in_menu_order():
            submenu = submenus.get(template.menu)
            if submenu is None:
                submenu = submenus[template.menu] = self.menu.addMenu(
                    translated(template.menu))
            action = QAction(display_name(template), submenu)
            submenu.addAction(action)
            if template.shortcut:
                action.setShortcut(QKeySequence(template.shortcut))
            action.triggered.connect(lambda _checked=False, t=template: self.run(t))
            self._window.addAction(action)
            self._template_actions.append((template, action))
        self._submenus = list(submenus.values())
        self.menu.addSeparator()
        for action in (self.accept_action, self.reject_action, self.stop_action,
                       self.retry_action, self.next_action, self.previous_action):
            self.menu.addAction(action)

    def add_to_context_menu(self, menu: QMenu, has_selection: bool) -> None:
        """Put the tasks that fit at the top of the editor's context menu: with a
        selection, those that work on it; without, those that write at the cursor and
        the summaries of the whole document."""
        self.rebuild()
        first = menu.actions()[0] if menu.actions() else None
        if self._tasks.state is not TaskState.IDLE:
            for action in (self.accept_action, self.reject_action, self.stop_action,
                           self.retry_action):
                if action.isEnabled():
                    menu.insertAction(first, action)
            menu.insertSeparator(first)
        submenus: dict[str, QMenu] = {}
        for template, action in self._template_actions:
            at_cursor = template.output is Output.INSERT_AT_CURSOR
            fits = (not at_cursor) if has_selection else (
                at_cursor or template.task is TaskKind.SUMMARIZE)
            if not fits:
                continue
            submenu = submenus.get(template.menu)
            if submenu is None:
                submenu = submenus[template.menu] = QMenu(translated(template.menu), menu)
                menu.insertMenu(first, submenu)
            submenu.addAction(action)
        if submenus:
            menu.insertSeparator(first)

    def run(self, template: PromptTemplate) -> None:
        self._tasks.run(template)

    def template_named(self, name: str) -> PromptTemplate | None:
        return next((t for t in self.library.templates.values() if t.name == name), None)

    @Slot(object)
    def _on_state(self, state: TaskState) -> None:
        active = state is not TaskState.IDLE
        for action in (self.accept_action, self.reject_action, self.retry_action,
                       self.next_action, self.previous_action):
            action.setEnabled(active)
        self.stop_action.setEnabled(TaskState(state) is TaskState.WRITING)
