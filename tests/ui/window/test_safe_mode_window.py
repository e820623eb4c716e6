"""The real window on a model whose first decode crashes the engine: it loads again in
safe mode, says so in the status bar, and suggests."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.editor.test_writing_with_model import MODEL_TIMEOUT_MS, TYPED, make_window
from writer_app.core.settings import Settings
from writer_app.ui.bridge.engine_service import EngineState

pytestmark = pytest.mark.model


def test_the_window_runs_in_safe_mode_and_suggests(qtbot: QtBot, writer_home: Path) -> None:
    window = make_window(qtbot, Settings(suggestions_enabled=False),
                         {"WRITER_ENGINE_TEST_CRASH_FIRST_DECODE": "unsafe"})
    try:
        window.models.start_engine()
        qtbot.waitUntil(lambda: window.bridge.state is EngineState.READY,
                        timeout=MODEL_TIMEOUT_MS)
        label = window.status.model_label
        assert "running in safe mode" in label.text()
        assert label.toolTip().startswith("llama.cpp crashed (SIGSEGV) in the first decode")
        assert "llama.cpp: llama-cpp-python 0.3.36 (native build; CPU kernels: " \
            in label.toolTip()
        qtbot.keyClicks(window.editor, TYPED)
        with qtbot.waitSignal(window.suggestions.suggestion_shown, timeout=MODEL_TIMEOUT_MS):
            qtbot.keyClick(window.editor, Qt.Key.Key_Space,
                           Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.editor.ghost_text() != "", timeout=MODEL_TIMEOUT_MS)
        assert window.editor.toPlainText() == TYPED  # ghost text is not in the document
    finally:
        window.bridge.shutdown()
