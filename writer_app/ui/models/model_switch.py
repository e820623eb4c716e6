"""Which model writes: the one chosen, the embedded one, or a server's; loading it in
the engine, falling back when it cannot start, and the Model menu."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, SignalInstance, Slot
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from writer_app.core.model_speeds import SpeedBook
from writer_app.core.settings import Settings
from writer_app.engine.client.suggestion_request import SuggestionPlan
from writer_app.engine.engine_choice import remote_target, server_name
from writer_app.engine.protocol import Loaded, LoadModel, RemoteTarget
from writer_app.hub.model_store import ModelStore
from writer_app.paths import AppPaths
from writer_app.ui.bridge.engine_service import EngineService, EngineState
from writer_app.ui.i18n import say, tx
from writer_app.ui.menu_actions import add_action
from writer_app.ui.models.model_manager import ModelManager
from writer_app.ui.models.model_speed import SpeedProbes, sample_text
from writer_app.ui.models.speed_panel import ModelSpeedsPanel
from writer_app.ui.widgets.notice_bar import NoticeBar
from writer_app.ui.widgets.status_line import StatusLine

# The engine is busy with the writer's work, or with a model: a probe waits.
BUSY_STATES = (EngineState.PREPARING, EngineState.LOADING, EngineState.WRITING)
SPEEDS_FILE = "model-speeds.json"
QUIET_S = 5.0  # no edit for this long: the writer is not typing

# What makes the engine load again when Preferences change it.
EngineChoice = tuple[str, int, int, RemoteTarget | None]


def default_model_label() -> str:
    return tx("MainWindow", "Gemma 3 270M (embedded)")


class ModelSwitch(QObject):
    """Load the writer's model in the engine and say how that goes."""

    def __init__(self, window: QWidget, bridge: EngineService, *, settings: Settings,
                 paths: AppPaths, status: StatusLine, notice: NoticeBar,
                 save_settings: Callable[[], None],
                 notify: Callable[[str, str], None],
                 warm_plan: Callable[[], SuggestionPlan | None] = lambda: None,
                 document_text: Callable[[], str] = lambda: "",
                 edited: SignalInstance | None = None) -> None:
        """`warm_plan` says the suggestion at the writer's cursor: the engine reads its
        prompt as part of loading a model, so that the first pause is answered at once.
        `document_text()` is the writer's text, which the speed probe reads if long
        enough (it then counts words per token in the writer's language); `edited` fires
        at each change of it: a probe waits until the writer has stopped for QUIET_S (the
        engine reads what they type, and the two would slow each other)."""
        super().__init__(window)
        self._last_edit = 0.0
        if edited is not None:
            edited.connect(self._note_edit)
        self._warm_plan = warm_plan
        self._window = window
        self.bridge = bridge
        self.settings = settings
        self.paths = paths
        self.status = status
        self.notice = notice
        self.save_settings = save_settings
        self.notify = notify
        self.model_manager: ModelManager | None = None
        self.probes = SpeedProbes(
            SpeedBook(paths.data_dir / SPEEDS_FILE), paths.data_dir,
            engine_idle=lambda: (bridge.state not in BUSY_STATES
                                 and time.monotonic() - self._last_edit > QUIET_S),
            sample_text=lambda: sample_text(document_text(), QLocale().name()),
            gpu_layers=lambda: settings.gpu_layers, n_threads=lambda: settings.n_threads,
            parent=self)
        self._model_override: str | None = None
        self._previous_model: str | None = settings.model_path
        self._engine_url: str | None = None  # from the command line, for this session
        self._engine_model: str | None = None
        bridge.state_changed.connect(self._on_engine_state)
        bridge.model_loaded.connect(self._on_model_loaded)
        bridge.request_failed.connect(self._on_request_failed)
        status.show_engine_state(bridge.state, "")

    def fill_menu(self, menu: QMenu) -> None:
        add_action(menu, tx("Menus", "Get &Models…"), self.show_model_manager, "Ctrl+Shift+M")
        add_action(menu, tx("Menus", "&Choose Model File…"), self.choose_model_dialog)
        add_action(menu, tx("Menus", "Use the &Embedded Model"), lambda: self.use_model(None))

    def model_label(self, loaded: Loaded) -> str:
        """Name the model in use as the writer knows it."""
        return loaded.model_name if self._model_override else default_model_label()

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

    def engine_choice(self) -> EngineChoice:
        settings = self.settings
        return (settings.gpu_layers, settings.n_threads, settings.n_ctx, self.remote_target())

    def after_preferences(self, before: EngineChoice, key_changed: bool) -> None:
        """The writer chose in Preferences, which wins over the command line: reload
        the model if how it runs changed."""
        self._engine_url = None
        if self.engine_choice() != before or key_changed:
            self._load(self._model_override)
            if self.model_manager is not None:
                self.model_manager.n_ctx = self.settings.n_ctx
                self.model_manager.refresh()

    def _load(self, model_path: str | None) -> None:
        remote = self.remote_target()
        if remote is not None:
            self.status.show_model(server_name(remote.url), "")
        else:
            self.status.show_model(Path(model_path).name if model_path else default_model_label(),
                                   "")
        self.status.show_destination(remote.url if remote else "")
        warm = self._warm_plan() if remote is None else None
        self.bridge.load(LoadModel(
            model_path=model_path, data_dir=str(self.paths.data_dir), n_ctx=self.settings.n_ctx,
            n_threads=self.settings.n_threads, gpu_layers=self.settings.gpu_layers,
            remote=remote, warm_prompt=warm.prompt if warm else "",
            warm_max_tokens=warm.sampling.max_tokens if warm else 48,
        ))

    def show_model_manager(self) -> ModelManager:
        """Open the model manager (one per window; it keeps a download going when hidden)."""
        if self.model_manager is None:
            from writer_app.core.model_catalogue import load_catalogue
            from writer_app.resources import catalogue_path

            self.model_manager = ModelManager(
                ModelStore(self.paths.data_dir / "models"), load_catalogue(catalogue_path()),
                self.settings.n_ctx, parent=self._window, in_use=self._model_in_use,
                probes=self.probes)
            self.model_manager.model_chosen.connect(self.use_model)
            self.bridge.model_loaded.connect(self.model_manager.refresh)
        self.model_manager.show()
        self.model_manager.raise_()
        self.model_manager.activateWindow()
        return self.model_manager

    def _note_edit(self) -> None:
        self._last_edit = time.monotonic()

    def speeds_panel(self, parent: QWidget) -> ModelSpeedsPanel:
        """Return the installed models' speeds on this computer, for Preferences."""
        return ModelSpeedsPanel(ModelStore(self.paths.data_dir / "models"), self.probes, parent)

    def _model_in_use(self) -> str | None:
        loaded = self.bridge.loaded
        return loaded.model_path if loaded is not None and not loaded.remote else None

    def choose_model_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self._window, tx("MainWindow", "Choose a model"),
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
        backend = loaded.backend
        if backend != "CPU" and loaded.gpu_layers > 0:
            # The rest run on the CPU.
            backend = tx("MainWindow", "{backend}, {layers} layers").format(
                backend=backend, layers=loaded.gpu_layers)
        self.status.show_model(self.model_label(loaded), backend, say(loaded.safe_mode),
                               loaded.build)
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
