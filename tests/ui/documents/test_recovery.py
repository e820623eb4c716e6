"""Recovery copies in the real window: written within a second, never holding ghost text,
dropped on save or discard, and offered back with their difference after a crash."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import answer_dialogs
from tests.ui.fakes import FakeBridge
from writer_app.app import app_paths
from writer_app.core.recovery_journal import decode_snapshot, find_recoverable
from writer_app.core.settings import Settings
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.window.main_window import MainWindow

Button = QMessageBox.StandardButton


def copy_of(window: MainWindow) -> str | None:
    assert window.documents.autosaver is not None
    path = window.documents.autosaver.journal.journal_path(window.documents.autosaver.document_id)
    if not path.exists():
        return None
    return decode_snapshot(path.read_bytes())[0].text


def crash(window: MainWindow) -> None:
    """Leave the window's copies behind as a killed app would: its lock goes."""
    assert window.documents.autosaver is not None
    window.documents.autosaver.journal.flush()
    window.documents.autosaver.journal._lock.release()
    window.documents.autosaver = None  # a dead app writes nothing more


def another_window(qtbot: QtBot) -> MainWindow:
    main = MainWindow(Settings(suggestions_enabled=False), app_paths(), FakeBridge())  # type: ignore[arg-type]
    answer_dialogs(main)
    qtbot.addWidget(main)
    return main


def test_a_copy_follows_within_two_seconds_and_holds_no_ghost_text(
        qtbot: QtBot, window: MainWindow, fake_bridge: FakeBridge) -> None:
    started = time.monotonic()
    qtbot.keyClicks(window.editor, "The rain had stopped")
    window.suggestions.request_now()
    fake_bridge.stream(" by the time we reached", finish=False)
    assert window.editor.ghost_text()
    qtbot.waitUntil(lambda: copy_of(window) == "The rain had stopped", timeout=2000)
    assert time.monotonic() - started < 2.5
    # Typing on keeps the copy at most a second behind, however fast the writer types.
    for word in (" at", " last", "."):
        qtbot.keyClicks(window.editor, word)
    qtbot.waitUntil(lambda: copy_of(window) == "The rain had stopped at last.", timeout=2000)


