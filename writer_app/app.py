"""The composition root: create the application, its paths, settings, engine and window."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from writer_app import __version__
from writer_app.core.settings import load_settings
from writer_app.paths import APP_NAME, ORGANIZATION, AppPaths
from writer_app.paths import app_paths as resolve_paths
from writer_app.resources import resource_path
from writer_app.startup_report import watch_startup
from writer_app.ui.bridge.background import wait_for_background_jobs
from writer_app.ui.bridge.engine_bridge import EngineBridge
from writer_app.ui.i18n import install_translations
from writer_app.ui.window.main_window import MainWindow
from writer_app.ui.window.theme import apply_theme

QUIT_WAIT_S = 10.0


def app_paths() -> AppPaths:
    """Resolve the folders for settings and data, and name the app for Qt's settings."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    return resolve_paths()


def reach_fcitx_through_ibus(environ: MutableMapping[str, str], plugins: Path) -> bool:
    """Where the desktop asks Qt for fcitx's plugin (QT_IM_MODULE=fcitx, the usual fcitx5
    set-up) and the Qt we ship has none (PySide6's wheel has IBus, compose and the virtual
    keyboard), ask for IBus through the session bus's IBus portal instead; return whether
    the environment changed. `plugins` is Qt's folder of input context plugins.

    fcitx5 answers as IBus (its IBus frontend, on by default), and so does IBus itself.
    Without this Qt falls back to compose: keys type Latin letters and no Chinese at all.
    The portal is asked because Qt's IBus plugin gives up where no ibus-daemon program
    is installed, as on a desktop with fcitx5 alone."""
    wanted = environ.get("QT_IM_MODULES") or environ.get("QT_IM_MODULE", "")
    modules = [name.strip() for name in wanted.split(";") if name.strip()]
    if not any(name.startswith("fcitx") for name in modules):
        return False
    shipped = [path.name for path in plugins.glob("*")] if plugins.is_dir() else []
    if any("fcitx" in name for name in shipped) or not any("ibus" in name for name in shipped):
        return False  # a plugin built for this Qt serves fcitx; or no IBus to reach it by
    environ["QT_IM_MODULE"] = "ibus"
    if "QT_IM_MODULES" in environ:  # Qt 6.8 and later try these in order
        environ["QT_IM_MODULES"] = ";".join(dict.fromkeys(
            "ibus" if name.startswith("fcitx") else name for name in modules))
    environ.setdefault("IBUS_USE_PORTAL", "1")
    return True


@contextmanager
def input_method_environment(environ: MutableMapping[str, str],
                             plugins: Path) -> Iterator[bool]:
    """Reach fcitx through IBus (see reach_fcitx_through_ibus) for as long as Qt reads
    the environment (while the application is made); then give the writer's own values
    back, so that the engine process and whatever the app opens (a Qt 5 program with a
    real fcitx plugin) get them. Yields whether they were changed."""
    names = ("QT_IM_MODULE", "QT_IM_MODULES", "IBUS_USE_PORTAL")
    saved = {name: environ.get(name) for name in names}
    try:
        yield reach_fcitx_through_ibus(environ, plugins)
    finally:
        for name, value in saved.items():
            if value is None:
                environ.pop(name, None)
            else:
                environ[name] = value


def create_window(paths: AppPaths, bridge: EngineBridge) -> MainWindow:
    """Build the main window with the saved settings and the engine bridge."""
    settings = load_settings(paths.settings_file)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_translations(app, settings.language)
        apply_theme(app, settings.theme)
    return MainWindow(settings, paths, bridge)


def run_gui(file: Path | None, model: str | None, engine_url: str | None = None,
            engine_model: str | None = None) -> int:
    """Show the window at once; the model loads in the engine process meanwhile."""
    app, _window = start_gui(file, model, engine_url, engine_model)
    code = app.exec()
    # An export still being written ends before the process does; a job stuck in a call
    # that never returns does not keep it alive past the bound.
    wait_for_background_jobs(QUIT_WAIT_S)
    return code


def start_gui(file: Path | None, model: str | None, engine_url: str | None = None,
              engine_model: str | None = None) -> tuple[QApplication, MainWindow]:
    """Create the application and show its window, as `run_gui` does, before the event
    loop runs (tests drive a whole session from here)."""
    app_folders = app_paths()
    with input_method_environment(os.environ, Path(QLibraryInfo.path(
            QLibraryInfo.LibraryPath.PluginsPath)) / "platforminputcontexts"):
        app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("local-writer")
    app.setWindowIcon(QIcon(str(resource_path("icons", "local-writer.svg"))))
    bridge = EngineBridge()
    window = create_window(app_folders, bridge)
    hints = app.styleHints()
    hints.colorSchemeChanged.connect(
        lambda _scheme: window.settings.theme == "system" and window.set_theme("system")
    )
    watch_startup(window, bridge)
    window.show()
    # The document first: the engine reads the text at its cursor as part of loading.
    open_at_start(window, file)
    window.models.start_engine(model, engine_url, engine_model)
    window.documents.offer_recovery()
    return app, window


def open_at_start(window: MainWindow, file: Path | None) -> None:
    """Open the file named on the command line, or else the document the writer had open
    last, where they left it (as writing apps do; Preferences can turn that off)."""
    if file is not None:
        if file.exists():
            window.documents.open_path(file)
        else:
            window.documents.start_new_file_at(file)
    elif window.settings.reopen_last_document:
        window.documents.reopen_last()
