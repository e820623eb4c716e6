"""The window's document: opening, saving with the previous version kept, recovery
copies and their restoring, and files changed by other programs.

A part of the main window, not a base class of it: it gets the editor, the bars it
speaks through and the settings (file_menu.py gives it its File menu). The methods that
ask the writer something are separate so that tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from writer_app.core.document_io import (
    UTF8_KEEPING_BYTES,
    LoadedDocument,
    TextFormat,
    backup_path,
    keep_previous_version,
    kept_bytes,
    read_document,
    save_document,
)
from writer_app.core.errors import (
    InvalidEncodingError,
    SaveFailedError,
    UnencodableTextError,
    WriterError,
)
from writer_app.core.recovery_journal import (
    RecoveredDocument,
    Snapshot,
    discard_recovered,
    find_recoverable,
)
from writer_app.core.settings import Settings
from writer_app.paths import AppPaths
from writer_app.ui.documents.autosave import Autosaver
from writer_app.ui.documents.document_places import remember_place, restore_place
from writer_app.ui.documents.file_watch import FileWatch
from writer_app.ui.documents.recovery_dialog import RecoveryDialog, text_on_disk
from writer_app.ui.editor.ghost_editor import GhostTextEdit, document_text
from writer_app.ui.i18n import say, tx
from writer_app.ui.widgets.notice_bar import NoticeBar
from writer_app.ui.widgets.status_line import StatusLine


def file_filters() -> str:
    return tx("Documents", "Text and Markdown (*.txt *.md *.markdown *.text);;All files (*)")


class DocumentSession(QObject):
    """The one document of a window: its file, its format, its recovery copies."""

    # Before the editor's text is replaced by another document's: whatever is painted
    # over the old text (ghost text) must go first.
    about_to_replace = Signal()
    title_changed = Signal(str)  # the document's name without its extension ("" if none)
    document_replaced = Signal()  # another document (or a new one) is in the editor now

    def __init__(self, window: QMainWindow, editor: GhostTextEdit, *, settings: Settings,
                 paths: AppPaths, notice: NoticeBar, status: StatusLine,
                 save_settings: Callable[[], None],
                 notify: Callable[[str, str], None]) -> None:
        super().__init__(window)
        self._window = window
        self.editor = editor
        self.settings = settings
        self.paths = paths
        self.notice = notice
        self.status = status
        self.save_settings = save_settings
        self.notify = notify
        self.path: Path | None = None
        self.text_format = TextFormat()
        self.recovery_dialog: RecoveryDialog | None = None
        self.autosaver: Autosaver | None = None
        try:
            self.autosaver = Autosaver(editor.document(), paths.recovery_dir, self.snapshot,
                                       self)
            self.autosaver.failed.connect(notice.show_notice)
        except OSError as exc:
            notice.show_notice(
                tx("MainWindow", "Recovery copies cannot be kept in {folder} ({reason}). Save "
                                 "often, or make that folder writable and restart Local "
                                 "Writer.").format(folder=paths.recovery_dir,
                                                   reason=exc.strerror))
        self.file_watch = FileWatch(self)
        self.file_watch.changed.connect(self._on_file_changed)
        editor.document().modificationChanged.connect(window.setWindowModified)
        status.show_format(self.text_format.label)

    def close(self) -> None:
        """The window closes: the document was saved, or the writer discarded it."""
        self.remember_place()
        if self.autosaver is not None:
            self.autosaver.document_saved()
            self.autosaver.close()
            self.autosaver = None

    # --- dialogs (separate methods so tests can answer them) ---------------------

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        return QMessageBox.question(
            self._window, tx("Documents", "Unsaved changes"),
            tx("Documents", "Do you want to save the changes to “{name}”?").format(
                name=self._display_name()), buttons,
            QMessageBox.StandardButton.Save,
        )

    def ask_yes_no(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self._window, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def choose_open_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self._window, tx("Documents", "Open"),
                                              self._dialog_folder(), file_filters())
        return Path(name) if name else None

    def choose_save_path(self) -> Path | None:
        folder = Path(self._dialog_folder())
        suggested = str(self.path) if self.path else str(folder / (tx("Documents",
                                                                      "Untitled") + ".md"))
        name, _ = QFileDialog.getSaveFileName(self._window, tx("Documents", "Save As"),
                                              suggested,
                                              file_filters())
        return Path(name) if name else None

    def _dialog_folder(self) -> str:
        return str(self.path.parent) if self.path else str(Path.home())

    # --- documents --------------------------------------------------------------

    def _display_name(self) -> str:
        return self.path.name if self.path else tx("Documents", "Untitled")

    def update_title(self) -> None:
        self.title_changed.emit(self.path.stem if self.path else "")
        self._window.setWindowTitle(tx("Documents", "{name}[*] — Local Writer").format(
            name=self._display_name()))
        self._window.setWindowModified(self.editor.document().isModified())

    def maybe_save(self) -> bool:
        """Return True when the current document may be replaced or closed."""
        if not self.editor.document().isModified():
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def snapshot(self) -> Snapshot:
        """Return the document as the writer has it: no ghost text, no proposal."""
        path = str(self.path) if self.path else None
        return Snapshot(document_text(self.editor), path, self.text_format.encoding,
                        self.text_format.newline)

    def remember_place(self) -> None:
        """Keep where the writer is, for the next time the document opens."""
        if self.path is not None:
            remember_place(self.editor, self.settings, self.path)
            self.save_settings()

    def reopen_last(self) -> bool:
        """Open the document the writer had open last, where they left it."""
        last = Path(self.settings.recent_files[0]) if self.settings.recent_files else None
        return last is not None and last.is_file() and self.open_path(last)

    def _set_document(self, text: str, path: Path | None, text_format: TextFormat) -> None:
        self.remember_place()
        if self.autosaver is not None:
            self.autosaver.document_replaced()
        self.about_to_replace.emit()
        self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self.path = path
        self.file_watch.follow(path)
        self.text_format = text_format
        self.update_title()
        self.status.show_format(text_format.label)
        self.status.show_counts(text)
        self.document_replaced.emit()

    @Slot()
    def new_document(self) -> None:
        if self.maybe_save():
            self._set_document("", None, TextFormat())

    @Slot()
    def open_dialog(self) -> None:
        if self.maybe_save():
            path = self.choose_open_path()
            if path is not None:
                self.open_path(path)

    def open_with_prompt(self, path: Path) -> None:
        if self.maybe_save():
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Open `path` into the editor; say why not, and change nothing, if it fails."""
        try:
            loaded = read_document(path)
        except InvalidEncodingError as exc:
            question = tx("Documents", "{problem}\n\nOpen it as Windows-1252 text? Every "
                                       "byte is kept, and saving writes the file back in the "
                                       "same encoding.").format(problem=say(exc))
            if not self.ask_yes_no(tx("Documents", "Not UTF-8"), question):
                return False
            return self.open_path_as(path, "cp1252")
        except (WriterError, OSError) as exc:
            self.notify(tx("Documents", "Cannot open file"), _why_not_opened(path, exc))
            return False
        return self._show_loaded(path, loaded)

    def open_path_as(self, path: Path, encoding: str) -> bool:
        """Open `path` in a legacy 8-bit encoding the writer chose."""
        try:
            loaded = read_document(path, fallback_encoding=encoding)
        except (WriterError, OSError) as exc:
            self.notify(tx("Documents", "Cannot open file"), _why_not_opened(path, exc))
            return False
        return self._show_loaded(path, loaded)

    def _show_loaded(self, path: Path, loaded: LoadedDocument) -> bool:
        self._set_document(loaded.text, path, loaded.format)
        self._remember_recent(path)
        restore_place(self.editor, self.settings, path)
        if loaded.format.encoding == UTF8_KEEPING_BYTES:
            count, line, column = kept_bytes(loaded.text)
            self.notice.show_notice(
                tx("Documents", "“{name}” is UTF-8 with {count} invalid bytes (the first on "
                                "line {line}, column {column}). Each shows as a box and is "
                                "written back unchanged when you save.").format(
                    name=path.name, count=f"{count:,}", line=line, column=column))
        return True

    def start_new_file_at(self, path: Path) -> None:
        """Begin an empty document that Save will write to `path`."""
        self._set_document("", path, TextFormat())

    def _remember_recent(self, path: Path) -> None:
        self.settings.add_recent_file(path.resolve())
        self.save_settings()

    @Slot()
    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        if self.file_watch.changed_on_disk() and self.path.exists():
            kept = (tx("Documents", " Its version is kept as the previous version.")
                    if self.settings.backup_on_save else "")
            if not self.ask_yes_no(
                    tx("Documents", "Changed on disk"),
                    tx("Documents", "“{name}” was changed by another program since you "
                                    "opened it. Save your version over it?{kept}\n\nChoose No "
                                    "to keep both: then use Save As for your version.").format(
                        name=self.path.name, kept=kept)):
                return False
        return self._write(self.path)

    @Slot()
    def save_as(self) -> bool:
        path = self.choose_save_path()
        if path is None:
            return False
        if not self._write(path):
            return False
        self.path = path
        self.update_title()
        self._remember_recent(path)
        return True

    def _write(self, path: Path) -> bool:
        text = document_text(self.editor)
        text_format = self.text_format
        self._keep_previous_version(path)
        try:
            save_document(path, text, text_format)
        except UnencodableTextError as exc:
            question = tx("Documents", "{problem}\n\nSave the file as UTF-8 instead?").format(
                problem=say(exc))
            if not self.ask_yes_no(tx("Documents", "Change encoding?"), question):
                return False
            text_format = TextFormat("utf-8", text_format.newline)
            try:
                save_document(path, text, text_format)
            except SaveFailedError as error:
                self.notify(tx("Documents", "Not saved"), say(error))
                return False
        except SaveFailedError as exc:
            self.notify(tx("Documents", "Not saved"), say(exc))
            return False
        self.text_format = text_format
        self.status.show_format(text_format.label)
        self.editor.document().setModified(False)
        self.file_watch.follow(path)
        if self.autosaver is not None:
            self.autosaver.document_saved()
        self.status.showMessage(tx("Documents", "Saved {name}").format(name=path.name), 3000)
        return True

    def _keep_previous_version(self, path: Path) -> None:
        if not self.settings.backup_on_save:
            return
        try:
            keep_previous_version(path, backup_path(path, self.paths.backups_dir))
        except (SaveFailedError, OSError) as exc:
            self.notice.show_notice(tx("Documents", "The previous version of “{name}” could "
                                                    "not be kept ({problem}); your text is "
                                                    "saved all the same.").format(
                name=path.name, problem=say(exc)))

    @Slot(bool)
    def _on_file_changed(self, exists: bool) -> None:
        name = self._display_name()
        if not exists:
            self.notice.show_notice(tx("Documents", "“{name}” was deleted or moved by another "
                                                    "program. Your text is still here: Save "
                                                    "writes the file again.").format(name=name))
            return
        self.notice.show_notice(
            tx("Documents", "“{name}” was changed by another program. Reload it to see the "
                            "changes, or keep your text here (saving then replaces the other "
                            "version).").format(name=name),
            tx("Documents", "Reload"), self.reload_from_disk, close_text=tx("Documents",
                                                                            "Keep Mine"),
            on_close=self.file_watch.accept_disk_version)

    def reload_from_disk(self) -> bool:
        """Read the file again, replacing the editor's text (after asking, if unsaved)."""
        if self.path is None:
            return False
        if self.editor.document().isModified() and not self.ask_yes_no(
                tx("Documents", "Reload"), tx("Documents",
                                              "Reload “{name}” from disk? The changes you have "
                                          "not saved will be lost.").format(
                    name=self.path.name)):
            return False
        return self.open_path(self.path)

    # --- recovery ---------------------------------------------------------------

    def offer_recovery(self) -> RecoveryDialog | None:
        """Offer the unsaved documents of an app that did not close normally.

        A copy identical to its file (saved just before the crash) is dropped unasked.
        """
        documents = []
        for document in find_recoverable(self.paths.recovery_dir):
            if document.snapshot.text == text_on_disk(document):
                discard_recovered(document)
            else:
                documents.append(document)
        if not documents:
            return None
        dialog = RecoveryDialog(documents, self.restore_document, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.recovery_dialog = dialog
        dialog.open()
        return dialog

    def show_recovery(self) -> None:
        if self.offer_recovery() is None:
            self.status.showMessage(tx("Documents", "There are no unsaved documents to recover."),
                                    5000)

    def restore_document(self, document: RecoveredDocument) -> bool:
        """Put a recovered document in the editor, unsaved; its old copy goes once the
        new session holds its own."""
        if not self.maybe_save():
            return False
        snapshot = document.snapshot
        path = Path(snapshot.path) if snapshot.path else None
        self._set_document(snapshot.text, path, TextFormat(snapshot.encoding, snapshot.newline))
        self.editor.document().setModified(True)
        if self.autosaver is not None:
            self.autosaver.copy_now()
            self.autosaver.journal.flush()
        discard_recovered(document)
        self.status.showMessage(tx("Documents", "Restored {name}: save it to keep it.").format(
            name=document.name), 8000)
        return True


def _why_not_opened(path: Path, exc: WriterError | OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return tx("Documents", "“{path}” does not exist.").format(path=path)
    if isinstance(exc, OSError):
        return tx("Documents", "“{name}” cannot be read: {reason}.").format(
            name=path.name, reason=exc.strerror)
    return tx("Documents", "“{name}” cannot be opened: {problem}").format(name=path.name,
                                                                        problem=say(exc))

