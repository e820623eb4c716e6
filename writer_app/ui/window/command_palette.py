"""The command palette (Ctrl+Shift+P): every menu command, found by typing a few letters
of its name, so a writer never has to remember where a task lives in the menus."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from writer_app.ui.i18n import tx

SEPARATOR = " › "


@dataclass(frozen=True)
class Command:
    label: str  # "Rewrite › Shorten"
    shortcut: str
    action: QAction


def _plain(text: str) -> str:
    """Drop the menu's & accelerator marks ("&&" is a literal "&"), and the "(&F)" that
    Chinese and Japanese menus add after their name."""
    text = re.sub(r"\s*\(&\w\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def collect_commands(menus: Iterable[QMenu]) -> list[Command]:
    """Return the enabled commands of `menus` and their submenus, in menu order."""
    found: list[Command] = []

    def walk(menu: QMenu, path: list[str]) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, [*path, _plain(submenu.title())])
            elif action.text() and not action.isSeparator() and action.isEnabled():
                shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                found.append(Command(SEPARATOR.join([*path, _plain(action.text())]),
                                     shortcut, action))

    for menu in menus:
        walk(menu, [_plain(menu.title())])
    return found


def _word_start(text: str, word: str) -> int:
    """Return where `word` begins a word of `text`, or -1."""
    at = text.find(word)
    while at >= 0 and at > 0 and text[at - 1].isalnum():
        at = text.find(word, at + 1)
    return at


def match_rank(query: str, label: str) -> tuple[int, int] | None:
    """Rank `label` for `query` (lower is better), or None if it does not match.

    Every word of the query must occur in the label. A word that begins a word of the
    command's own name ranks best, then one that begins a word of its menus, then one
    found inside a word; ties go to the match nearest the start of the name.
    """
    folded = label.casefold()
    name = folded.rsplit(SEPARATOR, 1)[-1]
    tiers = 0
    nearest = len(name)
    for word in query.casefold().split():
        if word not in folded:
            return None
        in_name = _word_start(name, word)
        if in_name >= 0:
            nearest = min(nearest, in_name)
        else:
            tiers += 1 if _word_start(folded, word) >= 0 else 2
    return tiers, nearest


def rank_commands(query: str, commands: list[Command]) -> list[Command]:
    """Return the commands that match `query`, best first (menu order breaks ties)."""
    ranked = [(rank, index, command) for index, command in enumerate(commands)
              if (rank := match_rank(query, command.label)) is not None]
    ranked.sort(key=lambda entry: (entry[0], entry[1]))
    return [command for _rank, _index, command in ranked]


class CommandPalette(QDialog):
    """A search box over the commands; Enter runs the highlighted one, Esc closes."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setWindowTitle(tx("CommandPalette", "Command Palette"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tx("CommandPalette",
                                          "Type a command: shorten, translate, save…"))
        self.search.setClearButtonEnabled(True)
        self.list = QTreeWidget()
        self.list.setColumnCount(2)
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.search.textChanged.connect(self._refilter)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item, _column: self.run_current())
        self.list.itemClicked.connect(lambda _item, _column: self.run_current())
        self._commands: list[Command] = []
        self.shown: list[Command] = []

    def open_with(self, commands: list[Command]) -> None:
        """Show the palette over the top of the parent window, listing `commands`."""
        self._commands = commands
        self.search.clear()
        self._refilter("")
        parent = self.parentWidget()
        width = min(640, max(360, parent.width() - 80))
        self.resize(width, 380)
        top_left = parent.mapToGlobal(parent.rect().topLeft())
        self.move(top_left.x() + (parent.width() - width) // 2, top_left.y() + 60)
        self.show()
        self.search.setFocus()

    @Slot(str)
    def _refilter(self, query: str) -> None:
        self.shown = rank_commands(query, self._commands)
        self.list.clear()
        for command in self.shown:
            item = QTreeWidgetItem([command.label, command.shortcut])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        if self.shown:
            self.list.setCurrentItem(self.list.topLevelItem(0))

    def run_current(self) -> None:
        """Close the palette and run the highlighted command."""
        row = self.list.indexOfTopLevelItem(self.list.currentItem())
        if not 0 <= row < len(self.shown):
            return
        action = self.shown[row].action
        self.close()
        # After the popup has gone, so a dialog the command opens gets the focus.
        QTimer.singleShot(0, action.trigger)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown,
                       Qt.Key.Key_PageUp):
                self._move(key)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.run_current()
                return True
        return False

    def _move(self, key: Qt.Key) -> None:
        count = self.list.topLevelItemCount()
        if not count:
            return
        row = self.list.indexOfTopLevelItem(self.list.currentItem())
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8,
                Qt.Key.Key_PageUp: -8}[key]
        self.list.setCurrentItem(self.list.topLevelItem(max(0, min(count - 1, row + step))))
