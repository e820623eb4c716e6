"""Fill a small disk while the real window autosaves and saves; print what happened.

    python -m tests.full_disk_session FOLDER

FOLDER is a small filesystem of its own (the test mounts a 2 MB tmpfs there). The app's
home and the writer's document live on it. The session types, fills the disk with a
filler file, types and saves again, frees the space and saves once more, and prints a
JSON report of what the writer saw and what the disk held at each point.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox


def fill(folder: Path) -> Path:
    """Write a filler file until the disk says it is full."""
    filler = folder / "filler"
    block = b"x" * 4096
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while True:
            os.write(fd, block)
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
    finally:
        os.close(fd)
    return filler


def wait(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        QTest.qWait(20)


def main() -> None:
    folder = Path(sys.argv[1])
    os.environ["LOCAL_WRITER_HOME"] = str(folder / "home")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tests.ui.fakes import FakeBridge
    from writer_app.app import app_paths
    from writer_app.core.recovery_journal import decode_snapshot
    from writer_app.core.settings import Settings
    from writer_app.ui.editor.ghost_editor import document_text
    from writer_app.ui.window.main_window import MainWindow

    QApplication([])
    document = folder / "novel.md"
    document.write_text("It begins.", encoding="utf-8")
    window = MainWindow(Settings(suggestions_enabled=False), app_paths(), FakeBridge())  # type: ignore[arg-type]
    notices: list[str] = []
    window.notify = lambda _title, text: notices.append(text)  # type: ignore[method-assign]
    window.documents.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.show()
    window.documents.open_path(document)
    assert window.documents.autosaver is not None
    journal = window.documents.autosaver.journal

    def recovery_copy() -> str | None:
        path = journal.journal_path(window.documents.autosaver.document_id)  # type: ignore[union-attr]
        return decode_snapshot(path.read_bytes())[0].text if path.exists() else None

    report: dict[str, object] = {}
    QTest.keyClicks(window.editor, "First words. ")
    wait(1.5)
    report["copy_before_full"] = recovery_copy()
    filler = fill(folder)
    QTest.keyClicks(window.editor, "Typed on a full disk. ")
    wait(1.5)
    report["notice_when_copy_failed"] = window.notice.text()
    report["copy_when_full"] = recovery_copy()
    report["saved_when_full"] = window.documents.save()
    report["save_message"] = notices[-1] if notices else ""
    report["file_when_full"] = document.read_text(encoding="utf-8")
    report["text_when_full"] = document_text(window.editor)
    report["leftovers"] = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
    filler.unlink()
    report["saved_after_freeing"] = window.documents.save()
    report["file_after_freeing"] = document.read_text(encoding="utf-8")
    QTest.keyClicks(window.editor, "More. ")
    wait(1.5)
    report["copy_after_freeing"] = recovery_copy()
    window.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
