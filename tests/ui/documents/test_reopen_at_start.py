"""Restarting opens the document the writer had open, where they left it (cursor and the
page on screen), rather than a blank page; File → Open Recent lists it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.conftest import answer_dialogs
from tests.ui.fakes import FakeBridge
from writer_app.app import app_paths, open_at_start
from writer_app.core.settings import Settings, load_settings, save_settings
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.window.main_window import MainWindow

STORY = "".join(f"Paragraph {n}: the tide came in over the 😀 stones.\n" for n in range(300))


def restart(qtbot: QtBot, bridge: FakeBridge) -> MainWindow:
    """A new window on the settings the last one saved, as the app starts."""
    window = MainWindow(load_settings(app_paths().settings_file), app_paths(), bridge)  # type: ignore[arg-type]
    answer_dialogs(window)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    open_at_start(window, None)
    return window


def test_the_last_document_reopens_where_the_writer_left_it(
        qtbot: QtBot, writer_home: Path, fake_bridge: FakeBridge, tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text(STORY, encoding="utf-8")
    first = MainWindow(Settings(), app_paths(), fake_bridge)  # type: ignore[arg-type]
    answer_dialogs(first)
    qtbot.addWidget(first)
    first.resize(800, 600)
    first.show()
    assert first.documents.open_path(story)
    where = STORY.index("Paragraph 200:") + len("Paragraph 200: the tide")
    cursor = first.editor.textCursor()
    cursor.setPosition(where + STORY[:where].count("😀"))  # one more UTF-16 unit each
    first.editor.setTextCursor(cursor)
    first.editor.centerCursor()
    top = first.editor.firstVisibleBlock().blockNumber()
    assert top > 150
    first.close()

    again = restart(qtbot, fake_bridge)
    assert again.documents.path == story
    text = document_text(again.editor)
    assert text == STORY
    at = again.editor.textCursor().position() - text[:where].count("😀")
    assert at == where
    assert abs(again.editor.firstVisibleBlock().blockNumber() - top) <= 1
    assert str(story.resolve()) in again.settings.recent_files[0]
    again.close()


def test_a_blank_page_when_the_writer_turned_it_off_or_the_file_is_gone(
        qtbot: QtBot, writer_home: Path, fake_bridge: FakeBridge, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Words.\n", encoding="utf-8")
    first = MainWindow(Settings(reopen_last_document=False), app_paths(), fake_bridge)  # type: ignore[arg-type]
    answer_dialogs(first)
    qtbot.addWidget(first)
    assert first.documents.open_path(story)
    first.editor.moveCursor(QTextCursor.MoveOperation.End)
    first.close()
    assert restart(qtbot, fake_bridge).documents.path is None
    settings = load_settings(app_paths().settings_file)
    settings.reopen_last_document = True
    settings.add_recent_file(tmp_path / "gone.md")
    save_settings(settings, app_paths().settings_file)
    assert restart(qtbot, fake_bridge).documents.path is None
