"""Menu actions as every part of the window makes them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

T = TypeVar("T")


def add_action(menu: QMenu, text: str, slot: Callable[..., object],
               shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
               ) -> QAction:
    """Add an action that calls `slot` when triggered."""
    action = menu.addAction(text)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


def add_choices(menu: QMenu, options: tuple[tuple[T, str], ...], current: T,
                choose: Callable[[T], None]) -> dict[T, QAction]:
    """Fill `menu` with checkable actions of which one is checked, by value."""
    group = QActionGroup(menu)
    actions: dict[T, QAction] = {}
    for value, label in options:
        action = add_action(menu, label, lambda _checked=False, chosen=value: choose(chosen))
        action.setCheckable(True)
        action.setChecked(value == current)
        group.addAction(action)
        actions[value] = action
    return actions
