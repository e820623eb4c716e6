"""Help → Keyboard Shortcuts names every key the menus have (the tasks' own keys are in
the Tasks menu, which the table says; cut, copy, paste and the like are the system's)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from writer_app.ui.window.main_window import MainWindow
from writer_app.ui.window.window_menus import shortcuts_help

SYSTEM_KEYS = {QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Copy,
               QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.SelectAll,
               QKeySequence.StandardKey.Redo}


def actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        if action.menu() is not None:
            yield from actions(action.menu())
        else:
            yield action


def test_every_menu_key_is_in_the_shortcuts_table(window: MainWindow) -> None:
    table = shortcuts_help()
    system = {key.toString() for standard in SYSTEM_KEYS
              for key in QKeySequence.keyBindings(standard)}
    templates = {action.text() for _template, action in window.tasks_menu._template_actions}
    missing = []
    for top in window.menuBar().actions():
        for action in actions(top.menu()):
            for key in action.shortcuts():
                named = key.toString(QKeySequence.SequenceFormat.NativeText)
                if (key.toString() not in system and action.text() not in templates
                        and f"<b>{named}</b>" not in table):
                    missing.append(f"{named} ({action.text()})")
    assert missing == []
