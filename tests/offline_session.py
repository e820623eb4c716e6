"""A whole writing session in the real app, run as its own process for the offline test.

    python -m tests.offline_session DOCUMENT REPORT [--connect PORT] [--engine URL]

It starts the app as `writer-app` does (`start_gui`), waits for the embedded model, then
does what a writer does without asking for a download: open a file, type, take ghost
text, run a rewrite and accept it, open the model manager and Preferences, save and
quit. Each step is written to REPORT; "done" ends a session that went through.
`--connect` instead makes one connection to 127.0.0.1:PORT and quits, to prove that the
test watching for connections can fail. `--engine` runs the same session with the
server at URL writing, to prove that it is the only place the app connects to.
"""

from __future__ import annotations

import argparse
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from writer_app.app import start_gui
from writer_app.ui.bridge.engine_service import EngineState
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.tasks.task_controller import TaskState
from writer_app.ui.window.main_window import MainWindow

STEP_TIMEOUT_S = 120


def run_session(document: Path, report: Path, connect_port: int | None,
                engine_url: str | None = None) -> int:
    app, window = start_gui(document, None, engine_url)
    log = report.open("a", encoding="utf-8")

    def note(step: str) -> None:
        log.write(step + "\n")
        log.flush()

    steps: list[tuple[str, Callable[[], bool]]] = [
        ("model ready", lambda: window.bridge.state is EngineState.READY),
        ("typed and asked for a suggestion", lambda: type_and_suggest(window)),
        ("ghost text shown", lambda: bool(window.editor.ghost_text())
         and window.bridge.state is EngineState.READY),
        ("ghost text accepted", lambda: accept_ghost(window)),
        ("rewrite started", lambda: start_rewrite(window)),
        ("rewrite ready", lambda: window.tasks.state is TaskState.READY),
        ("rewrite accepted", lambda: accept_rewrite(window)),
        ("model manager and preferences opened", lambda: open_dialogs(window)),
        ("saved", window.documents.save),
    ]
    if connect_port is not None:
        steps = [("connected", lambda: connect(connect_port))]
    started = time.monotonic()

    def advance() -> None:
        nonlocal started
        if not steps:
            note("done")
            window.close()
            app.quit()
            return
        name, step = steps[0]
        if step():
            note(name)
            steps.pop(0)
            started = time.monotonic()
        elif time.monotonic() - started > STEP_TIMEOUT_S:
            note(f"timed out: {name}")
            app.exit(1)
            return
        QTimer.singleShot(50, advance)

    QTimer.singleShot(0, advance)
    return app.exec()


def type_and_suggest(window: MainWindow) -> bool:
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    QTest.keyClicks(window.editor, " The harbour was quiet that night, and")
    QTest.keyClick(window.editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    return True


def accept_ghost(window: MainWindow) -> bool:
    before = document_text(window.editor)
    ghost = window.editor.ghost_text()
    QTest.keyClick(window.editor, Qt.Key.Key_Tab)
    return document_text(window.editor) != before and ghost in document_text(window.editor)


def start_rewrite(window: MainWindow) -> bool:
    window.editor.selectAll()
    template = window.tasks_menu.template_named("Improve")
    assert template is not None
    window.tasks_menu.run(template)
    return True


def accept_rewrite(window: MainWindow) -> bool:
    window.tasks.accept()
    return window.tasks.state is TaskState.IDLE


def open_dialogs(window: MainWindow) -> bool:
    manager = window.models.show_model_manager()
    manager.hide()
    window.show_preferences()
    window.preferences_dialog.reject()
    return True


def connect(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("document", type=Path)
    parser.add_argument("report", type=Path)
    parser.add_argument("--connect", type=int)
    parser.add_argument("--engine")
    args = parser.parse_args()
    sys.exit(run_session(args.document, args.report, args.connect, args.engine))


if __name__ == "__main__":
    main()
