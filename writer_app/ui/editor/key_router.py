"""Who answers the editor's keys, by one rule instead of the order event filters were
installed in.

1. While an input method composes (or may hold input out of sight, see
   GhostTextEdit.input_method_busy), its keys are its own: nobody else answers, and
   Ctrl+Space (ours) is swallowed so that it never reaches the text either. A key that
   reaches the editor then tells it the input method holds nothing (an input method
   that holds input takes every plain key, release included).
2. While a task is under way, the task answers first: Tab and Enter accept its
   proposal, Esc rejects it.
3. Then ghost text: Tab, Ctrl+Right, Esc, typing through, and Ctrl+Space to ask.
Keys neither takes go on to the editor (and a key ghost text does not take dismisses it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit

MODIFIER_KEYS = frozenset((
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock,
))

# Keys input methods take by default, so they never reach the app (read from IBus 1.5.27,
# ibus-libpinyin 1.15, fcitx5 5.0.21 and its Chinese add-ons, and Microsoft Pinyin's hot
# keys); the README lists them. Stop and Suggest Now each have a key none of them takes.
TAKEN_BY_INPUT_METHODS = {
    "Ctrl+Space": "fcitx5, Microsoft Pinyin: input method on and off",
    "Ctrl+.": "ibus-libpinyin, fcitx5, Microsoft Pinyin: Chinese or Western punctuation",
    "Ctrl+Shift+F": "ibus-libpinyin, fcitx5, Microsoft Pinyin: simplified or traditional",
    "Shift+Space": "fcitx5, Microsoft Pinyin: full-width or half-width letters",
    "Ctrl+Shift+U": "IBus, fcitx5: a character by its Unicode number",
    "Ctrl+;": "fcitx5: clipboard history",
    "Ctrl+Alt+P": "fcitx5: composition shown in the app or in its own window",
    "Ctrl+Alt+E": "fcitx5 table input methods (Wubi, Cangjie): look up pinyin",
    "Meta+Space": "IBus: next input method; fcitx5: next group",
    "Meta+.": "IBus: emoji",
}
# Suggest now: Ctrl+Space is the habit of code editors; Ctrl+Shift+Space where it is taken.
REQUEST_KEYS = ("Ctrl+Space", "Ctrl+Shift+Space")


def is_request_key(event: QKeyEvent) -> bool:
    """Ctrl+Space or Ctrl+Shift+Space: suggest now."""
    return (event.key() == Qt.Key.Key_Space
            and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))


def is_accept_word_key(event: QKeyEvent) -> bool:
    """Ctrl+Right: accept the next word."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() == Qt.Key.Key_Right and modifiers == Qt.KeyboardModifier.ControlModifier


class KeyAnswerer(Protocol):
    def claims_shortcut(self, event: QKeyEvent) -> bool:
        """Return whether the key is this one's, before window shortcuts see it."""

    def answer_key(self, event: QKeyEvent) -> bool:
        """Act on a key press; return whether the editor must not see it."""


class InputMethodListener(Protocol):
    def input_method_event(self) -> None:
        """An input method is about to change the text or its composition."""


class KeyRouter(QObject):
    """The editor's one event filter for keys: see the module's rule."""

    def __init__(self, editor: QPlainTextEdit, input_method_busy: Callable[[], bool],
                 key_came_through: Callable[[QKeyEvent], None]) -> None:
        """`input_method_busy()` says whether an input method may hold input;
        `key_came_through(event)` hears of every key that reached the editor."""
        super().__init__(editor)
        self._editor = editor
        self._input_method_busy = input_method_busy
        self._key_came_through = key_came_through
        self.task: KeyAnswerer | None = None
        self.ghost: KeyAnswerer | None = None
        self.input_method: InputMethodListener | None = None
        editor.installEventFilter(self)

    def _answerers(self) -> list[KeyAnswerer]:
        return [a for a in (self.task, self.ghost) if a is not None]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._editor:
            return False
        kind = event.type()
        if kind == QEvent.Type.InputMethod and self.input_method is not None:
            self.input_method.input_method_event()
            return False
        if not isinstance(event, QKeyEvent):
            return False
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease,
                    QEvent.Type.ShortcutOverride):
            self._key_came_through(event)
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if self._input_method_busy():
            if is_request_key(event):
                event.accept()
                return True
            return False
        if kind == QEvent.Type.ShortcutOverride:
            if any(answerer.claims_shortcut(event) for answerer in self._answerers()):
                event.accept()  # keep window shortcuts (Esc closes the find bar) away
                return True
            return False
        return any(answerer.answer_key(event) for answerer in self._answerers())


_EDITING_KEYS = frozenset((Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Backspace,
                           Qt.Key.Key_Delete))


def is_writing_key(event: QKeyEvent) -> bool:
    """Return whether a key press writes at the cursor: types text, or is Return,
    Backspace or Delete (with Shift or Ctrl: a line break, a word deleted)."""
    if is_plain_typing(event.text(), event.modifiers()):
        return True
    others = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                   | Qt.KeyboardModifier.ControlModifier
                                   | Qt.KeyboardModifier.KeypadModifier)
    return event.key() in _EDITING_KEYS and not others


def is_plain_typing(text: str, modifiers: Qt.KeyboardModifier) -> bool:
    """Return whether a key press types `text` (no Ctrl, Alt or Meta held)."""
    blocked = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.MetaModifier
    )
    return bool(text) and text.isprintable() and not (modifiers & blocked)
