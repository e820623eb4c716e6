"""Take the README's screenshots of a Chinese document with a real ghost-text suggestion,
in the light and the dark theme: the real window, the real engine and the embedded model.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshot_chinese.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("夜幕降临，海上起了大风。浪头一个接一个地拍打着礁石，溅起的水花在灯光里闪着白光。\n\n"
        "老灯塔守护人爬上台阶，")


def wait_until(condition: object, timeout_ms: int = 120_000) -> None:
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: condition() and loop.quit())  # type: ignore[operator]
    timer.start(50)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    if not condition():  # type: ignore[operator]
        raise SystemExit("timed out waiting for the model")


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="writer-shot-"))
    import os
    os.environ["LOCAL_WRITER_HOME"] = str(home)
    app = QApplication(sys.argv)
    from writer_app.ui.i18n import install_translations

    install_translations(app, "zh_CN")  # the interface in Simplified Chinese too
    from writer_app.app import app_paths
    from writer_app.core.settings import Settings
    from writer_app.ui.bridge.engine_bridge import EngineBridge
    from writer_app.ui.bridge.engine_service import EngineState
    from writer_app.ui.window.main_window import MainWindow

    for theme in ("light", "dark"):
        window = MainWindow(Settings(suggestions_enabled=False, theme=theme, language="zh_CN"),
                            app_paths(),
                            EngineBridge())
        window.documents.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
        window.resize(900, 460)
        window.set_theme(theme)
        window.show()
        window.models.start_engine()
        wait_until(lambda w=window: w.bridge.state is EngineState.READY)
        window.editor.setPlainText(TEXT)
        cursor = window.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        window.editor.setTextCursor(cursor)
        window.suggestions.request_now()
        wait_until(lambda w=window: w.suggestions.suggestion is not None
                   and w.suggestions.suggestion.finished and w.editor.ghost_text() != "")
        app.processEvents()
        out = ROOT / "resources" / "screenshots" / f"chinese-ghost-text-{theme}.png"
        window.grab().save(str(out))
        print(out, repr(window.editor.ghost_text()))
        window.bridge.shutdown()
        window.close()


if __name__ == "__main__":
    main()
