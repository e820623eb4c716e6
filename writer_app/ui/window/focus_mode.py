"""Focus mode (F11, View → Focus): the text alone on the whole screen, the paragraph
being written in full colour and the rest dimmed, and typewriter scrolling, which keeps
the line being written at the same height. Esc leaves (after a suggestion on screen has
had its Esc).

Menus, bars and panels are hidden, not taken away: their shortcuts (Ctrl+S…) keep
working, because the window holds their actions while the menu bar is out of sight.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from writer_app.ui.editor.focus_source import FocusSource
from writer_app.ui.editor.ghost_editor import GhostTextEdit
from writer_app.ui.i18n import tx
from writer_app.ui.menu_actions import add_action


def _menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            found += _menu_actions(sub)
        elif not action.isSeparator():
            found.append(action)
    return found


class FocusMode(QObject):
    """Enter and leave focus mode for one window."""

    changed = Signal(bool)

    def __init__(self, window: QMainWindow, editor: GhostTextEdit,
                 hidden: list[QWidget]) -> None:
        super().__init__(window)
        self._window = window
        self._editor = editor
        self._hidden = hidden  # bars that focus mode hides (menu and status bars…)
        self._shown_before: list[QWidget] = []
        self._borrowed: list[QAction] = []
        self._state_before = Qt.WindowState.WindowNoState
        self.active = False
        self.source = FocusSource()
        editor.decorations.add_source(self.source)
        self.toggle_action: QAction | None = None
        self.leave_action = QAction(tx("Menus", "Leave Focus"), window)
        self.leave_action.setShortcut("Esc")
        self.leave_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.leave_action.setEnabled(False)
        self.leave_action.triggered.connect(self.leave)
        window.addAction(self.leave_action)

    def fill_view_menu(self, menu: QMenu) -> None:
        self.toggle_action = add_action(menu, tx("Menus", "&Focus"), self.set_active, "F11")
        self.toggle_action.setCheckable(True)

    def set_scheme(self, scheme: str) -> None:
        self.source.set_scheme(scheme)
        if self.active:
            self._editor.decorations.refresh()

    @Slot(bool)
    def set_active(self, active: bool) -> None:
        if active:
            self.enter()
        else:
            self.leave()

    def enter(self) -> None:
        if self.active:
            return
        window = self._window
        self._borrowed = [a for a in _menu_actions_of(window) if a not in window.actions()]
        window.addActions(self._borrowed)
        docks = [dock for dock in window.findChildren(QDockWidget) if dock.isVisible()]
        self._shown_before = [w for w in [*self._hidden, *docks] if w.isVisible()]
        for widget in self._shown_before:
            widget.hide()
        self._state_before = window.windowState()
        window.showFullScreen()
        self._editor.setCenterOnScroll(True)  # the last line can be centred too
        self._set(True)
        self._keep_line_height()

    @Slot()
    def leave(self) -> None:
        if not self.active:
            return
        window = self._window
        for action in self._borrowed:
            window.removeAction(action)
        self._borrowed = []
        for widget in self._shown_before:
            widget.show()
        window.setWindowState(self._state_before)
        self._editor.setCenterOnScroll(False)
        self._set(False)

    def _set(self, active: bool) -> None:
        self.active = active
        # The cursor and a resize (full screen comes late) move the line. Watched only
        # in focus mode: a filter or a slot on the editor runs on every key.
        if active:
            self._editor.installEventFilter(self)
            self._editor.cursorPositionChanged.connect(self._keep_line_height)
        else:
            self._editor.removeEventFilter(self)
            self._editor.cursorPositionChanged.disconnect(self._keep_line_height)
        self.source.active = active
        self.leave_action.setEnabled(active)
        if self.toggle_action is not None:
            self.toggle_action.setChecked(active)
        self._editor.decorations.refresh()
        self.changed.emit(active)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._editor and event.type() == QEvent.Type.Resize:
            # After the editor has laid out its new size, not before.
            QTimer.singleShot(0, self, self._keep_line_height)
        return False

    @Slot()
    def _keep_line_height(self) -> None:
        if self.active:
            self._editor.centerCursor()


def _menu_actions_of(window: QMainWindow) -> list[QAction]:
    menus = [action.menu() for action in window.menuBar().actions()]
    return [action for menu in menus if isinstance(menu, QMenu)
            for action in _menu_actions(menu)]
