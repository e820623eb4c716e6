"""The main window: the editor with ghost text and tasks, its menus, the status bar, and
the model (the document's files are DocumentWindow's)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QPoint, Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMenu, QVBoxLayout, QWidget

from writer_app.core import word_breaks
from writer_app.core.api_keys import ApiKeys
from writer_app.core.document_io import TextFormat
from writer_app.core.errors import WriterError
from writer_app.core.prompt_templates import PromptTemplate
from writer_app.core.prose import SuggestionLength
from writer_app.core.settings import Settings, save_settings
from writer_app.engine.client.task_request import needs_instruct_note
from writer_app.engine.engine_choice import remote_target, server_name
from writer_app.engine.protocol import Loaded, LoadModel, RemoteTarget
from writer_app.paths import AppPaths
from writer_app.resources import resource_path
from writer_app.ui.bridge.engine_bridge import EngineBridge, EngineState
from writer_app.ui.documents.autosave import Autosaver
from writer_app.ui.documents.document_session import DocumentWindow
from writer_app.ui.documents.file_watch import FileWatch
from writer_app.ui.documents.recovery_dialog import RecoveryDialog
from writer_app.ui.editor.find_bar import FindBar
from writer_app.ui.editor.ghost_editor import GhostTextEdit, document_text
from writer_app.ui.editor.suggestion_controller import SuggestionController
from writer_app.ui.i18n import say, tx
from writer_app.ui.models.model_manager import ModelManager
from writer_app.ui.preferences.preferences_dialog import PreferencesDialog
from writer_app.ui.tasks.summary_panel import SummaryPanel
from writer_app.ui.tasks.task_controller import TaskController
from writer_app.ui.tasks.task_questions import TaskQuestions
from writer_app.ui.tasks.task_status import TaskStatus
from writer_app.ui.tasks.tasks_menu import TasksMenu
from writer_app.ui.tasks.template_names import display_name
from writer_app.ui.window.command_palette import CommandPalette, collect_commands
from writer_app.ui.window.notice_bar import NoticeBar
from writer_app.ui.window.status_bar import WriterStatusBar
from writer_app.ui.window.theme import apply_theme
from writer_app.ui.window.window_menus import WindowMenus


def default_model_label() -> str:
    return tx("MainWindow", "Gemma 3 270M (embedded)")


class MainWindow(DocumentWindow):
    """One document in one editor, with ghost text from the engine."""

    def __init__(self, settings: Settings, paths: AppPaths, bridge: EngineBridge) -> None:
        # Qt's own ICU is loaded already: the word boundaries use it before any other.
        word_breaks.add_library_dir(
            Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)))
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
        self.api_keys = ApiKeys(paths.api_keys_file)
        self._engine_url: str | None = None  # from the command line, for this session
        self._engine_model: str | None = None

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
        self.status.count_unit = settings.count_unit
        self.setStatusBar(self.status)

        self.suggestions = SuggestionController(
            self.editor, bridge, pause_ms=settings.pause_ms,
            length=settings.suggestion_length, context_chars=settings.context_chars,
            enabled=settings.suggestions_enabled,
        )
        self.questions = TaskQuestions(self, settings, self.save_settings)
        self.tasks = TaskController(self.editor, bridge, self.questions.ask)
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
        bridge.request_failed.connect(self._on_request_failed)
        self.suggestions.suggestion_shown.connect(lambda _text: self.menus.set_ghost_actions(True))
        self.suggestions.suggestion_dismissed.connect(lambda: self.menus.set_ghost_actions(False))
        self.menus.set_ghost_actions(False)
        self.autosaver: Autosaver | None = None
        try:
            self.autosaver = Autosaver(document, paths.recovery_dir, self.snapshot, self)
            self.autosaver.failed.connect(self.notice.show_notice)
        except OSError as exc:
            self.notice.show_notice(
                tx("MainWindow", "Recovery copies cannot be kept in {folder} ({reason}). Save "
                                 "often, or make that folder writable and restart Local "
                                 "Writer.").format(folder=paths.recovery_dir,
                                                   reason=exc.strerror))
        self.recovery_dialog: RecoveryDialog | None = None
        self.file_watch = FileWatch(self)
        self.file_watch.changed.connect(self._on_file_changed)
        self.resize(1000, 760)
        self._update_title()
        self.status.show_format(self.text_format.label)
        self.status.show_engine_state(bridge.state, "")

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
        name = loaded.model_name if self._model_override else default_model_label()
        self.notice.show_notice(
            tx("MainWindow", "{model} is a base model: it continues text rather than "
                             "following instructions, so “{task}” and the other rewrites may "
                             "come out rough or repeat the example. An instruction-tuned "
                             "model (a .gguf whose name says “instruct” or “it”) does these "
                             "tasks well. Continue Writing and ghost text suit a base "
                             "model.").format(model=name,
                                              task=display_name(template).rstrip("…")),
            tx("MainWindow", "Get a Model…"), self.show_model_manager)

    # --- model ----------------------------------------------------------------

    def start_engine(self, model_override: str | None = None, engine_url: str | None = None,
                     engine_model: str | None = None) -> None:
        """Load the chosen model (or the override from the command line) in the engine;
        with `engine_url`, write with that server's model for this session instead."""
        self._model_override = model_override or self.settings.model_path
        self._engine_url = engine_url
        self._engine_model = engine_model
        self._load(self._model_override)

    def remote_target(self) -> RemoteTarget | None:
        """Return the server that writes, or None when the model runs here."""
        keys_file = self.paths.api_keys_file
        if self._engine_url is None:
            return remote_target(self.settings, keys_file)
        return remote_target(self.settings, keys_file, self._engine_url, self._engine_model)

    def _load(self, model_path: str | None) -> None:
        remote = self.remote_target()
        if remote is not None:
            self.status.show_model(server_name(remote.url), "")
        else:
            self.status.show_model(Path(model_path).name if model_path else default_model_label(),
                                   "")
        self.status.show_destination(remote.url if remote else "")
        self.bridge.load(LoadModel(
            model_path=model_path, data_dir=str(self.paths.data_dir), n_ctx=self.settings.n_ctx,
            n_threads=self.settings.n_threads, gpu_layers=self.settings.gpu_layers,
            remote=remote,
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
        name, _ = QFileDialog.getOpenFileName(self, tx("MainWindow", "Choose a model"),
                                              str(Path.home()),
                                              tx("MainWindow",
                                                 "GGUF models (*.gguf);;All files (*)"))
        if name:
            self.use_model(name)

    def use_model(self, model_path: str | None) -> None:
        """Switch to another model on this computer (from a remote engine too); it is
        remembered once it has loaded."""
        if self.remote_target() is not None:
            self.settings.engine = "local"
            self._engine_url = None
            self.save_settings()
        self._previous_model = self.settings.model_path
        self._model_override = model_path
        self._load(model_path)

    @Slot(object)
    def _on_model_loaded(self, loaded: Loaded) -> None:
        if loaded.remote:
            self.status.show_model(loaded.model_name, "remote")  # where: the label beside
            self.status.show_engine_state(EngineState.READY, "")
            return
        name = loaded.model_name if self._model_override else default_model_label()
        backend = loaded.backend
        if backend != "CPU" and loaded.gpu_layers > 0:
            # The rest run on the CPU.
            backend = tx("MainWindow", "{backend}, {layers} layers").format(
                backend=backend, layers=loaded.gpu_layers)
        self.status.show_model(name, backend, say(loaded.safe_mode), loaded.build)
        self.status.show_engine_state(EngineState.READY, "")
        if loaded.note:
            self.notice.show_notice(say(loaded.note))
        if self.settings.model_path != self._model_override:
            self.settings.model_path = self._model_override
            self.save_settings()

    @Slot(object, str)
    def _on_engine_state(self, state: EngineState, detail: str) -> None:
        self.status.show_engine_state(state, detail)
        if state is not EngineState.FAILED:
            return
        if self.remote_target() is not None:
            # No quiet switch to another engine: the writer chose this server.
            self.notice.show_notice(
                tx("MainWindow", "{problem} Writing and saving go on; suggestions and tasks "
                                 "wait for the server (or choose Local in Preferences → "
                                 "Engine).").format(problem=detail),
                tx("MainWindow", "Try Again"), lambda: self._load(self._model_override))
            return
        failed = self._model_override
        if failed is None:
            self.notify(tx("MainWindow", "The model could not start"), detail)
            return
        fallback = self._previous_model if self._previous_model != failed else None
        self.notify(tx("MainWindow", "The model could not start"),
                    tx("MainWindow", "{problem}\n\nLocal Writer goes on with {model}.").format(
                        problem=detail, model=Path(fallback).name if fallback
                        else tx("MainWindow", "the embedded model")))
        self._model_override = fallback
        self._previous_model = None
        self._load(fallback)

    @Slot(str)
    def _on_request_failed(self, error: str) -> None:
        loaded = self.bridge.loaded
        if loaded is not None and loaded.remote:
            self.status.showMessage(error, 10000)  # a server's trouble, said where it shows

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
        dialog = PreferencesDialog(self.settings, self.api_keys, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog))
        self.preferences_dialog = dialog
        dialog.open()

    def apply_preferences(self, dialog: PreferencesDialog) -> None:
        engine_before = (self.settings.gpu_layers, self.settings.n_threads, self.settings.n_ctx,
                         self.remote_target())
        try:
            dialog.apply_to(self.settings)
        except WriterError as exc:
            self.notice.show_notice(say(exc))
        settings = self.settings
        self._engine_url = None  # the writer chose in Preferences: that wins now
        if (settings.gpu_layers, settings.n_threads, settings.n_ctx,
                self.remote_target()) != engine_before or dialog.engine_page.key_changed:
            self._load(self._model_override)  # how the model runs changed: reload it
            if self.model_manager is not None:
                self.model_manager.n_ctx = settings.n_ctx
                self.model_manager.refresh()
        self.suggestions.enabled = settings.suggestions_enabled
        self.suggestions.pause_ms = settings.pause_ms
        self.suggestions.length = settings.suggestion_length
        self.tasks.sampling_overrides = settings.task_sampling
        self.status.count_unit = settings.count_unit
        self.status.show_count_labels()
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
        value, ok = QInputDialog.getInt(self, tx("MainWindow", "Pause before suggesting"),
                                        tx("MainWindow",
                                           "Milliseconds of quiet before a suggestion:"),
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
