"""The Suggestions menu: accept, dismiss and ask, and how suggestions come (while the
writer pauses or not, how long, after how long a pause), remembered in the settings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from writer_app.core.context import ContextBudget
from writer_app.core.prose import SuggestionLength
from writer_app.core.settings import Settings
from writer_app.ui.editor.ghost_editor import GhostTextEdit
from writer_app.ui.editor.key_router import REQUEST_KEYS
from writer_app.ui.editor.suggestion_controller import SuggestionController
from writer_app.ui.editor.suggestion_length import length_choices
from writer_app.ui.i18n import tx
from writer_app.ui.menu_actions import add_action, add_choices


class SuggestionMenu:
    """Fill a Suggestions menu for one editor's suggestion controller."""

    def __init__(self, menu: QMenu, editor: GhostTextEdit, suggestions: SuggestionController,
                 settings: Settings, save_settings: Callable[[], None]) -> None:
        self._suggestions = suggestions
        self._settings = settings
        self._save_settings = save_settings
        self._parent: QWidget = editor
        self.suggest_action = add_action(menu, tx("Menus", "Suggest &Now"),
                                         suggestions.suggest_now)
        # Ctrl+Space turns fcitx5 and Microsoft Pinyin on and off: a second key.
        self.suggest_action.setShortcuts([QKeySequence(key) for key in REQUEST_KEYS])
        self.accept_action = add_action(menu, tx("Menus", "&Accept Suggestion"),
                                        suggestions.accept_all, "Tab")
        self.accept_word_action = add_action(menu, tx("Menus", "Accept Next &Word"),
                                             suggestions.accept_word, "Ctrl+Right")
        self.dismiss_action = add_action(menu, tx("Menus", "&Dismiss"), suggestions.dismiss,
                                         "Esc")
        for action in (self.accept_action, self.accept_word_action, self.dismiss_action):
            # Live only while the editor has focus: Esc in the find bar closes the bar.
            editor.addAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        menu.addSeparator()
        self.auto_action = add_action(menu, tx("Menus", "Suggest While I &Pause"),
                                      self.set_auto_suggest)
        self.auto_action.setCheckable(True)
        self.length_actions = add_choices(
            menu.addMenu(tx("Menus", "Suggestion &Length")), length_choices(),
            settings.suggestion_length, self.set_length)
        add_action(menu, tx("Menus", "Pause Before Suggesting…"), self.ask_pause)
        suggestions.suggestion_shown.connect(lambda _text: self._set_ghost_actions(True))
        suggestions.suggestion_dismissed.connect(lambda: self._set_ghost_actions(False))
        self._set_ghost_actions(False)
        self.show_settings()

    def _set_ghost_actions(self, visible: bool) -> None:
        # Disabled actions leave Tab, Ctrl+Right and Esc to the editor when no
        # suggestion is on screen.
        for action in (self.accept_action, self.accept_word_action, self.dismiss_action):
            action.setEnabled(visible)

    def show_settings(self) -> None:
        """Show the settings' choices, and have the controller follow them."""
        settings, suggestions = self._settings, self._suggestions
        suggestions.enabled = settings.suggestions_enabled
        suggestions.pause_ms = settings.pause_ms
        suggestions.length = settings.suggestion_length
        if suggestions.budget.before_chars != settings.context_chars:
            suggestions.budget = ContextBudget(before_chars=settings.context_chars)
        self.auto_action.setChecked(settings.suggestions_enabled)
        self.length_actions[settings.suggestion_length].setChecked(True)

    def set_auto_suggest(self, enabled: bool) -> None:
        self._settings.suggestions_enabled = enabled
        self._suggestions.enabled = enabled
        self._save_settings()

    def set_length(self, length: SuggestionLength) -> None:
        self._settings.suggestion_length = length
        self._suggestions.length = length
        self._save_settings()

    def ask_pause(self) -> None:
        value, ok = QInputDialog.getInt(self._parent.window(),
                                        tx("MainWindow", "Pause before suggesting"),
                                        tx("MainWindow",
                                           "Milliseconds of quiet before a suggestion:"),
                                        self._settings.pause_ms, 50, 5000, 50)
        if ok:
            self._settings.pause_ms = value
            self._suggestions.pause_ms = value
            self._save_settings()
