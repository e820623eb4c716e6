"""The keys of ghost text, as the editor's key router gives them (see key_router.py):
Tab takes the suggestion, Ctrl+Right its next word, Esc dismisses it, typing its next
letters types through it, Ctrl+Space asks at once; any other key dismisses it before the
editor sees the key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from writer_app.ui.editor.ghost_editor import GhostTextEdit
from writer_app.ui.editor.key_router import (
    MODIFIER_KEYS,
    is_accept_word_key,
    is_plain_typing,
    is_request_key,
)

if TYPE_CHECKING:
    from writer_app.ui.editor.suggestion_controller import SuggestionController


class SuggestionKeys:
    """Answer the keys for one editor's suggestion controller."""

    def __init__(self, suggestions: SuggestionController, editor: GhostTextEdit) -> None:
        self._suggestions = suggestions
        self._editor = editor

    def input_method_event(self) -> None:
        self._suggestions.dismiss()

    def claims_shortcut(self, event: QKeyEvent) -> bool:
        if is_request_key(event):
            return True
        if not self._editor.ghost_text():
            return False
        return event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Escape) or is_accept_word_key(event)

    def answer_key(self, event: QKeyEvent) -> bool:
        suggestions = self._suggestions
        if is_request_key(event):
            suggestions.suggest_now()
            return True
        if not self._editor.ghost_text() or event.key() in MODIFIER_KEYS:
            # Shift before a capital or Ctrl before Ctrl+Right must not dismiss.
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.NoModifier:
            suggestions.accept_all()
            return True
        if is_accept_word_key(event):
            suggestions.accept_word()
            return True
        if event.key() == Qt.Key.Key_Escape:
            suggestions.dismiss()
            return True
        if (is_plain_typing(event.text(), event.modifiers())
                and suggestions.type_through(event.text())):
            return True
        suggestions.dismiss()
        return False
