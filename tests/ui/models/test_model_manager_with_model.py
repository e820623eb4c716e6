"""From the Model menu to ghost text: find a model on the (local) Hub, download it in the
manager, use it, and write with it, through the real engine and the real model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.hub_fixtures import EMBEDDED_FILE, EMBEDDED_REPO
from tests.hub_server import FakeHub
from tests.ui.editor.test_writing_with_model import (
    CTRL,
    MODEL_TIMEOUT_MS,
    TYPED,
    make_window,
    wait_for_final_ghost,
)
from writer_app.core.settings import Settings
from writer_app.ui.bridge.engine_service import EngineState
from writer_app.ui.window.main_window import MainWindow

pytestmark = pytest.mark.model


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """A window in an empty app home, whose engine has loaded nothing yet."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    monkeypatch.setenv("LOCAL_WRITER_HOME", str(home))
    window = make_window(qtbot, Settings(suggestions_enabled=False))
    yield window
    window.bridge.shutdown()


def test_download_in_the_manager_then_write_with_the_model(
        qtbot: QtBot, window: MainWindow, hub: FakeHub, model_path: Path):
    manager = window.models.show_model_manager()
    manager.tabs.setCurrentIndex(2)
    manager.search_box.setText("gemma")
    manager.search()
    qtbot.waitUntil(lambda: manager.results_table.rowCount() == 1, timeout=10_000)
    assert manager.results_table.item(0, 0).text() == EMBEDDED_REPO
    manager.results_table.selectRow(0)
    manager.download_selected_result()
    # Installed, and measured on this computer at once (the engine in use is idle).
    qtbot.waitUntil(lambda: "Measuring gemma" in manager.status_label.text(), timeout=120_000)
    downloaded = window.paths.data_dir / "models" / EMBEDDED_FILE
    assert downloaded.stat().st_size == model_path.stat().st_size
    # The header read when the row was selected (512 KB), then the whole file once.
    assert [entry.status for entry in hub.file_requests()] == [206, 200]
    assert hub.file_requests()[-1].bytes_sent == model_path.stat().st_size

    manager.installed_table.selectRow(0)
    assert manager.installed_table.item(0, 2).text() == EMBEDDED_REPO
    manager.use_selected_installed()
    qtbot.waitUntil(lambda: window.bridge.state is EngineState.READY
                    and window.bridge.loaded is not None, timeout=MODEL_TIMEOUT_MS)
    assert window.bridge.loaded.model_path == str(downloaded.resolve())
    qtbot.keyClicks(window.editor, TYPED)
    qtbot.keyClick(window.editor, Qt.Key.Key_Space, CTRL)
    assert wait_for_final_ghost(qtbot, window).strip()
    assert window.settings.model_path == str(downloaded.resolve())
    # The download was measured on this computer meanwhile, by its own engine process:
    # the row says how it will feel, from figures the real model gave.
    qtbot.waitUntil(lambda: manager.installed_table.item(0, 3).text().startswith(
        "Suggestions "), timeout=MODEL_TIMEOUT_MS)
    model = manager.installed_table.item(0, 0).data(Qt.ItemDataRole.UserRole)
    speed = window.models.probes.speed_of(model.sha256)
    assert speed is not None
    assert speed.prompt_tokens_per_s > 0
    assert speed.decode_tokens_per_s > 0
    assert "words a second" in manager.installed_table.item(0, 3).text()
