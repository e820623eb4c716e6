"""File → Export… in the real window: the dialog's choices, the export written off the
GUI thread, and a failure told in words."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from writer_app.export.export_options import ExportFormat, PageSize
from writer_app.ui.documents.export_dialog import ExportDialog
from writer_app.ui.window.main_window import MainWindow


def test_the_dialog_gathers_the_writers_choices(qtbot: QtBot) -> None:
    dialog = ExportDialog("The Ferry")
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData(ExportFormat.PDF))
    dialog.title_page.setChecked(True)
    dialog.author.setText("A. Writer")
    dialog.page.setCurrentIndex(dialog.page.findData(PageSize.LETTER))
    dialog.manuscript.setChecked(True)
    assert not dialog.margin.isEnabled()
    options = dialog.options()
    assert (options.format, options.title, options.author, options.page_size) == (
        ExportFormat.PDF, "The Ferry", "A. Writer", PageSize.LETTER)
    assert (options.margin_mm, options.font_points, options.line_spacing) == (25.4, 12, 2.0)


def test_export_writes_the_document_and_leaves_it_untouched(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text("# The Ferry\n\nShe *left* at noon.\n", encoding="utf-8")
    assert window.documents.open_path(story)
    dialog = window.exporter.ask()
    assert dialog.title.text() == "story"
    target = tmp_path / "story.docx"
    window.exporter.export_to(target, dialog.options())
    dialog.reject()
    qtbot.waitUntil(lambda: window.exporter.last_target == target, timeout=20_000)
    word = docx.Document(str(target))
    assert [(p.style.name, p.text) for p in word.paragraphs] == [
        ("Heading 1", "The Ferry"), ("Normal", "She left at noon.")]
    assert window.status.currentMessage() == "Exported story.docx"
    assert window.editor.toPlainText() == "# The Ferry\n\nShe *left* at noon.\n"
    assert not window.editor.document().isModified()


def test_a_failed_export_is_told_in_words(window: MainWindow, qtbot: QtBot,
                                          tmp_path: Path) -> None:
    said: list[str] = []
    window.notify = lambda title, text: said.append(text)  # type: ignore[method-assign]
    window.editor.setPlainText("Words.")
    window.exporter.export_to(tmp_path / "no-such-folder" / "out.pdf",
                              window.exporter.ask().options())
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    assert "out.pdf" in said[0]


def test_the_paragraphs_typed_in_the_window_are_the_paragraphs_exported(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    """One Return starts a paragraph on screen; the export of a .md file agrees."""
    story = tmp_path / "dialogue.md"
    story.write_text("", encoding="utf-8")
    assert window.documents.open_path(story)
    for line in ('"Morning," he said.', '"Morning," she said.', "The boat lay on its side."):
        qtbot.keyClicks(window.editor, line)
        qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    document = window.editor.document()
    on_screen = [document.findBlockByNumber(n).text() for n in range(document.blockCount())]
    target = tmp_path / "dialogue.docx"
    dialog = window.exporter.ask()
    window.exporter.export_to(target, dialog.options())
    dialog.reject()
    qtbot.waitUntil(lambda: window.exporter.last_target == target, timeout=20_000)
    exported = [p.text for p in docx.Document(str(target)).paragraphs]
    assert exported == [text for text in on_screen if text]
    assert len(exported) == 3


def test_the_page_and_its_units_follow_the_writers_locale(qtbot: QtBot) -> None:
    from PySide6.QtCore import QLocale

    from writer_app.export.export_options import PageSize

    previous = QLocale()
    try:
        QLocale.setDefault(QLocale("en_US"))
        american = ExportDialog("The Ferry")
        qtbot.addWidget(american)
        assert american.page.currentData() == PageSize.LETTER
        assert american.margin.suffix() == " in"
        assert american.options().margin_mm == 25.4  # one inch
        QLocale.setDefault(QLocale("en_GB"))
        british = ExportDialog("The Ferry")
        qtbot.addWidget(british)
        assert british.page.currentData() == PageSize.A4
        assert british.margin.suffix() == " mm"
    finally:
        QLocale.setDefault(previous)


def test_the_dialog_remembers_title_and_author_per_document(
        window: MainWindow, tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text("Words.\n", encoding="utf-8")
    assert window.documents.open_path(story)
    window.exporter.choose_target = lambda options: None  # type: ignore[method-assign]
    dialog = window.exporter.ask()
    assert (dialog.title.text(), dialog.author.text()) == ("story", "")
    dialog.title.setText("The Ferry at Orrin")
    dialog.author.setText("A. Writer")
    dialog.accept()
    other = tmp_path / "notes.md"
    other.write_text("Notes.\n", encoding="utf-8")
    assert window.documents.open_path(other)
    second = window.exporter.ask()
    assert (second.title.text(), second.author.text()) == ("notes", "")
    second.reject()
    assert window.documents.open_path(story)
    again = window.exporter.ask()
    assert (again.title.text(), again.author.text()) == ("The Ferry at Orrin", "A. Writer")
    again.reject()
