"""The main window's menus: File, Edit, Suggestions, Model, View and Help (the Tasks
menu has its own module), and the actions whose state changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from writer_app import __version__
from writer_app.ui.preferences_dialog import LENGTHS, THEMES

if TYPE_CHECKING:
    from writer_app.ui.main_window import MainWindow

T = TypeVar("T")

SHORTCUTS_HELP = """<table>
<tr><td><b>Tab</b></td><td>Accept the whole suggestion</td></tr>
<tr><td><b>Ctrl+Right</b></td><td>Accept the next word</td></tr>
<tr><td><b>Esc</b></td><td>Dismiss the suggestion</td></tr>
<tr><td><b>Ctrl+Space</b></td><td>Suggest now, without waiting for a pause</td></tr>
<tr><td>Typing the suggested letters</td><td>Keeps the rest of the suggestion</td></tr>
<tr><td><b>Ctrl+N / Ctrl+O / Ctrl+S</b></td><td>New, Open, Save (Ctrl+Shift+S: Save As)</td></tr>
<tr><td><b>Ctrl+F / Ctrl+H</b></td><td>Find, Replace (F3 / Shift+F3: next, previous)</td></tr>
<tr><td><b>Ctrl+Z / Ctrl+Shift+Z</b></td><td>Undo, Redo</td></tr>
<tr><td><b>Ctrl+Shift+P</b></td><td>Command palette: every command, by name</td></tr>
<tr><td><b>Enter / Tab</b> at a proposal</td><td>Accept a task's proposal</td></tr>
<tr><td><b>Esc</b> during a task</td><td>Stop it and reject the proposal</td></tr>
<tr><td><b>Ctrl+Shift+R</b>, <b>Alt+] / Alt+[</b></td><td>Retry; next, previous variant</td></tr>
<tr><td><b>Ctrl+,</b></td><td>Preferences</td></tr>
<tr><td><b>Ctrl+Shift+M</b></td><td>Models: catalogue, downloads, search, import</td></tr>
</table>
<p>The Tasks menu shows each task's own shortcut.</p>"""


class WindowMenus:
    """Build the menu bar of a main window and keep the actions whose state changes."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._build()

    def _action(self, menu: QMenu, text: str, slot: object,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        action = menu.addAction(text)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _choices(self, menu: QMenu, options: tuple[tuple[T, str], ...], current: T,
                 choose: Callable[[T], None]) -> dict[T, QAction]:
        """Fill `menu` with checkable actions of which one is checked, by value."""
        group = QActionGroup(menu)
        actions: dict[T, QAction] = {}
        for value, label in options:
            action = self._action(menu, label,
                                  lambda _checked=False, chosen=value: choose(chosen))
            action.setCheckable(True)
            action.setChecked(value == current)
            group.addAction(action)
            actions[value] = action
        return actions

    def _build(self) -> None:
        w = self._window
        keys = QKeySequence.StandardKey
        bar = w.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&New", w.new_document, keys.New)
        self._action(file_menu, "&Open…", w.open_dialog, keys.Open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self._action(file_menu, "Recover &Unsaved Documents…", w.show_recovery)
        file_menu.addSeparator()
        self._action(file_menu, "&Save", w.save, keys.Save)
        self._action(file_menu, "Save &As…", w.save_as, "Ctrl+Shift+S")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", w.close, keys.Quit)

        edit_menu = bar.addMenu("&Edit")
        self._action(edit_menu, "&Undo", w.editor.undo, keys.Undo)
        self._action(edit_menu, "&Redo", w.editor.redo, keys.Redo)
        edit_menu.addSeparator()
        self._action(edit_menu, "Cu&t", w.editor.cut, keys.Cut)
        self._action(edit_menu, "&Copy", w.editor.copy, keys.Copy)
        self._action(edit_menu, "&Paste", w.editor.paste, keys.Paste)
        self._action(edit_menu, "Select &All", w.editor.selectAll, keys.SelectAll)
        edit_menu.addSeparator()
        self._action(edit_menu, "&Find…", lambda: w.find_bar.open_bar(False), keys.Find)
        self._action(edit_menu, "&Replace…", lambda: w.find_bar.open_bar(True), "Ctrl+H")
        self._action(edit_menu, "Find &Next", w.find_bar.find_next, "F3")
        self._action(edit_menu, "Find &Previous", w.find_bar.find_previous, "Shift+F3")
        edit_menu.addSeparator()
        self._action(edit_menu, "Pr&eferences…", w.show_preferences, "Ctrl+,")

        suggest_menu = bar.addMenu("&Suggestions")
        self._action(suggest_menu, "Suggest &Now", w.suggestions.request_now, "Ctrl+Space")
        self.accept_action = self._action(suggest_menu, "&Accept Suggestion",
                                          w.suggestions.accept_all, "Tab")
        self.accept_word_action = self._action(suggest_menu, "Accept Next &Word",
                                               w.suggestions.accept_word, "Ctrl+Right")
        self.dismiss_action = self._action(suggest_menu, "&Dismiss", w.suggestions.dismiss,
                                           "Esc")
        for action in (self.accept_action, self.accept_word_action, self.dismiss_action):
            # Live only while the editor has focus: Esc in the find bar closes the bar.
            w.editor.addAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        suggest_menu.addSeparator()
        self.auto_action = self._action(suggest_menu, "Suggest While I &Pause",
                                        w.set_auto_suggest)
        self.auto_action.setCheckable(True)
        self.auto_action.setChecked(w.settings.suggestions_enabled)
        self.length_actions = self._choices(suggest_menu.addMenu("Suggestion &Length"),
                                            LENGTHS, w.settings.suggestion_length, w.set_length)
        self._action(suggest_menu, "Pause Before Suggesting…", w.ask_pause)

        model_menu = bar.addMenu("&Model")
        self._action(model_menu, "Get &Models…", w.show_model_manager, "Ctrl+Shift+M")
        self._action(model_menu, "&Choose Model File…", w.choose_model_dialog)
        self._action(model_menu, "Use the &Embedded Model", lambda: w.use_model(None))

        view_menu = bar.addMenu("&View")
        self._action(view_menu, "&Command Palette…", w.show_command_palette, "Ctrl+Shift+P")
        self.theme_actions = self._choices(view_menu.addMenu("&Theme"), THEMES,
                                           w.settings.theme, w.set_theme)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard Shortcuts", self.show_shortcuts)
        self._action(help_menu, "&About Local Writer", self.show_about)

    def set_ghost_actions(self, visible: bool) -> None:
        # Disabled actions leave Tab, Ctrl+Right and Esc to the editor when no
        # suggestion is on screen.
        for action in (self.accept_action, self.accept_word_action, self.dismiss_action):
            action.setEnabled(visible)

    def fill_recent_menu(self) -> None:
        w = self._window
        self.recent_menu.clear()
        for entry in w.settings.recent_files:
            self._action(self.recent_menu, entry,
                         lambda _checked=False, path=entry: w.open_with_prompt(Path(path)))
        if not w.settings.recent_files:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    def show_shortcuts(self) -> None:
        QMessageBox.information(self._window, "Keyboard shortcuts", SHORTCUTS_HELP)

    def show_about(self) -> None:
        QMessageBox.about(self._window, "About Local Writer",
                          f"<b>Local Writer {__version__}</b><p>A writing assistant whose "
                          "language model runs on this computer. Your text never leaves it.")
