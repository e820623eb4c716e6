"""Markdown in the real window: `.md` files look like what they mean, `.txt` stays
plain, and the look, spelling underlines and ghost text share each line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextLayout
from pytestqt.qtbot import QtBot

from tests.ui.spelling.test_spelling_window import marked, settle
from writer_app.ui.window.main_window import MainWindow

STORY = ("# The Ferry\n\nShe was *very* tired and **cold**.\n\n> A quote, `code`.\n\n"
         "- an item\n\n```\nteh code is not cheked\n```\n\n## Chaptr Two\n")


def open_story(window: MainWindow, qtbot: QtBot, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(STORY, encoding="utf-8")
    assert window.documents.open_path(path)
    settle(window, qtbot)
    # Fences are found a moment after the text arrives.
    qtbot.waitUntil(lambda: window.editor.decorations.fences.in_code(9) == name.endswith(".md"))
    settle(window, qtbot)


def formats_of(window: MainWindow, number: int) -> list[QTextLayout.FormatRange]:
    return list(window.editor.document().findBlockByNumber(number).layout().formats())


def covering(window: MainWindow, number: int, word: str) -> list[QTextCharFormat]:
    text = window.editor.document().findBlockByNumber(number).text()
    at = text.index(word)
    return [QTextCharFormat(r.format) for r in formats_of(window, number)
            if r.start <= at and at + len(word) <= r.start + r.length]


def test_a_markdown_file_shows_headings_emphasis_and_dimmed_marks(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    open_story(window, qtbot, tmp_path, "story.md")
    heading = covering(window, 0, "Ferry")
    assert any(f.fontWeight() == QFont.Weight.Bold and f.fontPointSize() > 15 for f in heading)
    assert any(f.fontItalic() for f in covering(window, 2, "very"))
    assert any(f.fontWeight() == QFont.Weight.Bold for f in covering(window, 2, "cold"))
    mark = covering(window, 2, "*")[0]
    assert mark.foreground().color().name() == "#a29d93"  # dimmed, still there
    assert "*very*" in window.editor.toPlainText()
    assert any(f.fontItalic() for f in covering(window, 4, "quote"))
    assert any(f.fontFamilies() for f in covering(window, 9, "cheked"))  # fixed width


def test_a_text_file_stays_plain(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    open_story(window, qtbot, tmp_path, "story.txt")
    assert covering(window, 0, "Ferry") == []
    assert covering(window, 2, "very") == []


def test_spelling_underlines_and_markdown_share_a_line_and_skip_code(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    open_story(window, qtbot, tmp_path, "story.md")
    assert marked(window, 12) == ["Chaptr"]
    assert any(f.fontPointSize() > 15 for f in covering(window, 12, "Chaptr"))
    assert marked(window, 9) == []  # fenced code is not checked
    # Ghost text in a heading: its own look, the heading's around it, nothing lost.
    end = window.editor.document().findBlockByNumber(12).position() + len("## Chaptr Two")
    cursor = window.editor.textCursor()
    cursor.setPosition(end)
    window.editor.setTextCursor(cursor)
    assert window.editor.show_ghost(end, " begins")
    settle(window, qtbot)
    assert marked(window, 12) == ["Chaptr"]
    ghost = [r for r in formats_of(window, 12) if r.start == len("## Chaptr Two")]
    assert ghost
    window.editor.clear_ghost()
    assert window.editor.toPlainText() == STORY


def test_the_outline_lists_headings_and_goes_to_them(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    open_story(window, qtbot, tmp_path, "story.md")
    window.outline.show()
    qtbot.waitUntil(lambda: window.outline.list.count() == 2)
    assert [window.outline.list.item(i).text() for i in range(2)] == [
        "The Ferry", "    Chaptr Two"]
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "### Scene")
    qtbot.waitUntil(lambda: window.outline.list.count() == 3, timeout=3000)
    window.outline.list.itemClicked.emit(window.outline.list.item(1))
    assert window.editor.textCursor().blockNumber() == 12


def test_a_line_added_above_fenced_code_decorates_only_what_changed(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    """Fences move down a line, but no line's look changes: the book is not decorated
    again (every paragraph of a novel spell-checked at each Return above a fence)."""
    path = tmp_path / "book.md"
    chapters = "".join(f"## Chapter {n}\n\nShe walked to the harbour.\n\n```\ncode {n}\n```\n\n"
                       for n in range(60))
    path.write_text(chapters, encoding="utf-8")
    assert window.documents.open_path(path)
    settle(window, qtbot)
    qtbot.waitUntil(lambda: window.editor.decorations.fences.in_code(5))
    settle(window, qtbot)
    source = window.markdown.source
    asked: list[str] = []
    formats = source.formats

    def counting(text: str, cursor: int, in_code: bool = False) -> list:
        asked.append(text)
        return formats(text, cursor, in_code)

    source.formats = counting  # type: ignore[method-assign]
    cursor = window.editor.textCursor()
    cursor.setPosition(0)
    window.editor.setTextCursor(cursor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    # Eight lines a chapter; the code line of the first moved from 5 to 6.
    qtbot.waitUntil(lambda: not window.editor.decorations.fences.in_code(5))
    settle(window, qtbot)
    assert len(asked) < 10, f"{len(asked)} paragraphs decorated again"
    code = window.editor.document().findBlockByNumber(6 + 8 * 59)
    assert code.text() == "code 59"
    assert window.editor.decorations.fences.in_code(code.blockNumber())
    assert any(QTextCharFormat(r.format).fontFamilies() for r in code.layout().formats())
    # A fence typed at the top turns prose into code and code into prose, all the way down.
    cursor.setPosition(0)
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "```")
    qtbot.waitUntil(lambda: window.editor.decorations.fences.in_code(3))
    settle(window, qtbot)
    prose = window.editor.document().findBlockByNumber(3 + 8 * 59)
    assert prose.text() == "She walked to the harbour."
    assert any(QTextCharFormat(r.format).fontFamilies() for r in prose.layout().formats())
    assert not any(QTextCharFormat(r.format).fontFamilies() for r in code.layout().formats())
