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
from writer_app.ui.i18n import tx
from writer_app.ui.preferences.preferences_dialog import length_choices, theme_choices

if TYPE_CHECKING:
    from writer_app.ui.window.main_window import MainWindow

T = TypeVar("T")



def shortcuts_help() -> str:
    """Return the Help → Keyboard Shortcuts table, in the interface's language."""
    rows = (
        ("<b>Tab</b>", tx("Menus", "Accept the whole suggestion")),
        ("<b>Ctrl+Right</b>", tx("Menus", "Accept the next word")),
        ("<b>Esc</b>", tx("Menus", "Dismiss the suggestion")),
        ("<b>Ctrl+Space</b>", tx("Menus", "Suggest now, without waiting for a pause")),
        (tx("Menus", "Typing the suggested letters"),
         tx("Menus", "Keeps the rest of the suggestion")),
        ("<b>Ctrl+N / Ctrl+O / Ctrl+S</b>",
         tx("Menus", "New, Open, Save (Ctrl+Shift+S: Save As)")),
        ("<b>Ctrl+F / Ctrl+H</b>",
         tx("Menus", "Find, Replace (F3 / Shift+F3: next, previous)")),
        ("<b>Ctrl+Z / Ctrl+Shift+Z</b>", tx("Menus", "Undo, Redo")),
        ("<b>Ctrl+Shift+P</b>", tx("Menus", "Command palette: every command, by name")),
        (tx("Menus", "<b>Enter / Tab</b> at a proposal"),
         tx("Menus", "Accept a task's proposal")),
        (tx("Menus", "<b>Esc</b> during a task"),
         tx("Menus", "Stop it and reject the proposal")),
        ("<b>Ctrl+Shift+R</b>, <b>Alt+] / Alt+[</b>",
         tx("Menus", "Retry; next, previous variant")),
        ("<b>Ctrl+,</b>", tx("Menus", "Preferences")),
        ("<b>Ctrl+Shift+M</b>", tx("Menus", "Models: catalogue, downloads, search, import")),
    )
    table = "".join(f"<tr><td>{key}</td><td>{what}</td></tr>" for key, what in rows)
    tasks_note = tx("Menus", "The Tasks menu shows each task’s own shortcut.")
    return f"<table>{table}</table><p>{tasks_note}</p>"


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
        file_menu = bar.addMenu(tx("Menus", "&File"))
        self._action(file_menu, tx("Menus", "&New"), w.new_document, keys.New)
        self._action(file_menu, tx("Menus", "&Open…"), w.open_dialog, keys.Open)
        self.recent_menu = file_menu.addMenu(tx("Menus", "Open &Recent"))
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self._action(file_menu, tx("Menus", "Recover &Unsaved Documents…"), w.show_recovery)
        file_menu.addSeparator()
        self._action(file_menu, tx("Menus", "&Save"), w.save, keys.Save)
        self._action(file_menu, tx("Menus", "Save &As…"), w.save_as, "Ctrl+Shift+S")
        file_menu.addSeparator()
        self._action(file_menu, tx("Menus", "&Quit"), w.close, keys.Quit)

        edit_menu = bar.addMenu(tx("Menus", "&Edit"))
        self._action(edit_menu, tx("Menus", "&Undo"), w.editor.undo, keys.Undo)
        self._action(edit_menu, tx("Menus", "&Redo"), w.editor.redo, keys.Redo)
        edit_menu.addSeparator()
        self._action(edit_menu, tx("Menus", "Cu&t"), w.editor.cut, keys.Cut)
        self._action(edit_menu, tx("Menus", "&Copy"), w.editor.copy, keys.Copy)
        self._action(edit_menu, tx("Menus", "&Paste"), w.editor.paste, keys.Paste)
        self._action(edit_menu, tx("Menus", "Select &All"), w.editor.selectAll, keys.SelectAll)
        edit_menu.addSeparator()
        self._action(edit_menu, tx("Menus", "&Find…"), lambda: w.find_bar.open_bar(False),
                     keys.Find)
        self._action(edit_menu, tx("Menus", "&Replace…"), lambda: w.find_bar.open_bar(True),
                     "Ctrl+H")
        self._action(edit_menu, tx("Menus", "Find &Next"), w.find_bar.find_next, "F3")
        self._action(edit_menu, tx("Menus", "Find &Previous"), w.find_bar.find_previous,
                     "Shift+F3")
        edit_menu.addSeparator()
        self._action(edit_menu, tx("Menus", "Pr&eferences…"), w.show_preferences, "Ctrl+,")

        suggest_menu = bar.addMenu(tx("Menus", "&Suggestions"))
        self._action(suggest_menu, tx("Menus", "Suggest &Now"), w.suggestions.request_now,
                     "Ctrl+Space")
        self.accept_action = self._action(suggest_menu, tx("Menus", "&Accept Suggestion"),
                                          w.suggestions.accept_all, "Tab")
        self.accept_word_action = self._action(suggest_menu, tx("Menus", "Accept Next &Word"),
                                               w.suggestions.accept_word, "Ctrl+Right")
        self.dismiss_action = self._action(suggest_menu, tx("Menus", "&Dismiss"),
                                           w.suggestions.dismiss, "Esc")
        for action in (self.accept_action, self.accept_word_action, self.dismiss_action):
            # Live only while the editor has focus: Esc in the find bar closes the bar.
            w.editor.addAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        suggest_menu.addSeparator()
        self.auto_action = self._action(suggest_menu, tx("Menus", "Suggest While I &Pause"),
                                        w.set_auto_suggest)
        self.auto_action.setCheckable(True)
        self.auto_action.setChecked(w.settings.suggestions_enabled)
        self.length_actions = self._choices(
            suggest_menu.addMenu(tx("Menus", "Suggestion &Length")), length_choices(),
            w.settings.suggestion_length, w.set_length)
        self._action(suggest_menu, tx("Menus", "Pause Before Suggesting…"), w.ask_pause)

        model_menu = bar.addMenu(tx("Menus", "&Model"))
        self._action(model_menu, tx("Menus", "Get &Models…"), w.show_model_manager,
                     "Ctrl+Shift+M")
        self._action(model_menu, tx("Menus", "&Choose Model File…"), w.choose_model_dialog)
        self._action(model_menu, tx("Menus", "Use the &Embedded Model"),
                     lambda: w.use_model(None))

        view_menu = bar.addMenu(tx("Menus", "&View"))
        self._action(view_menu, tx("Menus", "&Command Palette…"), w.show_command_palette,
                     "Ctrl+Shift+P")
        self.theme_actions = self._choices(view_menu.addMenu(tx("Menus", "&Theme")),
                                           theme_choices(), w.settings.theme, w.set_theme)

        help_menu = bar.addMenu(tx("Menus", "&Help"))
        self._action(help_menu, tx("Menus", "&Keyboard Shortcuts"), self.show_shortcuts)
        self._action(help_menu, tx("Menus", "&About Local Writer"), self.show_about)

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
            self.recent_menu.addAction(tx("Menus", "No recent files")).setEnabled(False)

    def show_shortcuts(self) -> None:
        QMessageBox.information(self._window, tx("Menus", "Keyboard shortcuts"),
                                shortcuts_help())

    def show_about(self) -> None:
        QMessageBox.about(self._window, tx("Menus", "About Local Writer"),
                          f"<b>Local Writer {__version__}</b><p>"
                          + tx("Menus", "A writing assistant whose language model runs on "
                                        "this computer. Your text never leaves it."))
