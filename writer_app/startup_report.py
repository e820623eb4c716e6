"""Report how the app starts, for `writer-app bench`: when the window is editable,
when the model is ready, and how much memory the app then holds.

Off unless the environment variable is set, so a writer's app never prints or quits
on its own. Lines of JSON on stdout carry wall-clock times, comparable with the
launching process's clock.
"""

from __future__ import annotations

import json
import os
import time

import psutil
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from writer_app.ui.bridge.engine_bridge import EngineBridge
from writer_app.ui.bridge.engine_service import EngineState
from writer_app.ui.window.main_window import MainWindow

REPORT_ENV = "LOCAL_WRITER_STARTUP_REPORT"  # "1": report; "exit": report, then quit


def _emit(event: str, **details: object) -> None:
    print(json.dumps({"event": event, "time": time.time(), **details}), flush=True)


def resident_bytes(pid: int | None) -> int:
    """Return the resident memory of process `pid` (0 if it is gone)."""
    if pid is None:
        return 0
    try:
        return int(psutil.Process(pid).memory_info().rss)
    except psutil.Error:
        return 0


class _FirstPaint(QObject):
    """Say "editable" when the editor first paints: the writer can see it and type."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            _emit("editable")
        return False


def watch_startup(window: MainWindow, bridge: EngineBridge) -> None:
    """Report the startup events if REPORT_ENV asks for them."""
    mode = os.environ.get(REPORT_ENV)
    if not mode:
        return
    probe = _FirstPaint(window)
    window.editor.viewport().installEventFilter(probe)

    def finish() -> None:
        bridge.model_loaded.disconnect(on_loaded)
        bridge.state_changed.disconnect(on_state)
        app = QApplication.instance()
        if mode == "exit" and app is not None:
            QTimer.singleShot(0, window.close)
            QTimer.singleShot(0, lambda: app.exit(0))

    def on_loaded(_loaded: object) -> None:
        _emit("model_ready", gui_rss=resident_bytes(os.getpid()),
              engine_rss=resident_bytes(bridge.client.pid))
        finish()

    def on_state(state: EngineState, detail: str) -> None:
        if state in (EngineState.FAILED, EngineState.CRASHED):
            _emit("model_failed", detail=detail)
            finish()

    bridge.model_loaded.connect(on_loaded)
    bridge.state_changed.connect(on_state)
