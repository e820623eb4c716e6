"""Characters outside the Basic Multilingual Plane (emoji, 𠀀, 𝔸) take two positions in Qt
and one in Python. Put them anywhere in the text, the ghost text and an input method's
composition: every decoration drawn in the real window covers exactly its characters,
and a spelling correction replaces exactly its word."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import (
    QFont,
    QInputMethodEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.ui.spelling.test_spelling_window import settle
from writer_app.core.utf16_positions import index_at, position_at
from writer_app.ui.editor.focus_source import DIMMED
from writer_app.ui.window.main_window import MainWindow

WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
ASTRAL = st.sampled_from(["😀", "😀😀", "𠀀", "𪚥", "𝔸", "👩‍👩‍👧"])
WORDS = st.sampled_from(["cat", "sat", "the", "sea", "teh", "recieve", "freind", "*quiet*",
                         "中文"])
TOKENS = st.one_of(WORDS, WORDS, ASTRAL)
LINES = st.lists(TOKENS, min_size=1, max_size=8).map(" ".join)
HEADINGS = LINES.map(lambda line: "# " + line)
TEXTS = st.lists(st.one_of(LINES, LINES, HEADINGS), min_size=1, max_size=4).map("\n".join)
INSERTED = st.text(st.sampled_from([*"ab ,.", "😀", "𠀀", "\n"]), min_size=1, max_size=12)
MISSPELLED = {"teh", "recieve", "freind"}


@pytest.fixture
def markdown_window(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """The real window with a Markdown file open and English spelling on."""
    path = tmp_path / "astral.md"
    path.write_text("start\n", encoding="utf-8")
    assert window.documents.open_path(path)
    settle(window, qtbot)
    assert window.markdown.source.enabled
    return window


def units(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def pieces(block: QTextBlock) -> tuple[list[str], list[tuple[str, QTextCharFormat]]]:
    """Return what the block's preedit ranges cover, and what every other range covers
    of the block's own text (a range the preedit area split is joined again). Decoding
    fails if a range cuts a character in half."""
    layout = block.layout()
    text = units(block.text())
    preedit = units(layout.preeditAreaText())
    at = layout.preeditAreaPosition() if preedit else -1
    size = len(preedit) // 2
    shown = text[:2 * at] + preedit + text[2 * at:] if preedit else text
    inside: list[str] = []
    outside: list[tuple[int, int, QTextCharFormat]] = []
    for r in layout.formats():
        start, end, f = r.start, r.start + r.length, QTextCharFormat(r.format)
        if preedit and at <= start and end <= at + size:
            inside.append(shown[2 * start:2 * end].decode("utf-16-le"))
            continue
        if preedit and start < at + size and end > at:
            raise AssertionError(f"a range {start}-{end} overlaps the preedit area at {at}")
        if preedit and start >= at + size:
            start, end = start - size, end - size
        joined = outside[-1] if outside else None
        if joined is not None and joined[1] == at == start and joined[2] == f:
            outside[-1] = (joined[0], end, f)
        else:
            outside.append((start, end, f))
    return inside, [(text[2 * a:2 * b].decode("utf-16-le"), f) for a, b, f in outside]


def check_every_decoration(window: MainWindow, cursor_block: int, inserted: str) -> None:
    """Every range covers exactly what it is for: misspelled words, emphasis, headings,
    dimmed paragraphs, and the inserted preedit text."""
    editor = window.editor
    block = editor.document().firstBlock()
    while block.isValid():
        text = block.text()
        at_cursor = block.blockNumber() == cursor_block
        cursor_index = (index_at(text, editor.textCursor().position() - block.position())
                        if at_cursor else -1)
        inside, outside = pieces(block)
        if at_cursor and inserted:
            assert inside == [inserted]
        else:
            assert inside == []
        underlined = [covers for covers, f in outside if f.underlineStyle() == WAVY]
        # Each misspelled word is marked once, whole; the one being typed is not.
        assert underlined == [word.text for word in window.spelling.source.misspelled(
            text, cursor_index)]
        for covers, f in outside:
            if f.fontPointSize() > 15:
                assert covers == text  # a heading: the whole line
            elif f.fontItalic():
                assert covers == "quiet"
            elif f.foreground().color().name() == DIMMED["light"]:
                assert not at_cursor
                assert covers == text
        block = block.next()


def put_cursor(window: MainWindow, text: str, index: int) -> int:
    cursor = window.editor.textCursor()
    cursor.setPosition(position_at(text, index))
    window.editor.setTextCursor(cursor)
    return cursor.blockNumber()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, place=st.tuples(st.integers(0, 10_000), st.booleans()), ghost=INSERTED)
def test_decorations_around_ghost_text_cover_exactly_their_characters(
        markdown_window: MainWindow, qtbot: QtBot, text: str, place: tuple[int, bool],
        ghost: str) -> None:
    window = markdown_window
    where, focus = place  # the cursor, and focus mode on or off
    editor = window.editor
    window.focus.source.active = focus
    editor.setPlainText(text)
    index = where % (len(text) + 1)
    block = put_cursor(window, text, index)
    editor.decorations.refresh()
    settle(window, qtbot)
    check_every_decoration(window, block, "")
    assert editor.show_ghost(editor.textCursor().position(), ghost)
    settle(window, qtbot)
    check_every_decoration(window, block, ghost.replace("\n", "\u2028"))
    editor.clear_ghost()
    assert editor.toPlainText() == text
    window.focus.source.active = False


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, where=st.integers(0, 10_000),
       preedit=st.text(st.sampled_from([*"zhong", "中", "😀", "𠀀"]), min_size=1,
                       max_size=6))
def test_decorations_around_a_composition_cover_exactly_their_characters(
        markdown_window: MainWindow, qtbot: QtBot, text: str, where: int,
        preedit: str) -> None:
    window = markdown_window
    editor = window.editor
    editor.setPlainText(text)
    block = put_cursor(window, text, where % (len(text) + 1))
    composing = QTextCharFormat()
    composing.setFontUnderline(True)
    composing.setFontWeight(QFont.Weight.Black)
    length = len(units(preedit)) // 2
    attribute = QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.TextFormat, 0,
                                            length, composing)
    QApplication.sendEvent(editor, QInputMethodEvent(preedit, [attribute]))
    settle(window, qtbot)
    check_every_decoration(window, block, preedit)
    QApplication.sendEvent(editor, QInputMethodEvent("", []))
    assert editor.toPlainText() == text


def correct(window: MainWindow, position: int, word: str, replacement: str) -> None:
    """Right-click the word at Qt `position` and choose `replacement`."""
    cursor = QTextCursor(window.editor.document())
    cursor.setPosition(position + 1)
    menu = QMenu()
    menu.addAction("Undo")
    window.spelling.add_to_context_menu(menu, window.editor.cursorRect(cursor).center())
    offered = [action for action in menu.actions() if action.text() == replacement]
    assert offered, f"{replacement!r} not offered for {word!r}: " + str(
        [action.text() for action in menu.actions()])
    offered[0].trigger()


def test_a_correction_after_an_emoji_replaces_exactly_its_word(
        markdown_window: MainWindow, qtbot: QtBot) -> None:
    window = markdown_window
    window.editor.setPlainText("Smile 😀 teh cat sat.")
    put_cursor(window, "Smile 😀 teh cat sat.", 0)
    settle(window, qtbot)
    correct(window, position_at("Smile 😀 teh cat sat.", 8), "teh", "the")
    assert window.editor.toPlainText() == "Smile 😀 the cat sat."


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, choice=st.integers(0, 100))
def test_every_correction_replaces_exactly_its_word(
        markdown_window: MainWindow, qtbot: QtBot, text: str, choice: int) -> None:
    window = markdown_window
    window.editor.setPlainText(text)
    put_cursor(window, text, 0)
    settle(window, qtbot)
    lines = text.split("\n")
    places = [(number, word) for number, line in enumerate(lines)
              for word in window.spelling.source.misspelled(line)
              if word.text in MISSPELLED]
    if not places:
        return
    number, word = places[choice % len(places)]
    start = sum(len(line) + 1 for line in lines[:number]) + word.start
    replacement = {"teh": "the", "recieve": "receive", "freind": "friend"}[word.text]
    correct(window, position_at(text, start), word.text, replacement)
    assert window.editor.toPlainText() == (text[:start] + replacement
                                           + text[start + len(word.text):])
