"""Watch the open file for changes made by other programs.

Qt's watcher reports most changes at once; the state is checked again whenever the app
comes back to the front and before every save, because a watcher can miss a change (a
network drive, or an editor that renames a new file over the old one).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication

from writer_app.core.disk_state import DiskState, disk_state


class FileWatch(QObject):
    """Remember the version of the file the editor holds; say when the disk differs."""

    changed = Signal(bool)  # True: the file still exists (changed); False: it is gone

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self._known: DiskState | None = None
        self._reported: list[DiskState | None] = []  # the last state reported, if any
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self.check)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state)

    def follow(self, path: Path | None) -> None:
        """Watch `path` (None: nothing), taking what is on disk now as the editor's version."""
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        self.path = path
        self.accept_disk_version()

    def accept_disk_version(self) -> None:
        """Take the file as it is now as the version the editor knows (after a save, a
        reload, or the writer choosing to keep their own text)."""
        self._known = disk_state(self.path) if self.path else None
        self._reported = []
        self._watch()

    def changed_on_disk(self) -> bool:
        """Return whether the file differs from the version the editor knows."""
        return self.path is not None and disk_state(self.path) != self._known

    def _watch(self) -> None:
        # An editor that saves by renaming removes the watched file: watch the new one.
        if self.path is not None and str(self.path) not in self._watcher.files() \
                and self.path.exists():
            self._watcher.addPath(str(self.path))

    @Slot()
    def check(self) -> None:
        """Compare the disk with the known version; report each new difference once."""
        if self.path is None:
            return
        self._watch()
        now = disk_state(self.path)
        if now == self._known or (self._reported and now == self._reported[0]):
            return
        self._reported = [now]
        self.changed.emit(now is not None)

    @Slot(Qt.ApplicationState)
    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()
