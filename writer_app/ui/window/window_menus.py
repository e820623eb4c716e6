"""The main window's own menus: Edit, View and Help. The parts fill theirs (the File
menu is the document session's, Suggestions the suggestion controller's, Model the model
switch's, Tasks the task controller's)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from writer_app import __version__
from writer_app.ui.editor.find_bar import FindBar
from writer_app.ui.editor.ghost_editor import GhostTextEdit
from writer_app.ui.editor.key_router import REQUEST_KEYS
from writer_app.ui.i18n import tx
from writer_app.ui.menu_actions import add_action, add_choices
from writer_app.ui.preferences.preferences_dialog import theme_choices


def key_names(*sequences: str) -> str:
    """Return shortcuts as the platform writes them, in the interface's language
    ("Ctrl+右方向" in Chinese, "⌘→" on a Mac), in bold, "/" between them."""
    native = QKeySequence.SequenceFormat.NativeText
    return " / ".join(f"<b>{QKeySequence(keys).toString(native)}</b>" for keys in sequences)


def shortcuts_help() -> str:
    """Return the Help → Keyboard Shortcuts table, in the interface's language."""
    # The first binding is the one menus show (X11 adds the rare Exit key of its own).
    quit_keys = [key.toString() for key in
                 QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)[:1]]
    rows = (
        (key_names("Tab"), tx("Menus", "Accept the whole suggestion")),
        (key_names("Ctrl+Right"), tx("Menus", "Accept the next word")),
        (key_names("Esc"), tx("Menus", "Dismiss the suggestion")),
        (key_names(*REQUEST_KEYS), tx("Menus", "Suggest now, without waiting for a pause")),
        (tx("Menus", "Typing the suggested letters"),
         tx("Menus", "Keeps the rest of the suggestion")),
        (key_names("Ctrl+N", "Ctrl+O", "Ctrl+S"),
         tx("Menus", "New, Open, Save ({keys}: Save As)").format(
             keys=key_names("Ctrl+Shift+S"))),
        (key_names("Ctrl+E"), tx("Menus", "Export as Word, OpenDocument, PDF, web page or text")),
        (key_names("Ctrl+F", "Ctrl+H"),
         tx("Menus", "Find, Replace ({next} / {previous}: next, previous)").format(
             next=key_names("F3"), previous=key_names("Shift+F3"))),
        (key_names("Ctrl+Z", "Ctrl+Shift+Z"), tx("Menus", "Undo, Redo")),
        (key_names("F7"), tx("Menus", "Check spelling as you type, on or off")),
        (key_names("F11", "Esc"), tx("Menus", "Focus mode on / off")),
        (key_names("Ctrl+Shift+O"), tx("Menus", "Outline of a Markdown file")),
        (key_names("Ctrl+Shift+P"), tx("Menus", "Command palette: every command, by name")),
        (key_names("Ctrl+=", "Ctrl++", "Ctrl+-", "Ctrl+0"),
         tx("Menus", "Zoom in, zoom out, actual size")),
        (tx("Menus", "{keys} at a proposal").format(keys=key_names("Enter", "Tab")),
         tx("Menus", "Accept a task's proposal")),
        (key_names("Ctrl+Return", "Ctrl+Backspace"),
         tx("Menus", "Accept, reject a task's proposal from anywhere in the text")),
        (tx("Menus", "{key} during a task").format(key=key_names("Esc")),
         tx("Menus", "Stop it and reject the proposal")),
        (tx("Menus", "{key} during a task").format(key=key_names("Shift+Esc", "Ctrl+.")),
         tx("Menus", "Stop it; what was written so far stays proposed")),
        (f"{key_names('Ctrl+Shift+R')}, {key_names('Alt+]', 'Alt+[')}",
         tx("Menus", "Retry; next, previous variant")),
        (key_names("Ctrl+,"), tx("Menus", "Preferences")),
        # The system's own quit key (Ctrl+Q on Linux and macOS; Windows has none).
        *([(key_names(*quit_keys), tx("Menus", "Quit"))] if quit_keys else []),
        (key_names("Ctrl+Shift+M"), tx("Menus", "Models: catalogue, downloads, search, import")),
    )
    table = "".join(f"<tr><td>{key}</td><td>{what}</td></tr>" for key, what in rows)
    tasks_note = tx("Menus", "The Tasks menu shows each task’s own shortcut.")
    return f"<table>{table}</table><p>{tasks_note}</p>"


