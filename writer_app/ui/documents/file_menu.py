"""The File menu: the document session's actions, and the recent files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from writer_app.ui.documents.document_session import DocumentSession
from writer_app.ui.i18n import tx
from writer_app.ui.menu_actions import add_action


class FileMenu:
    """Fill a File menu with what a document session does."""

    def __init__(self, menu: QMenu, session: DocumentSession,
                 quit_app: Callable[[], object], export: Callable[[], object]) -> None:
        self._session = session
        keys = QKeySequence.StandardKey
        add_action(menu, tx("Menus", "&New"), session.new_document, keys.New)
        add_action(menu, tx("Menus", "&Open…"), session.open_dialog, keys.Open)
        self.recent_menu = menu.addMenu(tx("Menus", "Open &Recent"))
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        add_action(menu, tx("Menus", "Recover &Unsaved Documents…"), session.show_recovery)
        menu.addSeparator()
        add_action(menu, tx("Menus", "&Save"), session.save, keys.Save)
        add_action(menu, tx("Menus", "Save &As…"), session.save_as, "Ctrl+Shift+S")
        add_action(menu, tx("Menus", "&Export…"), export, "Ctrl+E")
        menu.addSeparator()
        add_action(menu, tx("Menus", "&Quit"), quit_app, keys.Quit)

    def fill_recent_menu(self) -> None:
        session = self._session
        self.recent_menu.clear()
        for entry in session.settings.recent_files:
            add_action(self.recent_menu, entry,
                    lambda _checked=False, path=entry: session.open_with_prompt(Path(path)))
        if not session.settings.recent_files:
            self.recent_menu.addAction(tx("Menus", "No recent files")).setEnabled(False)

