from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from writer_app.app import app_paths
from writer_app.core.settings import Settings
from writer_app.ui.bridge.engine_bridge import EngineBridge
from writer_app.ui.bridge.engine_service import EngineState
from writer_app.ui.i18n import install_translations
from writer_app.ui.window.main_window import MainWindow

MODEL_TIMEOUT_MS = 60_000


@pytest.fixture
def fake_bridge() -> FakeBridge:
    return FakeBridge()


@pytest.fixture
def window(qtbot: QtBot, writer_home: Path, fake_bridge: FakeBridge) -> MainWindow:
    """The real main window on a fake engine; suggestions only when asked (no timer)."""
    settings = Settings(suggestions_enabled=False)
    main = MainWindow(settings, app_paths(), fake_bridge)  # type: ignore[arg-type]
    answer_dialogs(main)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.editor.setFocus()
    return main


def answer_dialogs(main: MainWindow) -> None:
    """Never block a test on a modal dialog: pytest-qt closes windows before fixtures
    end, so an unsaved document is discarded; tests about prompts set their own answer."""
    main.documents.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]

    def unexpected(title: str, text: str) -> bool:
        raise AssertionError(f"unexpected question: {title}: {text}")

    main.documents.ask_yes_no = unexpected  # type: ignore[method-assign]


def make_window(qtbot: QtBot, settings: Settings,
                extra_env: dict[str, str] | None = None) -> MainWindow:
    bridge = EngineBridge(extra_env)
    window = MainWindow(settings, app_paths(), bridge)
    answer_dialogs(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.editor.setFocus()
    return window


@pytest.fixture
def real_window(qtbot: QtBot, writer_home: Path) -> Iterator[MainWindow]:
    window = make_window(qtbot, Settings())
    window.models.start_engine()
    qtbot.waitUntil(lambda: window.bridge.state is EngineState.READY, timeout=MODEL_TIMEOUT_MS)
    yield window
    window.bridge.shutdown()


@pytest.fixture(scope="session", autouse=True)
def english_interface(qapp: QApplication) -> None:
    """The interface in English, as the app shows it on an English system: the plural
    forms ("1 word", "2 words") come from the English translation."""
    install_translations(qapp, "en")
