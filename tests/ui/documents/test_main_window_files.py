"""Opening, saving, prompts, find and replace, and the status bar, in the real window."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from writer_app.core import document_io
from writer_app.core.document_io import TextFormat, encode_text
from writer_app.ui.editor.ghost_editor import document_text
from writer_app.ui.window.main_window import MainWindow

Button = QMessageBox.StandardButton


def test_open_edit_and_save_keeps_encoding_and_line_endings(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(encode_text("Dear Ana,\nthank you.\n", TextFormat("utf-16-le", "\r\n")))
    assert window.documents.open_path(path)
    assert window.status.format_label.text() == "UTF-16 LE · CRLF"
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, "Ciao!")
    assert window.documents.save()
    assert path.read_bytes() == encode_text("Dear Ana,\nthank you.\nCiao!",
                                            TextFormat("utf-16-le", "\r\n"))


def test_non_breaking_spaces_and_unusual_characters_survive(
        window: MainWindow, tmp_path: Path) -> None:
    text = "Il dit\u00a0: « bonjour »\u2028ligne\ttab — fin"
    path = tmp_path / "fr.md"
    path.write_text(text, encoding="utf-8")
    window.documents.open_path(path)
    window.editor.document().setModified(True)
    assert window.documents.save()
    assert path.read_text(encoding="utf-8") == text


def test_a_new_window_has_nothing_to_save_and_closes_without_asking(
        qtbot: QtBot, window: MainWindow) -> None:
    assert not window.editor.document().isModified()
    asked: list[bool] = []
    window.documents.ask_save_changes = lambda: asked.append(True) or Button.Cancel  # type: ignore[method-assign]
    assert window.close()
    assert asked == []


def test_title_shows_the_name_and_a_modified_marker(qtbot: QtBot, window: MainWindow,
                                                    tmp_path: Path) -> None:
    assert window.windowTitle() == "Untitled[*] — Local Writer"
    path = tmp_path / "notes.md"
    path.write_text("hi")
    window.documents.open_path(path)
    assert window.windowTitle() == "notes.md[*] — Local Writer"
    assert not window.isWindowModified()
    qtbot.keyClicks(window.editor, "x")
    assert window.isWindowModified()
    window.documents.save()
    assert not window.isWindowModified()


def test_a_failed_save_keeps_the_old_file_the_text_and_says_why(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "chapter.md"
    path.write_text("old text")
    window.documents.open_path(path)
    qtbot.keyClicks(window.editor, "new words ")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(document_io.os, "fsync", full_disk)
    assert not window.documents.save()
    assert path.read_text() == "old text"
    assert "disk is full" in window.last_notice
    assert window.editor.document().isModified()
    assert document_text(window.editor) == "new words old text"
    monkeypatch.undo()
    assert window.documents.save()
    assert path.read_text() == "new words old text"


def test_save_as_a_new_file(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "story.md"
    window.documents.choose_save_path = lambda: target  # type: ignore[method-assign]
    qtbot.keyClicks(window.editor, "Once upon a time")
    assert window.documents.save()
    assert target.read_text() == "Once upon a time"
    assert window.documents.path == target
    assert window.settings.recent_files[0] == str(target.resolve())


@pytest.mark.parametrize(("answer", "closes"), [(Button.Cancel, False), (Button.Discard, True)])
def test_closing_with_unsaved_changes_asks(qtbot: QtBot, window: MainWindow,
                                           answer: Button, closes: bool) -> None:
    asked: list[bool] = []

    def ask() -> Button:
        asked.append(True)
        return answer

    window.documents.ask_save_changes = ask  # type: ignore[method-assign]
    qtbot.keyClicks(window.editor, "precious words")
    assert window.close() is closes
    assert asked == [True]
    assert document_text(window.editor) == "precious words"


def test_closing_and_choosing_save_writes_the_file(qtbot: QtBot, window: MainWindow,
                                                   tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    window.documents.start_new_file_at(path)
    qtbot.keyClicks(window.editor, "keep me")
    window.documents.ask_save_changes = lambda: Button.Save  # type: ignore[method-assign]
    assert window.close()
    assert path.read_text() == "keep me"


def test_opening_another_file_asks_about_unsaved_changes(qtbot: QtBot, window: MainWindow,
                                                         tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("other")
    qtbot.keyClicks(window.editor, "draft")
    window.documents.ask_save_changes = lambda: Button.Cancel  # type: ignore[method-assign]
    window.documents.open_with_prompt(other)
    assert document_text(window.editor) == "draft"
    window.documents.ask_save_changes = lambda: Button.Discard  # type: ignore[method-assign]
    window.documents.open_with_prompt(other)
    assert document_text(window.editor) == "other"


def test_a_binary_file_is_refused_and_the_document_kept(qtbot: QtBot, window: MainWindow,
                                                        tmp_path: Path) -> None:
    qtbot.keyClicks(window.editor, "mine")
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00")
    assert not window.documents.open_path(image)
    assert "binary" in window.last_notice
    assert document_text(window.editor) == "mine"


@pytest.mark.parametrize("accept", [True, False])
def test_invalid_utf8_asks_then_keeps_every_byte(window: MainWindow, tmp_path: Path,
                                                 accept: bool) -> None:
    data = b"Caf\xe9 cr\xe8me \x93quoted\x94\nline two\n"
    path = tmp_path / "old.txt"
    path.write_bytes(data)
    questions: list[str] = []

    def answer(_title: str, text: str) -> bool:
        questions.append(text)
        return accept

    window.documents.ask_yes_no = answer  # type: ignore[method-assign]
    assert window.documents.open_path(path) is accept
    assert "not valid UTF-8" in questions[0]
    if accept:
        assert document_text(window.editor) == "Café crème “quoted”\nline two\n"
        assert window.status.format_label.text() == "Windows-1252 · LF"
        window.editor.document().setModified(True)
        assert window.documents.save()
        assert path.read_bytes() == data
    else:
        assert document_text(window.editor) == ""


def test_characters_the_encoding_cannot_store_ask_before_changing_it(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(b"caf\xe9")
    window.documents.ask_yes_no = lambda _t, _q: True  # type: ignore[method-assign]
    window.documents.open_path(path)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    window.editor.insertPlainText(" 漢字")  # QTest cannot type CJK offscreen
    questions: list[str] = []
    window.documents.ask_yes_no = lambda _t, q: questions.append(q) is None  # type: ignore[method-assign]
    assert window.documents.save()
    assert "cannot be stored in Windows-1252" in questions[0]
    assert path.read_bytes() == "café 漢字".encode()


def test_missing_file_on_the_command_line_becomes_a_new_document(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "new-book.md"
    window.documents.start_new_file_at(path)
    assert window.windowTitle() == "new-book.md[*] — Local Writer"
    qtbot.keyClicks(window.editor, "Chapter 1")
    assert window.documents.save()
    assert path.read_text() == "Chapter 1"


def test_recent_files_are_remembered(window: MainWindow, tmp_path: Path) -> None:
    first, second = tmp_path / "1.md", tmp_path / "2.md"
    first.write_text("one")
    second.write_text("two")
    window.documents.open_path(first)
    window.documents.open_path(second)
    assert window.settings.recent_files[:2] == [str(second.resolve()), str(first.resolve())]
    window.file_menu.fill_recent_menu()
    shown = [a.text() for a in window.file_menu.recent_menu.actions()]
    assert shown[:2] == window.settings.recent_files[:2]


def test_undo_and_redo(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.editor, "hello")
    window.editor.undo()
    assert document_text(window.editor) == ""
    window.editor.redo()
    assert document_text(window.editor) == "hello"


def test_word_and_character_counts(qtbot: QtBot, window: MainWindow) -> None:
    window.editor.insertPlainText("Don't stop — a well-known tale.")  # QTest types ASCII only
    qtbot.waitUntil(lambda: window.status.counts_label.text() == "5 words · 31 characters")


def test_find_and_replace_all_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    window.editor.setPlainText("The cat and the Cat and the CAT.")
    window.find_bar.open_bar(with_replace=True)
    window.find_bar.find_field.setText("cat")
    window.find_bar.replace_field.setText("dog")
    assert window.find_bar.replace_all() == 3
    assert document_text(window.editor) == "The dog and the dog and the dog."
    window.editor.undo()
    assert document_text(window.editor) == "The cat and the Cat and the CAT."
    window.find_bar.case_box.setChecked(True)
    assert window.find_bar.find_next()
    assert window.editor.textCursor().selectedText() == "cat"
    window.find_bar.replace_one()
    assert document_text(window.editor) == "The dog and the Cat and the CAT."
    window.find_bar.find_field.setText("nowhere")
    assert not window.find_bar.find_next()
    assert window.find_bar.status.text() == "Not found"
    qtbot.keyClick(window.find_bar.find_field, Qt.Key.Key_Escape)
    assert window.find_bar.isHidden()


def test_themes_switch_and_ghost_text_stays_readable(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QPalette

    def colors() -> tuple[int, int, int]:
        palette = window.editor.palette()
        return (palette.color(QPalette.ColorRole.Base).lightness(),
                palette.color(QPalette.ColorRole.Text).lightness(),
                palette.color(QPalette.ColorRole.PlaceholderText).lightness())

    window.set_theme("dark")
    qtbot.waitUntil(lambda: colors()[0] < 80)
    base, text, ghost = colors()
    assert base < ghost < text  # ghost text sits between page and ink
    window.set_theme("light")
    qtbot.waitUntil(lambda: colors()[0] > 200)
    base, text, ghost = colors()
    assert base > ghost > text
    assert window.settings.theme == "light"