class WindowMenus:
    """Fill the window's own menus; keep the theme choices in step with the settings."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self.theme_actions: dict[str, QAction] = {}

    def fill_edit_menu(self, menu: QMenu, editor: GhostTextEdit, find_bar: FindBar,
                       show_preferences: Callable[[], None],
                       fill_spelling: Callable[[QMenu], None] | None = None) -> None:
        keys = QKeySequence.StandardKey
        add_action(menu, tx("Menus", "&Undo"), editor.undo, keys.Undo)
        add_action(menu, tx("Menus", "&Redo"), editor.redo, keys.Redo)
        menu.addSeparator()
        add_action(menu, tx("Menus", "Cu&t"), editor.cut, keys.Cut)
        add_action(menu, tx("Menus", "&Copy"), editor.copy, keys.Copy)
        add_action(menu, tx("Menus", "&Paste"), editor.paste, keys.Paste)
        add_action(menu, tx("Menus", "Select &All"), editor.selectAll, keys.SelectAll)
        menu.addSeparator()
        add_action(menu, tx("Menus", "&Find…"), lambda: find_bar.open_bar(False), keys.Find)
        add_action(menu, tx("Menus", "&Replace…"), lambda: find_bar.open_bar(True), "Ctrl+H")
        add_action(menu, tx("Menus", "Find &Next"), find_bar.find_next, "F3")
        add_action(menu, tx("Menus", "Find &Previous"), find_bar.find_previous, "Shift+F3")
        menu.addSeparator()
        if fill_spelling is not None:
            fill_spelling(menu)
            menu.addSeparator()
        add_action(menu, tx("Menus", "Pr&eferences…"), show_preferences, "Ctrl+,")

    def fill_view_menu(self, menu: QMenu, theme: str, set_theme: Callable[[str], None],
                       show_command_palette: Callable[[], None],
                       zoom: Callable[[int], None]) -> None:
        add_action(menu, tx("Menus", "&Command Palette…"), show_command_palette,
                   "Ctrl+Shift+P")
        menu.addSeparator()
        bigger = add_action(menu, tx("Menus", "Zoom &In"), lambda: zoom(1), "Ctrl+=")
        # Ctrl+= needs no Shift on most layouts; Ctrl++ is the system's own key.
        bigger.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        add_action(menu, tx("Menus", "Zoom &Out"), lambda: zoom(-1), "Ctrl+-")
        add_action(menu, tx("Menus", "&Actual Size"), lambda: zoom(0), "Ctrl+0")
        menu.addSeparator()
        self.theme_actions = add_choices(menu.addMenu(tx("Menus", "&Theme")), theme_choices(),
                                         theme, set_theme)

    def show_theme(self, choice: str) -> None:
        self.theme_actions[choice].setChecked(True)

    def fill_help_menu(self, menu: QMenu) -> None:
        add_action(menu, tx("Menus", "&Keyboard Shortcuts"), self.show_shortcuts)
        add_action(menu, tx("Menus", "&About Local Writer"), self.show_about)

    def show_shortcuts(self) -> None:
        QMessageBox.information(self._parent, tx("Menus", "Keyboard shortcuts"),
                                shortcuts_help())

    def show_about(self) -> None:
        QMessageBox.about(self._parent, tx("Menus", "About Local Writer"),
                          f"<b>Local Writer {__version__}</b><p>"
                          + tx("Menus", "A writing assistant whose language model runs on "
                                        "this computer. Your text never leaves it."))
