"""The window opens where the writer left it: its size comes back after a restart, and a
damaged setting leaves Qt's choice."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.conftest import answer_dialogs
from tests.ui.fakes import FakeBridge
from writer_app.app import app_paths
from writer_app.core.settings import Settings, load_settings
from writer_app.ui.window.main_window import MainWindow


def open_window(qtbot: QtBot, settings: Settings) -> MainWindow:
    window = MainWindow(settings, app_paths(), FakeBridge())  # type: ignore[arg-type]
    answer_dialogs(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_reopens_at_the_size_it_was_left(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(700, 520)
    qtbot.waitUntil(lambda: window.size().toTuple() == (700, 520))
    window.close()
    saved = load_settings(app_paths().settings_file)
    assert saved.window_geometry
    again = open_window(qtbot, saved)
    assert again.size().toTuple() == (700, 520)


def test_a_damaged_geometry_leaves_the_usual_size(qtbot: QtBot, writer_home: object) -> None:
    window = open_window(qtbot, Settings(suggestions_enabled=False,
                                         window_geometry="not Qt's ✗"))
    assert window.size().toTuple() == (1000, 760)
