"""A full disk during autosave and save: on a real 2 MB tmpfs the test mounts (in a user
and mount namespace of its own), and by a fault injected at the write call."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from writer_app.core import document_io
from writer_app.core.recovery_journal import decode_snapshot
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]


def can_mount_tmpfs(folder: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c",
                            f"mount -t tmpfs -o size=64k tmpfs '{folder}'"],
                           capture_output=True, check=False)
    return probe.returncode == 0


def check_full_disk_report(report: dict[str, object]) -> None:
    assert report["copy_before_full"] == "First words. It begins."
    assert str(report["notice_when_copy_failed"]).startswith(
        "The recovery copy of your text could not be written because the disk is full.")
    assert report["copy_when_full"] == "First words. It begins."  # the last good one
    assert report["saved_when_full"] is False
    assert "because the disk is full" in str(report["save_message"])
    assert report["file_when_full"] == "It begins."  # the old version, whole
    assert report["text_when_full"] == "First words. Typed on a full disk. It begins."
    assert report["leftovers"] == []  # no half-written temporary file
    assert report["saved_after_freeing"] is True
    assert report["file_after_freeing"] == "First words. Typed on a full disk. It begins."
    assert report["copy_after_freeing"] == ("First words. Typed on a full disk. More. "
                                            "It begins.")


def test_a_real_full_disk_during_autosave_and_save(tmp_path: Path) -> None:
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if not can_mount_tmpfs(mount):
        pytest.skip("user namespaces are off here: the injected-fault test covers this")
    script = (f"mount -t tmpfs -o size=2m tmpfs '{mount}' && "
              f"exec '{sys.executable}' -m tests.full_disk_session '{mount}'")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(["unshare", "-rm", "sh", "-c", script], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    check_full_disk_report(json.loads(result.stdout.strip().splitlines()[-1]))


def test_a_disk_full_at_the_write_call(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "novel.md"
    path.write_text("It begins.", encoding="utf-8")
    window.documents.open_path(path)
    notices: list[str] = []
    window.notify = lambda _title, text: notices.append(text)  # type: ignore[method-assign]
    assert window.documents.autosaver is not None
    journal = window.documents.autosaver.journal

    def copy() -> str | None:
        assert window.documents.autosaver is not None
        file = journal.journal_path(window.documents.autosaver.document_id)
        return decode_snapshot(file.read_bytes())[0].text if file.exists() else None

    qtbot.keyClicks(window.editor, "First words. ")
    qtbot.waitUntil(lambda: copy() == "First words. It begins.", timeout=3000)
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int, mode: str) -> None:
            self._file = real_fdopen(fd, mode)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *_exc: object) -> None:
            self._file.close()

        def write(self, data: bytes) -> int:
            self._file.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(document_io.os, "fdopen", FullDisk)
    qtbot.keyClicks(window.editor, "Typed on a full disk. ")
    qtbot.waitUntil(lambda: "disk is full" in window.notice.text(), timeout=3000)
    assert copy() == "First words. It begins."
    assert not window.documents.save()
    assert "because the disk is full" in notices[-1]
    assert path.read_text(encoding="utf-8") == "It begins."
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    monkeypatch.undo()
    assert window.documents.save()
    assert path.read_text(encoding="utf-8") == "First words. Typed on a full disk. It begins."
    assert document_text(window.editor) == path.read_text(encoding="utf-8")
