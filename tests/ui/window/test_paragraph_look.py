"""Paragraphs set apart on screen, in the real window: a gap after each paragraph or a
first-line indent, and line spacing, chosen in Preferences and kept. The file keeps one
line per paragraph: only the look changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontInfo, QTextCursor
from pytestqt.qtbot import QtBot

from writer_app.app import app_paths
from writer_app.core.paragraph_look import CJK_INDENT_EMS, LATIN_INDENT_EMS, ParagraphStyle
from writer_app.core.settings import load_settings
from writer_app.ui.editor.ghost_editor import GhostTextEdit
from writer_app.ui.editor.hit_test import hit_at
from writer_app.ui.preferences.preferences_dialog import PreferencesDialog
from writer_app.ui.window.main_window import MainWindow

LONG = ("The ferry at Orrin crossed the river eleven times a day in summer and seven times "
        "in winter, and for thirty-one years Hesper Vale had known the weight of every one "
        "of those crossings in her shoulders.")


def choose(qtbot: QtBot, window: MainWindow, style: ParagraphStyle, spacing: float) -> None:
    dialog = PreferencesDialog(window.settings, window.api_keys, window)
    qtbot.addWidget(dialog)
    dialog.paragraph_style.setCurrentIndex(dialog.paragraph_style.findData(style.value))
    dialog.line_spacing.setCurrentIndex(dialog.line_spacing.findData(spacing))
    window.apply_preferences(dialog)


def caret(editor: GhostTextEdit, position: int) -> QPoint:
    """The top left of the cursor drawn at `position`, in the viewport."""
    cursor = editor.textCursor()
    cursor.setPosition(position)
    return editor.cursorRect(cursor).topLeft()


def line_starts(editor: GhostTextEdit, block_number: int) -> list[int]:
    block = editor.document().findBlockByNumber(block_number)
    editor.blockBoundingRect(block)  # laid out, as for painting
    layout = block.layout()
    return [block.position() + layout.lineAt(n).textStart() for n in range(layout.lineCount())]


def test_paragraphs_have_a_gap_and_lines_are_spaced_by_default(window: MainWindow) -> None:
    editor = window.editor
    editor.setPlainText(f"{LONG}\n{LONG}")
    line = editor.fontMetrics().height()
    first, second = line_starts(editor, 0), line_starts(editor, 1)
    assert len(first) > 1  # the paragraph wraps in the column
    within = caret(editor, first[1]).y() - caret(editor, first[0]).y()
    between = caret(editor, second[0]).y() - caret(editor, first[-1]).y()
    assert within == pytest.approx(1.15 * line, abs=1.5)
    # The next paragraph's first line comes a line and a gap after this one's last.
    assert between == pytest.approx(within + 0.6 * line, abs=1.5)
    assert caret(editor, second[0]).x() == caret(editor, first[0]).x()  # no indent


def test_first_line_indent_and_double_spacing_from_preferences(qtbot: QtBot,
                                                               window: MainWindow) -> None:
    choose(qtbot, window, ParagraphStyle.INDENTED, 2.0)
    editor = window.editor
    editor.setPlainText(f"{LONG}\n{LONG}\n\n　　他走进房间。\n“你好，”她说。\n\tBy hand.")
    em = QFontInfo(editor.document().defaultFont()).pixelSize()
    line = editor.fontMetrics().height()
    first, second = line_starts(editor, 0), line_starts(editor, 1)
    margin = caret(editor, first[1]).x()  # a wrapped line starts at the margin
    assert caret(editor, first[0]).x() - margin == pytest.approx(LATIN_INDENT_EMS * em, abs=1)
    within = caret(editor, first[1]).y() - caret(editor, first[0]).y()
    assert within == pytest.approx(2 * line, abs=1.5)
    # No gap: the next paragraph's first line is one (double) line below.
    assert caret(editor, second[0]).y() - caret(editor, first[-1]).y() == pytest.approx(
        within, abs=1.5)
    chinese = editor.document().findBlockByNumber(4).position()
    assert caret(editor, chinese).x() - margin == pytest.approx(CJK_INDENT_EMS * em, abs=1)
    # A paragraph the writer indented by hand gets no second indent; neither does the
    # Chinese one indented with full-width spaces.
    for number in (3, 5):
        block = editor.document().findBlockByNumber(number)
        assert block.layout().lineAt(0).x() == pytest.approx(
            editor.document().documentMargin())
    saved = load_settings(app_paths().settings_file)
    assert (saved.paragraph_style, saved.line_spacing) == (ParagraphStyle.INDENTED, 2.0)
    assert editor.document().toPlainText().startswith(LONG + "\n" + LONG)  # text unchanged


def test_typing_and_clicking_in_an_indented_paragraph(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    choose(qtbot, window, ParagraphStyle.INDENTED, 1.5)
    editor = window.editor
    editor.setPlainText(LONG)
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor, "Then ")
    assert editor.document().toPlainText() == "Then " + LONG
    margin = editor.document().documentMargin()
    assert editor.document().firstBlock().layout().lineAt(0).x() > margin + 1  # still indented
    # A click lands on the character drawn there, on the indented line and the next.
    for position in (line_starts(editor, 0)[0] + 2, line_starts(editor, 0)[1] + 3):
        point = caret(editor, position) + QPoint(1, editor.fontMetrics().height() // 2)
        qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert editor.textCursor().position() == position


def test_markdown_headings_lists_and_code_are_not_indented(qtbot: QtBot, window: MainWindow,
                                                           tmp_path) -> None:
    choose(qtbot, window, ParagraphStyle.INDENTED, 1.0)
    path = tmp_path / "book.md"
    path.write_text("# Chapter\nProse.\n- item\n> quote\n```\ncode\n```\nMore prose.\n",
                    encoding="utf-8")
    window.documents.open_path(path)
    qtbot.waitUntil(lambda: window.editor.decorations.fences.in_code(5))
    window.editor.viewport().repaint()
    margin = window.editor.document().documentMargin()
    indented = [window.editor.document().findBlockByNumber(n).layout().lineAt(0).x() > margin
                for n in range(8)]
    assert indented == [False, True, False, False, False, False, False, True]


def test_the_end_of_a_long_spaced_document_comes_into_view(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    choose(qtbot, window, ParagraphStyle.SPACED, 2.0)
    editor = window.editor
    editor.setPlainText("\n".join([LONG] * 300))
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.ensureCursorVisible()
    qtbot.wait(10)
    rect = editor.cursorRect()
    assert rect.top() >= 0
    assert rect.bottom() <= editor.viewport().height()


def test_a_point_between_two_lines_belongs_to_the_nearer(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    choose(qtbot, window, ParagraphStyle.SPACED, 2.0)
    editor = window.editor
    editor.setPlainText(LONG)
    editor.show_ghost(len(LONG), " It was late.")  # clicks beside ghost text go by hit_at
    first, second = line_starts(editor, 0)[:2]
    height = editor.fontMetrics().height()
    below_first = caret(editor, first + 3) + QPoint(1, height + 3)
    above_second = caret(editor, second + 3) + QPoint(1, -3)
    assert hit_at(editor, below_first).position == first + 3
    assert hit_at(editor, above_second).position == second + 3


def test_a_click_between_lines_lands_under_the_mouse_on_the_nearer_line(
        qtbot: QtBot, window: MainWindow) -> None:
    choose(qtbot, window, ParagraphStyle.SPACED, 2.0)
    editor = window.editor
    editor.setPlainText(f"{LONG}\n{LONG}")
    height = editor.fontMetrics().height()
    first, second = line_starts(editor, 0), line_starts(editor, 1)

    def click(point: QPoint) -> int:
        qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=point)
        return editor.textCursor().position()

    # Between two wrapped lines of a paragraph: just below the first, just above the second.
    assert click(caret(editor, first[0] + 10) + QPoint(1, height + 3)) == first[0] + 10
    assert click(caret(editor, first[1] + 10) + QPoint(1, -3)) == first[1] + 10
    # In the gap after a paragraph: its last line, or the next one's first, by distance.
    assert click(caret(editor, first[-1] + 5) + QPoint(1, height + 3)) == first[-1] + 5
    assert click(caret(editor, second[0] + 5) + QPoint(1, -3)) == second[0] + 5


def test_ghost_text_that_starts_a_paragraph_looks_like_one(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    choose(qtbot, window, ParagraphStyle.INDENTED, 1.0)
    editor = window.editor
    editor.setPlainText("The boat lay on its side.")
    editor.show_ghost(len(editor.toPlainText()), "\nThe tide came in.")
    layout = editor.document().firstBlock().layout()
    editor.blockBoundingRect(editor.document().firstBlock())
    margin = editor.document().documentMargin()
    assert layout.lineCount() == 2
    indents = [layout.lineAt(n).x() - margin for n in range(2)]
    assert indents[1] == pytest.approx(indents[0])  # indented as the paragraph will be
    assert indents[1] > 0
    choose(qtbot, window, ParagraphStyle.SPACED, 1.0)
    editor.blockBoundingRect(editor.document().firstBlock())
    gap = layout.lineAt(1).y() - layout.lineAt(0).rect().bottom()
    assert gap == pytest.approx(0.6 * layout.lineAt(0).height(), abs=1)


def test_a_click_in_a_gap_inside_the_selection_lands_under_the_mouse(
        qtbot: QtBot, window: MainWindow) -> None:
    choose(qtbot, window, ParagraphStyle.SPACED, 2.0)
    editor = window.editor
    editor.setPlainText(LONG)
    first = line_starts(editor, 0)
    cursor = editor.textCursor()
    cursor.setPosition(first[0] + 4)
    cursor.setPosition(first[0] + 30, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    # Qt places the cursor on release for a press inside a selection.
    point = caret(editor, first[0] + 10) + QPoint(1, editor.fontMetrics().height() + 3)
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert editor.textCursor().position() == first[0] + 10
    assert not editor.textCursor().hasSelection()
