"""The previous version kept on save, and files changed or removed by other programs."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from writer_app.core.document_io import backup_path, keep_previous_version
from writer_app.core.settings import load_settings
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.window.main_window import MainWindow


def answer_questions(window: MainWindow, answer: bool) -> list[str]:
    asked: list[str] = []

    def ask(title: str, text: str) -> bool:
        asked.append(f"{title}: {text}")
        return answer

    window.documents.ask_yes_no = ask  # type: ignore[method-assign]
    return asked


def open_story(window: MainWindow, tmp_path: Path, text: str = "First draft.") -> Path:
    path = tmp_path / "story.md"
    path.write_text(text, encoding="utf-8")
    assert window.documents.open_path(path)
    return path


def test_each_save_keeps_the_version_it_replaces(qtbot: QtBot, window: MainWindow,
                                                 tmp_path: Path) -> None:
    path = open_story(window, tmp_path)
    backup = backup_path(path, window.paths.backups_dir)
    assert backup.name.startswith("story (")
    assert backup.suffix == ".md"
    qtbot.keyClicks(window.editor, "Second. ")
    assert window.documents.save()
    assert backup.read_text(encoding="utf-8") == "First draft."
    qtbot.keyClicks(window.editor, "Third. ")
    assert window.documents.save()
    assert backup.read_text(encoding="utf-8") == "Second. First draft."
    assert path.read_text(encoding="utf-8") == "Second. Third. First draft."


def test_no_backup_when_the_writer_turns_it_off(qtbot: QtBot, window: MainWindow,
                                                tmp_path: Path) -> None:
    window.show_preferences()
    dialog = window.preferences_dialog
    assert dialog.backup.isChecked()
    dialog.backup.setChecked(False)
    dialog.accept()
    assert not window.settings.backup_on_save
    assert load_settings(window.paths.settings_file).backup_on_save is False
    path = open_story(window, tmp_path)
    qtbot.keyClicks(window.editor, "x")
    assert window.documents.save()
    assert not backup_path(path, window.paths.backups_dir).exists()


def test_files_with_one_name_in_two_folders_keep_apart(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one, two = tmp_path / "a" / "notes.md", tmp_path / "b" / "notes.md"
    assert backup_path(one, tmp_path) != backup_path(two, tmp_path)
    assert not keep_previous_version(one, backup_path(one, tmp_path))  # nothing to keep


def test_a_backup_across_disks_is_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         ) -> None:
    source = tmp_path / "novel.txt"
    source.write_text("old", encoding="utf-8")

    def cross_device(_source: object, _target: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cross_device)
    backup = backup_path(source, tmp_path / "backups")
    assert keep_previous_version(source, backup)
    source.write_text("new", encoding="utf-8")  # in place: the copy must not follow
    assert backup.read_text(encoding="utf-8") == "old"


def test_a_change_by_another_program_is_noticed_and_can_be_reloaded(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = open_story(window, tmp_path)
    path.write_text("Edited in another program.", encoding="utf-8")
    qtbot.waitUntil(lambda: "was changed by another program" in window.notice.text(),
                    timeout=5000)
    assert window.notice.close_button.text() == "Keep Mine"
    window.notice.action_button.click()  # Reload; nothing unsaved, so no question
    assert document_text(window.editor) == "Edited in another program."
    assert not window.editor.document().isModified()


def test_saving_over_an_external_change_asks_and_no_keeps_both(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = open_story(window, tmp_path)
    qtbot.keyClicks(window.editor, "Mine. ")
    path.write_text("Theirs.", encoding="utf-8")
    asked = answer_questions(window, answer=False)
    assert not window.documents.save()
    assert len(asked) == 1
    assert "“story.md” was changed by another program" in asked[0]
    assert path.read_text(encoding="utf-8") == "Theirs."
    assert window.editor.document().isModified()
    # Reloading with unsaved text asks too; No keeps the writer's text.
    assert not window.documents.reload_from_disk()
    assert document_text(window.editor) == "Mine. First draft."
    answer_questions(window, answer=True)
    assert window.documents.save()
    assert path.read_text(encoding="utf-8") == "Mine. First draft."
    assert backup_path(path, window.paths.backups_dir).read_text(encoding="utf-8") == \
        "Theirs."


def test_keep_mine_lets_the_next_save_replace_the_other_version(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = open_story(window, tmp_path)
    path.write_text("Theirs.", encoding="utf-8")
    qtbot.waitUntil(window.notice.isVisible, timeout=5000)
    window.notice.close_button.click()
    qtbot.keyClicks(window.editor, "Mine. ")
    asked = answer_questions(window, answer=False)
    assert window.documents.save()
    assert asked == []
    assert path.read_text(encoding="utf-8") == "Mine. First draft."


def test_our_own_save_is_not_taken_for_another_program(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    open_story(window, tmp_path)
    with qtbot.assertNotEmitted(window.documents.file_watch.changed):
        for _ in range(3):
            qtbot.keyClicks(window.editor, "x")
            assert window.documents.save()
            window.documents.file_watch.check()
    assert not window.notice.isVisible()


def test_a_deleted_file_is_noticed_and_saving_writes_it_again(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = open_story(window, tmp_path)
    path.unlink()
    qtbot.waitUntil(lambda: "was deleted or moved" in window.notice.text(), timeout=5000)
    asked = answer_questions(window, answer=False)
    window.editor.document().setModified(True)
    assert window.documents.save()
    assert asked == []
    assert path.read_text(encoding="utf-8") == "First draft."


def test_a_change_the_watcher_missed_is_caught_when_the_app_comes_back(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = open_story(window, tmp_path)
    watcher = window.documents.file_watch._watcher
    watcher.removePaths(watcher.files())  # as on a network drive
    path.write_text("Changed while I was away.", encoding="utf-8")
    with qtbot.waitSignal(window.documents.file_watch.changed):
        window.documents.file_watch._on_application_state(Qt.ApplicationState.ApplicationActive)
    assert "was changed by another program" in window.notice.text()