def test_saving_drops_the_copy_and_new_changes_make_a_new_one(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("Once", encoding="utf-8")
    window.documents.open_path(path)
    qtbot.keyClicks(window.editor, "Upon")
    qtbot.waitUntil(lambda: copy_of(window) == "UponOnce", timeout=2000)
    assert window.documents.save()
    assert window.documents.autosaver is not None
    window.documents.autosaver.journal.flush()
    assert copy_of(window) is None
    qtbot.keyClicks(window.editor, " a")
    qtbot.waitUntil(lambda: copy_of(window) == "Upon aOnce", timeout=2000)
    # Undoing back to the saved text leaves nothing to recover.
    window.editor.undo()
    assert not window.editor.document().isModified()
    qtbot.waitUntil(lambda: copy_of(window) is None, timeout=2000)


def test_discarding_at_close_leaves_no_copy(qtbot: QtBot, window: MainWindow,
                                            writer_home: Path) -> None:
    qtbot.keyClicks(window.editor, "a draft I do not want")
    qtbot.waitUntil(lambda: copy_of(window) is not None, timeout=2000)
    window.close()  # the fixture answers Discard
    assert list((writer_home / "data" / "recovery").iterdir()) == []


def edit_then_crash(qtbot: QtBot, window: MainWindow, path: Path, text: str,
                    typed: str) -> None:
    """Open `path` holding `text`, type `typed`, wait for the copy, and crash."""
    path.write_text(text, encoding="utf-8")
    window.documents.open_path(path)
    qtbot.keyClicks(window.editor, typed)
    qtbot.waitUntil(lambda: copy_of(window) is not None, timeout=2000)
    crash(window)


def test_after_a_crash_the_next_start_offers_the_text_with_its_difference(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "chapter.md"
    edit_then_crash(qtbot, window, path, "It was late.\nThe end.\n", "Snow fell. ")

    later = another_window(qtbot)
    dialog = later.documents.offer_recovery()
    assert dialog is not None
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith(f"chapter.md — {path} — ")
    assert dialog.summary.text() == ("Differs from the file on disk: 1 line added or "
                                     "changed, 1 line removed or changed.")
    preview = dialog.preview.toPlainText()
    assert "- It was late." in preview
    assert "+ Snow fell. It was late." in preview
    dialog.restore_current()
    assert not dialog.isVisible()
    assert document_text(later.editor) == "Snow fell. It was late.\nThe end.\n"
    assert later.documents.path == path
    assert later.editor.document().isModified()
    assert path.read_text(encoding="utf-8") == "It was late.\nThe end.\n"
    # The copy now belongs to the new session; a third start finds nothing to offer.
    assert copy_of(later) == "Snow fell. It was late.\nThe end.\n"
    assert find_recoverable(later.paths.recovery_dir) == []
    assert later.documents.save()
    assert path.read_text(encoding="utf-8") == "Snow fell. It was late.\nThe end.\n"


def test_untitled_documents_are_recovered_and_a_discarded_one_is_gone(
        qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.editor, "An idea for a poem")
    qtbot.waitUntil(lambda: copy_of(window) is not None, timeout=2000)
    crash(window)
    first = another_window(qtbot)
    qtbot.keyClicks(first.editor, "A shopping list")
    qtbot.waitUntil(lambda: copy_of(first) is not None, timeout=2000)
    crash(first)

    later = another_window(qtbot)
    dialog = later.documents.offer_recovery()
    assert dialog is not None
    assert [dialog.list.item(i).text().split(" — ")[:2] for i in range(2)] == [
        ["Untitled", "never saved"]] * 2
    assert dialog.summary.text() == "Never saved: 3 words, 15 characters."  # newest first
    dialog.discard_current()
    assert dialog.summary.text() == "Never saved: 5 words, 18 characters."
    dialog.restore_current()
    assert document_text(later.editor) == "An idea for a poem"
    assert later.documents.path is None
    assert [d.snapshot.text for d in find_recoverable(later.paths.recovery_dir)] == []


def test_a_copy_identical_to_its_file_is_dropped_unasked(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "done.md"
    edit_then_crash(qtbot, window, path, "Finished.", "X")
    path.write_text("XFinished.", encoding="utf-8")  # as if saved just before the crash
    later = another_window(qtbot)
    assert later.documents.offer_recovery() is None
    assert find_recoverable(later.paths.recovery_dir) == []


def test_restoring_asks_about_the_open_document_first(
        qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.editor, "old work")
    qtbot.waitUntil(lambda: copy_of(window) is not None, timeout=2000)
    crash(window)
    later = another_window(qtbot)
    qtbot.keyClicks(later.editor, "new work")
    later.documents.ask_save_changes = lambda: Button.Cancel  # type: ignore[method-assign]
    dialog = later.documents.offer_recovery()
    assert dialog is not None
    dialog.restore_current()
    assert document_text(later.editor) == "new work"
    assert dialog.list.count() == 1  # still offered


def test_a_data_folder_that_cannot_hold_copies_is_said_and_writing_goes_on(
        qtbot: QtBot, writer_home: Path, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("writer_app.ui.documents.autosave.RecoveryJournal", refuse)
    main = another_window(qtbot)
    assert main.documents.autosaver is None
    assert main.notice.isVisibleTo(main)
    assert main.notice.label.text().startswith("Recovery copies cannot be kept in ")
    assert "(Permission denied)" in main.notice.label.text()
    qtbot.keyClicks(main.editor, "still writing")
    path = tmp_path / "kept.md"
    main.documents.path = path
    assert main.documents.save()
    assert path.read_text(encoding="utf-8") == "still writing"
