"""The main window: the editor, its menus, the status bar, and opening and saving files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.default_model import DEFAULT_MODEL_LABEL
from writer_app.core.document_io import TextFormat, read_document, save_document
from writer_app.core.errors import (
    InvalidEncodingError,
    NotTextError,
    SaveFailedError,
    UnencodableTextError,
)
from writer_app.core.prompt_templates import PromptTemplate
from writer_app.core.prose import SuggestionLength
from writer_app.core.recovery_journal import (
    RecoveredDocument,
    Snapshot,
    discard_recovered,
    find_recoverable,
)
from writer_app.core.settings import Settings, save_settings
from writer_app.engine.protocol import Loaded, LoadModel
from writer_app.engine.task_request import needs_instruct_note
from writer_app.resources import resource_path
from writer_app.ui.autosave import Autosaver
from writer_app.ui.command_palette import CommandPalette, collect_commands
from writer_app.ui.engine_bridge import EngineBridge, EngineState
from writer_app.ui.find_bar import FindBar
from writer_app.ui.ghost_editor import GhostTextEdit
from writer_app.ui.model_manager import ModelManager
from writer_app.ui.notice_bar import NoticeBar
from writer_app.ui.preferences_dialog import PreferencesDialog
from writer_app.ui.recovery_dialog import RecoveryDialog, text_on_disk
from writer_app.ui.status_bar import WriterStatusBar
from writer_app.ui.suggestion_controller import SuggestionController, document_text
from writer_app.ui.summary_panel import SummaryPanel
from writer_app.ui.task_controller import TaskController
from writer_app.ui.task_questions import TaskQuestions
from writer_app.ui.task_status import TaskStatus
from writer_app.ui.tasks_menu import TasksMenu
from writer_app.ui.theme import apply_theme
from writer_app.ui.window_menus import WindowMenus

FILE_FILTERS = "Text and Markdown (*.txt *.md *.markdown *.text);;All files (*)"


@dataclass(frozen=True)
class AppPaths:
    """Where the app keeps its settings and data, resolved once by the app layer."""

    config_dir: Path
    data_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def recovery_dir(self) -> Path:
        return self.data_dir / "recovery"


class MainWindow(QMainWindow):
    """One document in one editor, with ghost text from the engine."""

    def __init__(self, settings: Settings, paths: AppPaths, bridge: EngineBridge) -> None:
        super().__init__()
        self.settings = settings
        self.paths = paths
        self.bridge = bridge
        self.path: Path | None = None
        self.text_format = TextFormat()
        self.last_notice = ""
        self.model_manager: ModelManager | None = None
        self._model_override: str | None = None
        self._previous_model: str | None = settings.model_path

        self.editor = GhostTextEdit()
        self.find_bar = FindBar(self.editor)
        self.find_bar.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.notice = NoticeBar()
        layout.addWidget(self.notice)
        layout.addWidget(self.editor)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.status = WriterStatusBar()
        self.status.text_source = lambda: document_text(self.editor)
        self.setStatusBar(self.status)

        self.suggestions = SuggestionController(
            self.editor, bridge, pause_ms=settings.pause_ms,
            length=settings.suggestion_length, context_chars=settings.context_chars,
            enabled=settings.suggestions_enabled,
        )
        self.questions = TaskQuestions(self, settings, self.save_settings)
        self.tasks = TaskController(self.editor, bridge, self.suggestions,
                                    self.questions.ask)
        self.tasks.sampling_overrides = settings.task_sampling
        self.tasks.failed.connect(lambda text: self.status.showMessage(text, 10000))
        self.tasks.summary_ready.connect(self._show_summary)
        self.tasks.started.connect(self._on_task_started)
        self.menus = WindowMenus(self)
        self.tasks_menu = TasksMenu(
            self.menuBar(), self, self.tasks,
            (resource_path("templates"), paths.config_dir / "templates"),
            lambda text: self.status.showMessage(text, 15000))
        self.task_status = TaskStatus(self.tasks)
        # Permanent: a passing message must never hide the stop button.
        self.status.insertPermanentWidget(0, self.task_status)
        self.command_palette = CommandPalette(self)
        self.editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.editor.customContextMenuRequested.connect(self._show_context_menu)
        self.summary = SummaryPanel(self.editor, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.summary)
        self.summary.hide()
        document = self.editor.document()
        document.modificationChanged.connect(self.setWindowModified)
        document.contentsChanged.connect(self.status.schedule_counts)
        bridge.state_changed.connect(self._on_engine_state)
        bridge.model_loaded.connect(self._on_model_loaded)
        self.suggestions.suggestion_shown.connect(lambda _text: self.menus.set_ghost_actions(True))
        self.suggestions.suggestion_dismissed.connect(lambda: self.menus.set_ghost_actions(False))
        self.menus.set_ghost_actions(False)
        self.autosaver: Autosaver | None = None
        try:
            self.autosaver = Autosaver(document, paths.recovery_dir, self.snapshot, self)
            self.autosaver.failed.connect(self.notice.show_notice)
        except OSError as exc:
            self.notice.show_notice(
                f"Recovery copies cannot be kept in {paths.recovery_dir} ({exc.strerror}). "
                "Save often, or make that folder writable and restart Local Writer.")
        self.recovery_dialog: RecoveryDialog | None = None
        self.resize(1000, 760)
        self._update_title()
        self.status.show_format(self.text_format.label)
        self.status.show_engine_state(bridge.state.value, "")

    # --- dialogs (separate methods so tests can answer them) ---------------------

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        return QMessageBox.question(
            self, "Unsaved changes",
            f"Do you want to save the changes to “{self._display_name()}”?", buttons,
            QMessageBox.StandardButton.Save,
        )

    def ask_yes_no(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def choose_open_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, "Open", self._dialog_folder(), FILE_FILTERS)
        return Path(name) if name else None

    def choose_save_path(self) -> Path | None:
        folder = Path(self._dialog_folder())
        suggested = str(self.path) if self.path else str(folder / "Untitled.md")
        name, _ = QFileDialog.getSaveFileName(self, "Save As", suggested, FILE_FILTERS)
        return Path(name) if name else None

    @Slot(str)
    def _show_summary(self, text: str) -> None:
        self.summary.show_text(text)

    @Slot(object)
    def _on_task_started(self, template: PromptTemplate) -> None:
        """Say once per model, plainly, when a base model does an instruction's job."""
        loaded = self.bridge.loaded
        if loaded is None or not needs_instruct_note(template, loaded.chat_template):
            return
        if loaded.model_path in self.settings.base_model_noticed:
            return
        self.settings.base_model_noticed.append(loaded.model_path)
        self.save_settings()
        name = loaded.model_name if self._model_override else DEFAULT_MODEL_LABEL
        self.notice.show_notice(
            f"{name} is a base model: it continues text rather than following "
            f"instructions, so “{template.name.rstrip('…')}” and the other rewrites may "
            "come out rough or repeat the example. An instruction-tuned model (a .gguf "
            "whose name says “instruct” or “it”) does these tasks well. Continue Writing "
            "and ghost text suit a base model.",
            "Get a Model…", self.show_model_manager)

    def notify(self, title: str, text: str) -> None:
        """Tell the writer something went wrong, without blocking the window."""
        self.last_notice = text
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _dialog_folder(self) -> str:
        return str(self.path.parent) if self.path else str(Path.home())

    # --- documents --------------------------------------------------------------

    def _display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    def _update_title(self) -> None:
        self.tasks.document_title = self.path.stem if self.path else ""
        self.setWindowTitle(f"{self._display_name()}[*] — Local Writer")
        self.setWindowModified(self.editor.document().isModified())

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

    def _set_document(self, text: str, path: Path | None, text_format: TextFormat) -> None:
        if self.autosaver is not None:
            self.autosaver.document_replaced()
        self.suggestions.dismiss()
        self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self.path = path
        self.text_format = text_format
        self._update_title()
        self.status.show_format(text_format.label)
        self.status.show_counts(text)

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
            question = (f"{exc}\n\nOpen it as Windows-1252 text? Every byte is kept, and "
                        "saving writes the file back in the same encoding.")
            if not self.ask_yes_no("Not UTF-8", question):
                return False
            loaded = read_document(path, fallback_encoding="cp1252")
        except NotTextError as exc:
            self.notify("Cannot open file", f"“{path.name}” cannot be opened: {exc}")
            return False
        except FileNotFoundError:
            self.notify("Cannot open file", f"“{path}” does not exist.")
            return False
        except OSError as exc:
            self.notify("Cannot open file", f"“{path.name}” cannot be read: {exc.strerror}.")
            return False
        self._set_document(loaded.text, path, loaded.format)
        self._remember_recent(path)
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
        return self._write(self.path)

    @Slot()
    def save_as(self) -> bool:
        path = self.choose_save_path()
        if path is None:
            return False
        if not self._write(path):
            return False
        self.path = path
        self._update_title()
        self._remember_recent(path)
        return True

    def _write(self, path: Path) -> bool:
        text = document_text(self.editor)
        text_format = self.text_format
        try:
            save_document(path, text, text_format)
        except UnencodableTextError as exc:
            question = f"{exc}\n\nSave the file as UTF-8 instead?"
            if not self.ask_yes_no("Change encoding?", question):
                return False
            text_format = TextFormat("utf-8", text_format.newline)
            try:
                save_document(path, text, text_format)
            except SaveFailedError as error:
                self.notify("Not saved", str(error))
                return False
        except SaveFailedError as exc:
            self.notify("Not saved", str(exc))
            return False
        self.text_format = text_format
        self.status.show_format(text_format.label)
        self.editor.document().setModified(False)
        if self.autosaver is not None:
            self.autosaver.document_saved()
        self.status.showMessage(f"Saved {path.name}", 3000)
        return True

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
        dialog = RecoveryDialog(documents, self.restore_document, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.recovery_dialog = dialog
        dialog.open()
        return dialog

    def show_recovery(self) -> None:
        if self.offer_recovery() is None:
            self.status.showMessage("There are no unsaved documents to recover.", 5000)

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
        self.status.showMessage(f"Restored {document.name}: save it to keep it.", 8000)
        return True

    # --- model ----------------------------------------------------------------

    def start_engine(self, model_override: str | None = None) -> None:
        """Load the chosen model (or the override from the command line) in the engine."""
        self._model_override = model_override or self.settings.model_path
        self._load(self._model_override)

    def _load(self, model_path: str | None) -> None:
        self.status.show_model(Path(model_path).name if model_path else DEFAULT_MODEL_LABEL, "")
        self.bridge.load(LoadModel(
            model_path=model_path, data_dir=str(self.paths.data_dir), n_ctx=self.settings.n_ctx,
            n_threads=self.settings.n_threads, gpu_layers=self.settings.gpu_layers,
        ))

    def show_model_manager(self) -> ModelManager:
        """Open the model manager (one per window; it keeps a download going when hidden)."""
        if self.model_manager is None:
            from writer_app.core.model_catalogue import load_catalogue
            from writer_app.hub.model_store import ModelStore
            from writer_app.resources import catalogue_path

            self.model_manager = ModelManager(
                ModelStore(self.paths.data_dir / "models"), load_catalogue(catalogue_path()),
                self.settings.n_ctx, parent=self)
            self.model_manager.model_chosen.connect(self.use_model)
        self.model_manager.show()
        self.model_manager.raise_()
        self.model_manager.activateWindow()
        return self.model_manager

    def choose_model_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a model", str(Path.home()),
                                              "GGUF models (*.gguf);;All files (*)")
        if name:
            self.use_model(name)

    def use_model(self, model_path: str | None) -> None:
        """Switch to another model; it is remembered once it has loaded."""
        self._previous_model = self.settings.model_path
        self._model_override = model_path
        self._load(model_path)

    @Slot(object)
    def _on_model_loaded(self, loaded: Loaded) -> None:
        name = loaded.model_name if self._model_override else DEFAULT_MODEL_LABEL
        backend = loaded.backend
        if backend != "CPU" and loaded.gpu_layers > 0:
            backend = f"{backend}, {loaded.gpu_layers} layers"  # the rest run on the CPU
        self.status.show_model(name, backend)
        self.status.show_engine_state(EngineState.READY.value, "")
        if loaded.note:
            self.notice.show_notice(loaded.note)
        if self.settings.model_path != self._model_override:
            self.settings.model_path = self._model_override
            self.save_settings()

    @Slot(str, str)
    def _on_engine_state(self, state: str, detail: str) -> None:
        self.status.show_engine_state(state, detail)
        if state != EngineState.FAILED.value:
            return
        failed = self._model_override
        if failed is None:
            self.notify("The model could not start", detail)
            return
        fallback = self._previous_model if self._previous_model != failed else None
        self.notify("The model could not start",
                    f"{detail}\n\nLocal Writer goes on with "
                    f"{Path(fallback).name if fallback else 'the embedded model'}.")
        self._model_override = fallback
        self._previous_model = None
        self._load(fallback)

    # --- preferences ------------------------------------------------------------

    def context_menu(self, viewport_pos: QPoint) -> QMenu:
        """Build the editor's context menu: the tasks that fit, then Qt's own entries."""
        scrolled = QPoint(self.editor.horizontalScrollBar().value(),
                          self.editor.verticalScrollBar().value())
        menu = self.editor.createStandardContextMenu(viewport_pos + scrolled)
        self.tasks_menu.add_to_context_menu(menu, self.editor.textCursor().hasSelection())
        return menu

    @Slot(QPoint)
    def _show_context_menu(self, viewport_pos: QPoint) -> None:
        menu = self.context_menu(viewport_pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.editor.viewport().mapToGlobal(viewport_pos))

    def show_command_palette(self) -> None:
        """Offer every enabled menu command, templates the writer just added included."""
        self.tasks_menu.rebuild()
        self.menus.fill_recent_menu()
        menus = [action.menu() for action in self.menuBar().actions()]
        self.command_palette.open_with(collect_commands(m for m in menus if isinstance(m, QMenu)))

    def save_settings(self) -> None:
        save_settings(self.settings, self.paths.settings_file)

    def show_preferences(self) -> None:
        """Open Preferences; OK applies the writer's choices at once."""
        dialog = PreferencesDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog))
        self.preferences_dialog = dialog
        dialog.open()

    def apply_preferences(self, dialog: PreferencesDialog) -> None:
        engine_before = (self.settings.gpu_layers, self.settings.n_threads, self.settings.n_ctx)
        dialog.apply_to(self.settings)
        settings = self.settings
        if (settings.gpu_layers, settings.n_threads, settings.n_ctx) != engine_before:
            self._load(self._model_override)  # how the model runs changed: reload it
            if self.model_manager is not None:
                self.model_manager.n_ctx = settings.n_ctx
                self.model_manager.refresh()
        self.suggestions.enabled = settings.suggestions_enabled
        self.suggestions.pause_ms = settings.pause_ms
        self.suggestions.length = settings.suggestion_length
        self.tasks.sampling_overrides = settings.task_sampling
        self.menus.auto_action.setChecked(settings.suggestions_enabled)
        self.menus.length_actions[settings.suggestion_length].setChecked(True)
        self.set_theme(settings.theme)  # saves the settings too

    def set_auto_suggest(self, enabled: bool) -> None:
        self.settings.suggestions_enabled = enabled
        self.suggestions.enabled = enabled
        self.save_settings()

    def set_length(self, length: SuggestionLength) -> None:
        self.settings.suggestion_length = length
        self.suggestions.length = length
        self.save_settings()

    def ask_pause(self) -> None:
        value, ok = QInputDialog.getInt(self, "Pause before suggesting",
                                        "Milliseconds of quiet before a suggestion:",
                                        self.settings.pause_ms, 50, 5000, 50)
        if ok:
            self.settings.pause_ms = value
            self.suggestions.pause_ms = value
            self.save_settings()

    def set_theme(self, choice: str) -> None:
        self.settings.theme = choice
        self.menus.theme_actions[choice].setChecked(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, choice)
        self.editor.refresh_ghost_colors()
        self.save_settings()

    # --- closing ----------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        if self.autosaver is not None:
            self.autosaver.document_saved()  # saved, or the writer chose to discard it
            self.autosaver.close()
            self.autosaver = None
        self.suggestions.dismiss()
        self.bridge.shutdown()
        self.save_settings()
        event.accept()
