"""The real main window, offscreen, with the real engine: what the GUI figures run on."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication

from writer_app.bench.event_loop import wait_until
from writer_app.ui.window.main_window import MainWindow

MODEL_TIMEOUT_MS = 120_000


@contextmanager
def bench_window(model_path: Path) -> Iterator[MainWindow]:
    """Yield a shown MainWindow whose model is ready; settings live in a scratch folder."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from writer_app.app import create_window
    from writer_app.paths import AppPaths
    from writer_app.ui.bridge.engine_bridge import EngineBridge
    from writer_app.ui.bridge.engine_service import EngineState

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="writer-bench-") as home:
        paths = AppPaths(config_dir=Path(home) / "config", data_dir=Path(home) / "data",
                         cache_dir=Path(home) / "cache")
        bridge = EngineBridge()
        window = create_window(paths, bridge)
        window.show()
        window.models.start_engine(str(model_path))
        try:
            ready = wait_until(lambda: bridge.state in (EngineState.READY, EngineState.FAILED),
                               MODEL_TIMEOUT_MS)
            if not ready or bridge.state is not EngineState.READY:
                raise RuntimeError(f"the model did not load in the window: {bridge.detail}")
            window.editor.setFocus()
            yield window
        finally:
            window.editor.document().setModified(False)
            window.close()
            bridge.shutdown()
            app.processEvents()
