from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from writer_app.app import app_paths
from writer_app.core.settings import Settings
from writer_app.ui.main_window import MainWindow


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
    main.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]

    def unexpected(title: str, text: str) -> bool:
        raise AssertionError(f"unexpected question: {title}: {text}")

    main.ask_yes_no = unexpected  # type: ignore[method-assign]
